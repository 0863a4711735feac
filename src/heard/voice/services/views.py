"""Recording views: one at a time, many at once from a session's page, and changing them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import audited_update, full_clean, refuse_unknown
from heard.groups.models import Group, Theme
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson
from heard.voice import responsibility
from heard.voice.consents import use_refusal
from heard.voice.events import VIEW_CHANGED, VIEW_RECORDED
from heard.voice.models import View
from heard.voice.services._common import (
    check_choice,
    check_date,
    check_text,
    saved,
    visible_groups,
    visible_young_people,
)

VIEW_FIELDS = ("kind", "text", "recorded_on", "group", "is_anonymous", "consent")
VIEW_RELATIONS = ("themes", "young_people")
AUDITED = (*VIEW_FIELDS, "session", "organisation", "status", *VIEW_RELATIONS)
UPDATABLE = frozenset(VIEW_FIELDS + VIEW_RELATIONS)


def _check_givers(
    actor: Any,
    *,
    young_people: list[Any],
    group: Any,
    is_anonymous: bool,
    errors: dict[str, Any],
) -> None:
    """Who gave the view: named young people, a whole group, or anonymous (with or without the
    group it came from); never anonymous and named at once."""
    people, people_ok = saved(young_people, YoungPerson)
    if not people_ok:
        errors["young_people"] = _("Choose young people who are on the register.")
    elif people:
        if is_anonymous:
            errors["young_people"] = _(
                "An anonymous view names nobody: untick anonymous or leave the young people empty."
            )
        else:
            ids = {person.pk for person in people}
            visible = set(
                visible_young_people(actor).filter(pk__in=ids).values_list("pk", flat=True)
            )
            missing = sorted(person.reference for person in people if person.pk not in visible)
            if missing:
                errors["young_people"] = _(
                    "You cannot record views for %(references)s: choose young people you can see."
                ) % {"references": ", ".join(missing)}
    if group is not None:
        if not isinstance(group, Group) or not group.pk:
            errors["group"] = _("Choose a group that is on the register.")
        elif not visible_groups(actor).filter(pk=group.pk).exists():
            errors["group"] = _("Choose a group you can see.")
    if not people and group is None and not is_anonymous and "young_people" not in errors:
        errors["young_people"] = _(
            "Say who gave the view: choose the young people, the whole group, or anonymous."
        )


def _check_use(*, use: str, young_people: list[Any], field: str, errors: dict[str, Any]) -> None:
    """Quoting or publishing a view needs the matching current consent of every young person
    named on it (``voice.consents`` says whose, and why not for anonymous or whole-group views).
    Checked only once the rest is valid, so the message is about consent alone."""
    if errors:
        return
    refusal = use_refusal(use=use, young_people=young_people)
    if refusal:
        errors[field] = refusal


def _check_themes(themes: Iterable[Any], errors: dict[str, Any]) -> list[Theme]:
    chosen, ok = saved(themes, Theme)
    if not ok:
        errors["themes"] = _("Choose themes that already exist.")
    return chosen


def _snapshot(view: View) -> dict[str, Any]:
    return audit.snapshot(view, AUDITED)


def _check_origin(
    session: Any, organisation: Any, recorded_on: Any, errors: dict[str, Any]
) -> tuple[Session | None, Organisation | None, datetime.date | None]:
    """Where the view came from: the session (whose organisation and date are the view's
    defaults) or the organisation, and the day it was given."""
    if session is not None and (not isinstance(session, Session) or not session.pk):
        errors["session"] = _("Choose a session that is in the participation log.")
        session = None
    if session is not None:
        organisation = session.organisation
        if recorded_on in (None, ""):
            recorded_on = session.date
    elif organisation is None:
        errors["organisation"] = _("Choose the organisation whose young people gave the view.")
    elif not isinstance(organisation, Organisation) or not organisation.pk:
        errors["organisation"] = _("Choose an organisation that is on the register.")
        organisation = None
    if recorded_on in (None, ""):
        recorded_on = timezone.localdate()
    return (
        session,
        organisation,
        check_date(recorded_on, "recorded_on", "the view was given", errors),
    )


@transaction.atomic
def view_record(
    *,
    actor: Any,
    text: str,
    kind: str = View.Kind.VIEW,
    session: Session | None = None,
    organisation: Organisation | None = None,
    recorded_on: datetime.date | None = None,
    themes: Iterable[Theme] = (),
    young_people: Iterable[YoungPerson] = (),
    group: Group | None = None,
    is_anonymous: bool = False,
    consent: str = View.Consent.INTERNAL,
) -> View:
    """Record what a young person or a group said. The organisation (whose record it is) and the
    date default to the session's. Quoting or publishing it needs the consent of those named."""
    require(actor, "voice.add_view")
    errors: dict[str, Any] = {}
    session, organisation, day = _check_origin(session, organisation, recorded_on, errors)
    clean_text = check_text(text, "text", "Enter what was said.", errors)
    check_choice(kind, View.Kind, "kind", "the kind of view", errors)
    check_choice(consent, View.Consent, "consent", "how the view may be used", errors)
    people = list(young_people or ())
    _check_givers(
        actor, young_people=people, group=group, is_anonymous=bool(is_anonymous), errors=errors
    )
    theme_list = _check_themes(themes, errors)
    _check_use(use=consent, young_people=people, field="consent", errors=errors)
    view = View(
        kind=kind,
        text=clean_text,
        session=session,
        organisation=organisation,
        recorded_on=day,  # type: ignore[misc]  # None only with a message at the field
        group=group if "group" not in errors else None,
        is_anonymous=bool(is_anonymous),
        consent=consent,
        recorded_by=actor,
    )
    full_clean(view, errors, exclude=["recorded_by"])
    if errors:
        raise ValidationError(errors)
    require(actor, "voice.add_view", view)
    view.save()
    view.themes.set(theme_list)
    view.young_people.set(people)
    responsibility.refresh(responsibility.view_ids(view))
    audit.record(
        actor=actor, event=VIEW_RECORDED, obj=view, changes=audit.diff({}, _snapshot(view))
    )
    return view


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"__all__": exc.messages}


