"""Every write to themes, groups, their lifecycle and membership: validate, check, save, audit."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import is_partner_worker, is_programme_staff, is_theme_lead, require
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview
from heard.groups.signals import group_kind_changed, group_links_changed, theme_lead_changed
from heard.people.models import Organisation, User, YoungPerson

THEME_FIELDS = ("title", "period", "lead", "status", "description")
GROUP_FIELDS = (
    "name",
    "kind",
    "host_organisation",
    "stage",
    "stage_changed_on",
    "start_date",
    "planned_end_date",
    "cadence",
    "description",
    "leads",
)
GROUP_UPDATABLE = frozenset(
    {
        "name",
        "kind",
        "host_organisation",
        "start_date",
        "planned_end_date",
        "cadence",
        "description",
        "leads",
        "themes",
    }
)

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def _long_date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def validate_period(period: str) -> None:
    """A period is a year span like 2025-26: the second part is the year after the first."""
    match = _PERIOD.match(period or "")
    if not match:
        raise ValidationError({"period": "Enter the period as a year span, like 2025-26."})
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise ValidationError(
            {
                "period": f"The period must span one year: {first}-{(first + 1) % 100:02d}, "
                f"not {period}."
            }
        )


def _group_snapshot(group: Group) -> dict[str, Any]:
    data = audit.snapshot(group, GROUP_FIELDS)
    data["themes"] = (
        sorted(f"{link.theme_id}:{link.relationship}" for link in group.theme_links.all())
        if group.pk
        else []
    )
    return data


def _validate_group_dates(group: Group) -> None:
    start, end = group.start_date, group.planned_end_date
    if start and end:
        if end <= start:
            raise ValidationError(
                {"planned_end_date": "The planned end date must be after the start date."}
            )
        latest = start + datetime.timedelta(days=Group.BUDDY_GROUP_MAX_DAYS)
        if group.kind == Group.Kind.BUDDY_GROUP and end > latest:
            raise ValidationError(
                {
                    "planned_end_date": "A Buddy Group runs for up to one year: the planned end "
                    f"date must be on or before {_long_date(latest)}."
                }
            )


def _clean_theme_links(
    themes: Iterable[tuple[Theme, str]],
) -> list[tuple[Theme, str]]:
    links: list[tuple[Theme, str]] = []
    seen: set[int] = set()
    for theme, relationship in themes:
        if relationship not in GroupTheme.Relationship.values:
            raise ValidationError({"themes": f"“{relationship}” is not a relationship to a theme."})
        if theme.pk in seen:
            raise ValidationError(
                {"themes": f"{theme} is listed twice: choose working on or affected by."}
            )
        seen.add(theme.pk)
        links.append((theme, relationship))
    return links


def _check_group_scope(
    actor: User | None,
    *,
    host_organisation: Organisation,
    leads: Iterable[User],
    themes: Iterable[tuple[Theme, str]],
) -> None:
    """Theme leads and partner workers may only create or keep groups they are responsible for."""
    if actor is None or is_programme_staff(actor):
        return
    if is_partner_worker(actor) and host_organisation.pk != actor.organisation_id:
        raise ValidationError(
            {"host_organisation": "You can only keep groups hosted by your own organisation."}
        )
    if is_theme_lead(actor):
        leads_it = any(user.pk == actor.pk for user in leads)
        on_their_theme = any(theme.lead_id == actor.pk for theme, _ in themes)
        if not (leads_it or on_their_theme):
            raise ValidationError(
                {
                    "leads": "Add yourself as a lead, or link the group to a theme you lead: "
                    "theme leads keep the groups they are responsible for."
                }
            )


def _validate_leads(leads: Iterable[User]) -> list[User]:
    result = list(leads)
    for user in result:
        if not user.is_active:
            raise ValidationError({"leads": f"{user} is not an active member of staff."})
    return result


# --- Themes -------------------------------------------------------------------------------------


@transaction.atomic
def theme_create(
    *,
    actor: User | None,
    title: str,
    period: str,
    lead: User | None = None,
    status: str = Theme.Status.ACTIVE,
    description: str = "",
) -> Theme:
    require(actor, "groups.add_theme")
    validate_period(period)
    theme = Theme(title=title, period=period, lead=lead, status=status, description=description)
    theme.full_clean()
    theme.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=theme,
        changes=audit.diff({}, audit.snapshot(theme, THEME_FIELDS)),
    )
    return theme


@transaction.atomic
def theme_update(*, actor: User | None, theme: Theme, **fields: Any) -> Theme:
    require(actor, "groups.change_theme", theme)
    unknown = set(fields) - set(THEME_FIELDS)
    if unknown:
        raise TypeError(f"theme_update() got unknown fields: {', '.join(sorted(unknown))}")
    if "period" in fields:
        validate_period(fields["period"])
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    before = audit.snapshot(theme, THEME_FIELDS)
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    changes = audit.diff(before, audit.snapshot(theme, THEME_FIELDS))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=theme, changes=changes)
    if "lead" in changes:
        theme_lead_changed.send(sender=Theme, theme=theme)
    return theme


@transaction.atomic
def theme_review_add(
    *, actor: User | None, theme: Theme, date: datetime.date, summary: str, decision: str
) -> ThemeReview:
    """Record a quarterly review. A decision to close the theme closes it, in the same change."""
    require(actor, "groups.add_themereview", theme)
    if date > timezone.localdate():
        raise ValidationError({"date": "The review date cannot be in the future."})
    review = ThemeReview(
        theme=theme, date=date, summary=summary, decision=decision, reviewed_by=actor
    )
    review.full_clean(exclude=["reviewed_by"])
    review.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=review,
        changes=audit.diff({}, audit.snapshot(review, ("theme", "date", "summary", "decision"))),
    )
    if decision == ThemeReview.Decision.CLOSE and theme.status != Theme.Status.CLOSED:
        before = audit.snapshot(theme, THEME_FIELDS)
        theme.status = Theme.Status.CLOSED
        theme.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=theme,
            changes=audit.diff(before, audit.snapshot(theme, THEME_FIELDS)),
        )
    return review


# --- Groups -------------------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    host_organisation: Organisation,
    leads: Iterable[User] = (),
    themes: Iterable[tuple[Theme, str]] = (),
    stage: str = Group.Stage.PROPOSED,
    start_date: datetime.date | None = None,
    planned_end_date: datetime.date | None = None,
    cadence: str = Group.Cadence.MONTHLY,
    description: str = "",
) -> Group:
    """Create a group at its first stage (usually proposed), recorded as its first transition."""
    require(actor, "groups.add_group")
    lead_list = _validate_leads(leads)
    links = _clean_theme_links(themes)
    _check_group_scope(actor, host_organisation=host_organisation, leads=lead_list, themes=links)
    stage_date = start_date or timezone.localdate()
    group = Group(
        name=name,
        kind=kind,
        host_organisation=host_organisation,
        stage=stage,
        stage_changed_on=stage_date,
        start_date=start_date,
        planned_end_date=planned_end_date,
        cadence=cadence,
        description=description,
    )
    _validate_group_dates(group)
    group.full_clean()
    group.save()
    group.leads.set(lead_list)
    GroupTheme.objects.bulk_create(
        GroupTheme(group=group, theme=theme, relationship=relationship)
        for theme, relationship in links
    )
    transition = StageTransition(
        group=group, from_stage="", to_stage=stage, date=stage_date, note="Group created.", by=actor
    )
    transition.full_clean(exclude=["by"])
    transition.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=group,
        changes=audit.diff({}, _group_snapshot(group)),
    )
    return group


@transaction.atomic
def group_update(*, actor: User | None, group: Group, **fields: Any) -> Group:
    """Change a group's details, leads or themes (``themes`` as (theme, relationship) pairs).

    The stage moves only through ``group_move_stage``, so every move is dated and kept.
    """
    require(actor, "groups.change_group", group)
    if "stage" in fields or "stage_changed_on" in fields:
        raise ValidationError({"stage": "Move a group's stage with “Move to another stage”."})
    unknown = set(fields) - GROUP_UPDATABLE
    if unknown:
        raise TypeError(f"group_update() got unknown fields: {', '.join(sorted(unknown))}")
    group = Group.objects.select_for_update().get(pk=group.pk)
    before = _group_snapshot(group)
    lead_list = _validate_leads(fields.pop("leads")) if "leads" in fields else None
    links = _clean_theme_links(fields.pop("themes")) if "themes" in fields else None
    for name, value in fields.items():
        setattr(group, name, value)
    _check_group_scope(
        actor,
        host_organisation=group.host_organisation,
        leads=lead_list if lead_list is not None else list(group.leads.all()),
        themes=links
        if links is not None
        else [
            (link.theme, link.relationship) for link in group.theme_links.select_related("theme")
        ],
    )
    _validate_group_dates(group)
    group.full_clean()
    group.save()
    if lead_list is not None:
        group.leads.set(lead_list)
    if links is not None:
        _replace_theme_links(group, links)
    changes = audit.diff(before, _group_snapshot(group))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=group, changes=changes)
    if "kind" in changes:
        group_kind_changed.send(sender=Group, group=group)
    if {"leads", "themes"} & set(changes):
        group_links_changed.send(sender=Group, group=group)
    return group


def _replace_theme_links(group: Group, links: list[tuple[Theme, str]]) -> None:
    wanted = {theme.pk: relationship for theme, relationship in links}
    group.theme_links.exclude(theme_id__in=wanted).delete()
    existing = {link.theme_id: link for link in group.theme_links.all()}
    for theme_id, relationship in wanted.items():
        link = existing.get(theme_id)
        if link is None:
            GroupTheme.objects.create(group=group, theme_id=theme_id, relationship=relationship)
        elif link.relationship != relationship:
            link.relationship = relationship
            link.save(update_fields=["relationship"])


@transaction.atomic
def group_move_stage(
    *, actor: User | None, group: Group, to_stage: str, date: datetime.date, note: str = ""
) -> StageTransition:
    """Move a group along its lifecycle, only as ``Group.TRANSITIONS`` allows."""
    require(actor, "groups.change_group", group)
    locked = Group.objects.select_for_update().get(pk=group.pk)
    if to_stage not in Group.Stage.values:
        raise ValidationError({"to_stage": f"“{to_stage}” is not a stage."})
    allowed = Group.TRANSITIONS.get(locked.stage, ())
    if to_stage not in allowed:
        current = Group.Stage(locked.stage).label
        if not allowed:
            message = f"This group is {current.lower()}: it cannot move to another stage."
        else:
            labels = " or ".join(Group.Stage(stage).label for stage in allowed)
            message = (
                f"A group at stage {current} cannot move to {Group.Stage(to_stage).label}: "
                f"it can move to {labels}."
            )
        raise ValidationError({"to_stage": message})
    if date > timezone.localdate():
        raise ValidationError({"date": "The date of a stage change cannot be in the future."})
    if locked.stage_changed_on and date < locked.stage_changed_on:
        raise ValidationError(
            {
                "date": "The date cannot be before the group's last stage change on "
                f"{_long_date(locked.stage_changed_on)}."
            }
        )
    before = audit.snapshot(locked, ("stage", "stage_changed_on"))
    transition = StageTransition(
        group=locked, from_stage=locked.stage, to_stage=to_stage, date=date, note=note, by=actor
    )
    transition.full_clean(exclude=["by"])
    transition.save()
    locked.stage = to_stage
    locked.stage_changed_on = date
    locked.save(update_fields=["stage", "stage_changed_on", "updated_at"])
    changes = audit.diff(before, audit.snapshot(locked, ("stage", "stage_changed_on")))
    if note:
        changes["note"] = [None, note]
    audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=locked, changes=changes)
    group.stage, group.stage_changed_on = locked.stage, locked.stage_changed_on
    return transition


# --- Membership ---------------------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *, actor: User | None, group: Group, young_person: YoungPerson, joined_on: datetime.date
) -> Membership:
    require(actor, "groups.add_membership", group)
    if group.stage == Group.Stage.CLOSED:
        raise ValidationError({"group": "This group is closed: it cannot gain members."})
    if (
        actor is not None
        and is_partner_worker(actor)
        and young_person.organisation_id != actor.organisation_id
    ):
        raise ValidationError(
            {"young_person": "You can only add young people your organisation supports."}
        )
    if not young_person.is_active:
        raise ValidationError({"young_person": f"{young_person}'s record is not active."})
    if Membership.objects.filter(
        group=group, young_person=young_person, left_on__isnull=True
    ).exists():
        raise ValidationError(
            {"young_person": f"{young_person} is already a member of this group."}
        )
    if group.start_date and joined_on < group.start_date:
        raise ValidationError(
            {
                "joined_on": "The joining date cannot be before the group started on "
                f"{_long_date(group.start_date)}."
            }
        )
    membership = Membership(group=group, young_person=young_person, joined_on=joined_on)
    membership.full_clean()
    membership.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=membership,
        changes=audit.diff(
            {}, audit.snapshot(membership, ("group", "young_person", "joined_on", "left_on"))
        ),
    )
    return membership


@transaction.atomic
def membership_end(
    *, actor: User | None, membership: Membership, left_on: datetime.date
) -> Membership:
    require(actor, "groups.change_membership", membership.group)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_on is not None:
        raise ValidationError(
            {"left_on": f"This membership already ended on {_long_date(membership.left_on)}."}
        )
    if left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": "The leaving date cannot be before they joined on "
                f"{_long_date(membership.joined_on)}."
            }
        )
    before = audit.snapshot(membership, ("left_on",))
    membership.left_on = left_on
    membership.full_clean()
    membership.save(update_fields=["left_on", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=membership,
        changes=audit.diff(before, audit.snapshot(membership, ("left_on",))),
    )
    return membership
