"""Reads for safeguarding: concerns (safeguarding leads only), background checks and training.

Reading a concern is audited: pages and the API open one through
``services.concern_read`` / ``services.concerns_list_read``, which call these selectors.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Exists, OuterRef, QuerySet, Value, When
from django.http import Http404

from heard.core import events
from heard.core.audit import history_for
from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding.models import BackgroundCheck, Concern, ConcernChange, TrainingRecord
from heard.safeguarding.policies import CHECKS, CONCERNS, TRAINING

#: A concern still waiting for a decision after this long is flagged to every safeguarding lead.
CONCERN_FLAG_AFTER = datetime.timedelta(hours=24)
#: Checks due for renewal within this many days are listed.
CHECK_DUE_WITHIN_DAYS = 30


def concerns_visible_to(user: Any) -> QuerySet[Concern]:
    """The concerns ``user`` may read, with the session each was raised from (if any), read
    through participation's link (``concern.session_link``) without importing it."""
    return CONCERNS.scope(user, "view").select_related(
        "young_person",
        "young_person__organisation",
        "session_link__session",
        "raised_by",
        "assigned_to",
    )


def concerns_urgent_first(user: Any) -> QuerySet[Concern]:
    """The leads' list of concerns: those a young person raised in the portal and nobody has
    decided on yet come first (``urgent``, ``Concern.is_urgent``), then the newest."""
    return (
        concerns_visible_to(user)
        .annotate(
            urgent=Case(
                When(
                    source=Concern.Source.PORTAL,
                    status__in=(Concern.Status.OPEN, Concern.Status.ASSIGNED),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-urgent", "-created_at", "-id")
    )


def _get(rows: QuerySet[Any], pk: Any, missing: str) -> Any:
    found = rows.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404(missing)
    return found


def concern_get(user: Any, pk: Any) -> Concern:
    return _get(concerns_visible_to(user), pk, "No such concern.")


def concerns_waiting(*, user: Any, now: datetime.datetime) -> list[Concern]:
    """Concerns raised more than 24 hours ago with no decision yet, oldest first."""
    return list(
        concerns_visible_to(user)
        .filter(
            status__in=(Concern.Status.OPEN, Concern.Status.ASSIGNED),
            created_at__lt=now - CONCERN_FLAG_AFTER,
        )
        .order_by("created_at", "id")
    )


# A concern's audit trail -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TrailChange:
    """One field of one change: its label and the values before and after, as shown to a lead.
    ``recorded`` is false when only the field's name was kept (the text someone gave when
    raising the concern, and changes audited before the values were kept)."""

    field: str
    label: str
    old: str | None
    new: str | None
    recorded: bool


@dataclasses.dataclass(frozen=True)
class TrailEntry:
    at: datetime.datetime
    actor_id: int | None
    actor_name: str
    action: str
    description: str
    via: str
    changes: list[TrailChange]


def concern_trail(user: Any, concern: Concern) -> QuerySet[AuditEntry]:
    """Every audit entry about ``concern`` (reads, raising, changes), newest first: for
    safeguarding leads only. Pages and the API read it after ``services.concern_read``, which
    audits that the lead opened the concern."""
    if not CONCERNS.allows(user, "view", concern):
        return AuditEntry.objects.none()
    return history_for(concern)


def _shown(name: str, value: Any, names: dict[int, str]) -> str | None:
    """A kept value as a lead reads it (``core.events.value_text``); None when empty."""
    if value is None or value == "":
        return None
    return events.value_text(Concern, name, value, names)


def _raised(entry: AuditEntry) -> str:
    named = entry.changes or {}
    order = [name for name in Concern.RAISED_FIELDS if name in named]
    order += sorted(set(named) - set(order))
    given = ", ".join(events.field_label(Concern, name).lower() for name in order)
    return f"Raised the concern, giving: {given}" if given else "Raised it"


def _changes(entry: AuditEntry, values: dict[str, Any] | None, names: dict) -> list[TrailChange]:
    """Each field an entry names, with the values kept for it (``ConcernChange``) if any."""
    changes = []
    for name in entry.changes or {}:
        pair = values.get(name) if values else None
        changes.append(
            TrailChange(
                field=name,
                label=events.field_label(Concern, name),
                old=_shown(name, pair[0], names) if pair else None,
                new=_shown(name, pair[1], names) if pair else None,
                recorded=pair is not None,
            )
        )
    return changes


def concern_trail_rows(entries: Iterable[AuditEntry]) -> list[TrailEntry]:
    """The trail's entries as a lead reads them (one page of ``concern_trail``): who, when, what,
    and for each change every field from what to what. Two queries, whatever the page's size:
    the values kept for its changes, and the names of the staff those values name."""
    entries = list(entries)
    kept = dict(
        ConcernChange.objects.filter(entry__in=[entry.pk for entry in entries]).values_list(
            "entry_id", "values"
        )
    )
    names = events.staff_names(
        events.staff_ids(Concern, [SimpleNamespace(changes=values) for values in kept.values()])
    )
    rows = []
    for entry in entries:
        kind = events.lookup(entry.event)
        via = ""
        if entry.action == AuditEntry.Action.READ:
            via = str((entry.metadata or {}).get("via", ""))
            description = kind.detail(entry.metadata) or "Read it"
        elif entry.action == AuditEntry.Action.CREATE:
            description = _raised(entry)
        else:
            description = kind.label
        actor = entry.actor
        rows.append(
            TrailEntry(
                at=entry.at,
                actor_id=entry.actor_id,
                actor_name=(actor.full_name or actor.email) if actor is not None else "System",
                action=entry.action,
                description=description,
                via=via,
                changes=_changes(entry, kept.get(entry.pk), names),
            )
        )
    return rows


def safeguarding_leads() -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(role=Role.SAFEGUARDING_LEAD, is_active=True)
        .order_by("full_name")
    )


# Background checks and training ------------------------------------------------------------------


def _current_on(day: datetime.date) -> QuerySet[BackgroundCheck]:
    return BackgroundCheck.objects.filter(issued_on__lte=day, renewal_due__gte=day)


def staff_records_visible_to(user: Any, model: type[Any]) -> QuerySet[Any]:
    """The background checks or training records (``model``) ``user`` may read."""
    policy = CHECKS if model is BackgroundCheck else TRAINING
    return policy.scope(user, "view").select_related("staff", "staff__organisation")


def staff_record_get(user: Any, model: type[Any], pk: Any) -> Any:
    return _get(staff_records_visible_to(user, model), pk, f"No such {model._meta.verbose_name}.")


def background_checks_visible_to(user: Any) -> QuerySet[BackgroundCheck]:
    return staff_records_visible_to(user, BackgroundCheck)


def _due(*, user: Any, today: datetime.date) -> QuerySet[BackgroundCheck]:
    latest = BackgroundCheck.objects.filter(staff=OuterRef("staff")).order_by("-renewal_due", "-id")
    return background_checks_visible_to(user).filter(
        staff__is_active=True,
        pk__in=latest.values("pk")[:1],
        renewal_due__lte=today + datetime.timedelta(days=CHECK_DUE_WITHIN_DAYS),
    )


def checks_due(*, user: Any, today: datetime.date) -> list[BackgroundCheck]:
    """Each active staff member's latest check when it is due for renewal within 30 days (or
    already past), soonest first."""
    return list(_due(user=user, today=today).order_by("renewal_due", "id"))


def checks_due_count(*, user: Any, today: datetime.date) -> int:
    """How many ``checks_due`` lists, counted by the database (a safeguarding lead's home page:
    no rows, no staff or organisation joined to them)."""
    return _due(user=user, today=today).select_related(None).order_by().count()


def staff_without_current_check(*, user: Any, today: datetime.date) -> QuerySet[Any]:
    """Active staff who work with young people (not board members) with no check current today."""
    if not CHECKS.allows(user, "view"):
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(role__in=("", Role.BOARD_MEMBER))
        .exclude(Exists(_current_on(today).filter(staff=OuterRef("pk"))))
        .select_related("organisation")
        .order_by("full_name")
    )


def staff_check_problems(*, staff: Iterable[Any], on: datetime.date) -> list[str]:
    """Why each of ``staff`` may not be recorded as present with young people on ``on``: one
    message per person with no enhanced DBS check current on that day (empty when all have one)."""
    chosen = [user for user in staff if getattr(user, "pk", None) is not None]
    if not chosen:
        return []
    covered = set(
        _current_on(on)
        .filter(staff__in=[user.pk for user in chosen])
        .values_list("staff_id", flat=True)
    )
    return [
        f"{user.full_name or user.email} has no current enhanced DBS check recorded for "
        f"{on:%-d %B %Y}, so cannot be recorded as present at a session with young people. "
        "Ask a participation lead to record their check under Staff checks."
        for user in chosen
        if user.pk not in covered
    ]


def training_record_get(user: Any, pk: Any) -> TrainingRecord:
    return staff_record_get(user, TrainingRecord, pk)


def staff_choices() -> QuerySet[Any]:
    """Staff a check or training record can be for: every active staff account."""
    return get_user_model().objects.filter(is_active=True).exclude(role="").order_by("full_name")
