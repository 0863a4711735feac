"""Logging a session and changing it: check, check permission, save, summarise and audit,
atomically."""

from __future__ import annotations

from typing import Any, cast

from django.db import transaction

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import Change, lock, refuse_unknown
from heard.groups.models import Theme
from heard.participation import summaries
from heard.participation.events import ATTENDANCE_CHANGED, SESSION_CHANGED, SESSION_LOGGED
from heard.participation.models import Attendance, Method, Session
from heard.participation.services.checks import (
    AUDITED,
    SESSION_FIELDS,
    SESSION_RELATIONS,
    Draft,
    Pair,
    Register,
    attendance_state,
    check_attendees,
    check_background,
    check_date,
    check_open,
    check_other_groups,
    check_saved,
    check_staff,
    check_standards,
    check_subject,
    draft_session,
)
from heard.participation.signals import session_group_changed

UPDATABLE = frozenset(SESSION_FIELDS + SESSION_RELATIONS + ("attendees",))
#: Changes that move a session's attendances in the yearly participation summary.
SUMMARISED = frozenset({"date", "degree", "group", "young_person", "attendees"})
#: Changes that may move the session's group's visit clock (``summaries.counted_contact``).
CLOCKED = frozenset({"date", "group", "kind", "staff_present", "other_groups"})


def save_links(draft: Draft) -> None:
    """A new session's links: ``add`` without ``set``'s read of the current ones."""
    for name, chosen in draft.relations.items():
        if chosen:
            getattr(draft.session, name).add(*chosen)


def _set_attendances(session: Session, pairs: list[Pair]) -> None:
    """Make the session's attendance these pairs."""
    wanted = {young_person.pk: status for young_person, status in pairs}
    existing = {a.young_person_id: a for a in session.attendances.all()}
    session.attendances.exclude(young_person_id__in=wanted).delete()
    changed = []
    for pk, attendance in existing.items():
        if pk in wanted and attendance.status != wanted[pk]:
            attendance.status = wanted[pk]
            changed.append(attendance)
    if changed:
        Attendance.objects.bulk_update(changed, ["status"])
    Attendance.objects.bulk_create(
        Attendance(session=session, young_person_id=pk, status=status)
        for pk, status in wanted.items()
        if pk not in existing
    )


@transaction.atomic
def session_log(*, actor: Any, **fields: Any) -> Session:
    """Log one session and who attended (``checks.draft_session`` names the fields)."""
    require(actor, "participation.add_session")
    draft = draft_session(Register(actor), **fields)
    session = draft.session
    require(actor, "participation.add_session", session)
    session.save()
    save_links(draft)
    Attendance.objects.bulk_create(
        Attendance(session=session, young_person_id=person.pk, status=status)
        for person, status in draft.pairs
    )
    groups = [session.group_id, *(other.pk for other in draft.relations["other_groups"])]
    summaries.refresh(
        young_people=[person.pk for person, _ in draft.pairs], days=[session.date], groups=groups
    )
    summaries.refresh_last_sessions(groups)
    audit.record(actor=actor, event=SESSION_LOGGED, obj=session, changes=draft.changes())
    return session


class _UpdateCheck:
    """``session_update``'s cross-record rules, run by ``audited_update`` before Django's own:
    the date read from text, the group or young person the actor may log for (with the
    organisation that follows), who attended, the staff and their checks, the links."""

    def __init__(self, actor: Any) -> None:
        self.register = Register(actor)
        self.pairs: list[Pair] | None = None

    def __call__(self, session: Session, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if "date" in values:
            values["date"] = check_date(values["date"], errors)
        self._subject(session, values, errors)
        if "attendees" in values:
            self.pairs = check_attendees(self.register, values.pop("attendees"), errors)
        if "staff_present" in values:
            values["staff_present"] = check_staff(
                values["staff_present"],
                errors,
                actor=self.register.actor,
                keep=[user.pk for user in session.staff_present.all()],
            )
        if "standards" in values:
            values["standards"] = check_standards(self.register, values["standards"], errors)
        for name, model in (("methods", Method), ("themes", Theme)):
            if name in values:
                values[name] = check_saved(values[name], model, name, errors)
        group = values.get("group", session.group)
        if "other_groups" in values or "group" in values:
            others = values.get("other_groups", list(session.other_groups.all()))
            values["other_groups"] = check_other_groups(self.register, group, others, errors)
        check_open(
            values.get("is_open", session.is_open),
            group,
            values.get("young_person", session.young_person),
            errors,
        )
        if "staff_present" in values or "date" in values:
            staff = values.get("staff_present")
            check_background(
                list(session.staff_present.all()) if staff is None else staff,
                values.get("date", session.date) if "date" not in errors else None,
                errors,
            )

    def _subject(self, session: Session, values: dict[str, Any], errors: dict[str, Any]) -> None:
        group = values.get("group", session.group)
        young_person = values.get("young_person", session.young_person)
        if group == session.group and young_person == session.young_person:
            return
        check_subject(self.register, group, young_person, errors, session.organisation)
        if {"group", "young_person", "organisation"} & set(errors):
            return
        require(
            self.register.actor,
            "participation.add_session",
            group or young_person or session.organisation,
        )
        if group is not None:
            values["organisation"] = group.host_organisation
        elif young_person is not None:
            values["organisation"] = cast(Any, young_person).organisation


def _attendances(session: Session) -> tuple[list[int], list[str]]:
    """Who attended (their ids) and the attendance as the audit entry shows it, in one query."""
    rows = list(
        session.attendances.values_list("young_person_id", "young_person__reference", "status")
    )
    return [pk for pk, _, _ in rows], attendance_state((ref, status) for _, ref, status in rows)


_SESSION_UPDATE = Change("session_update", SESSION_CHANGED, UPDATABLE, audited=AUDITED)


@transaction.atomic
def session_update(*, actor: Any, session: Session, **fields: Any) -> Session:
    """Change a session and, when ``attendees`` is given, replace its attendance with that list."""
    refuse_unknown("session_update", fields, UPDATABLE)
    require(actor, "participation.change_session", session)
    session = lock(session)
    attended_before, state_before = _attendances(session)
    date_before, group_before = session.date, session.group_id
    others_before = list(session.other_groups.values_list("pk", flat=True))
    check = _UpdateCheck(actor)
    with audit.operation():  # the field changes and the attendance's: one action
        session = _SESSION_UPDATE.apply(
            session, actor=actor, fields=fields, check=check, locked=True
        )
        if check.pairs is not None:
            _set_attendances(session, check.pairs)
            _audit_attendance(actor, session, state_before)
    if SUMMARISED & set(fields):
        summaries.refresh(
            young_people=[*attended_before, *(person.pk for person, _ in check.pairs or ())],
            days=[date_before, session.date],
            groups=[group_before, session.group_id],
        )
    if CLOCKED & set(fields):
        others_after = session.other_groups.values_list("pk", flat=True)
        summaries.refresh_last_sessions(
            [group_before, session.group_id, *others_before, *others_after]
        )
    if session.group_id != group_before:
        session_group_changed.send(sender=Session, session=session)
    return session


def _audit_attendance(actor: Any, session: Session, before: list[str]) -> None:
    _, after = _attendances(session)
    if after != before:
        audit.record(
            actor=actor,
            event=ATTENDANCE_CHANGED,
            obj=session,
            changes={"attendances": [before, after]},
        )