@transaction.atomic
def views_record_many(
    *, actor: Any, session: Session, entries: Iterable[dict[str, Any]]
) -> list[View]:
    """Record several views from one session, all or nothing.

    Each entry holds ``view_record``'s keyword arguments except ``session``. When any entry is
    refused nothing is kept; the error lists each entry's problems ("View 2: ..."), and its
    ``entry_errors`` attribute maps each entry's index to its ``{field: [messages]}``.
    """
    require(actor, "voice.add_view", session)
    rows = list(entries)
    if not rows:
        raise ValidationError({"entries": _("Enter at least one view.")})
    savepoint = transaction.savepoint()
    created: list[View] = []
    entry_errors: dict[int, dict[str, list[str]]] = {}
    for index, entry in enumerate(rows):
        if "session" in entry or "actor" in entry:
            raise TypeError("views_record_many() entries cannot name the session or the actor")
        try:
            with transaction.atomic():
                created.append(view_record(actor=actor, session=session, **entry))
        except ValidationError as exc:
            entry_errors[index] = _messages(exc)
    if entry_errors:
        transaction.savepoint_rollback(savepoint)
        error = ValidationError(
            {
                "entries": [
                    f"View {index + 1}: {message}"
                    for index, problems in sorted(entry_errors.items())
                    for messages in problems.values()
                    for message in messages
                ]
            }
        )
        error.entry_errors = entry_errors  # type: ignore[attr-defined]
        raise error
    transaction.savepoint_commit(savepoint)
    return created


def _check_update(actor: Any) -> Any:
    """``view_update``'s own rules, for ``audited_update``: each value checked (and made
    clean) in place, and the consents checked against who gave the view once it is changed."""

    def check(view: View, fields: dict[str, Any], errors: dict[str, Any]) -> None:
        if "text" in fields:
            fields["text"] = check_text(fields["text"], "text", "Enter what was said.", errors)
        if "kind" in fields:
            check_choice(fields["kind"], View.Kind, "kind", "the kind of view", errors)
        if "consent" in fields:
            check_choice(
                fields["consent"], View.Consent, "consent", "how the view may be used", errors
            )
        if "recorded_on" in fields:
            fields["recorded_on"] = check_date(
                fields["recorded_on"], "recorded_on", "the view was given", errors
            )
        if "is_anonymous" in fields:
            fields["is_anonymous"] = bool(fields["is_anonymous"])
        people = list(fields.get("young_people", view.young_people.all()))
        if {"young_people", "group", "is_anonymous"} & set(fields):
            _check_givers(
                actor,
                young_people=people,
                group=fields.get("group", view.group),
                is_anonymous=fields.get("is_anonymous", view.is_anonymous),
                errors=errors,
            )
        if "themes" in fields:
            fields["themes"] = _check_themes(fields["themes"], errors)
        if {"consent", "young_people", "group", "is_anonymous"} & set(fields):
            _check_use(
                use=fields.get("consent", view.consent),
                young_people=people,
                field="consent" if "consent" in fields else "young_people",
                errors=errors,
            )

    return check


@transaction.atomic
def view_update(*, actor: Any, view: View, **fields: Any) -> View:
    """Change what was recorded about a view (not its loop status: responses and feedback move
    that). A change of how it may be used, or of who gave it, is checked against the consents of
    those named: refused on ``consent`` (or on ``young_people`` when only they changed)."""
    refuse_unknown("view_update", fields, UPDATABLE)
    require(actor, "voice.change_view", view)
    view, changes = audited_update(
        view,
        actor=actor,
        event=VIEW_CHANGED,
        service="view_update",
        fields=fields,
        allowed=UPDATABLE,
        check=_check_update(actor),
        audited=AUDITED,
    )
    if {"themes", "group", "recorded_on"} & set(changes):
        responsibility.refresh(responsibility.view_ids(view))
    return view
