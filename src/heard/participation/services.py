"""Every write to the participation log: validate, check permission, save and audit, atomically."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import IO, Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import is_partner_worker, is_theme_lead, require
from heard.groups import selectors as group_selectors
from heard.groups.models import Group, Theme
from heard.participation import importers, summaries
from heard.participation.importers import ImportProblem, ImportResult
from heard.participation.models import Attendance, Method, Session, Standard
from heard.participation.rules import theme_lead_responsible_for_group
from heard.participation.signals import session_group_changed
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson
from heard.safeguarding import selectors as safeguarding_selectors

#: Plain fields a caller may set; ``organisation`` is derived from the group or the young person.
SESSION_FIELDS = (
    "date",
    "kind",
    "title",
    "group",
    "young_person",
    "partner_staff_present",
    "degree",
    "participation_type",
    "notes",
    "monitoring_form_complete",
)
SESSION_RELATIONS = ("staff_present", "methods", "standards", "themes")
UPDATABLE = frozenset(SESSION_FIELDS + SESSION_RELATIONS + ("attendees",))
AUDITED = (*SESSION_FIELDS, "organisation", *SESSION_RELATIONS)
#: Changes that move a session's attendances in the yearly participation summary.
SUMMARISED = frozenset({"date", "degree", "group", "young_person", "attendees"})

Attendee = YoungPerson | tuple[YoungPerson, str]


def _visible_young_people(actor: Any) -> QuerySet[YoungPerson]:
    if actor is None:
        return YoungPerson.objects.all()
    return people_selectors.young_people_visible_to(actor)


def _visible_groups(actor: Any) -> QuerySet[Group]:
    if actor is None:
        return Group.objects.all()
    return group_selectors.groups_visible_to(actor)


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip())
        except ValueError:
            return None
    return None


def _check_date(value: Any, errors: dict[str, Any]) -> datetime.date | None:
    day = _as_date(value)
    if day is None:
        errors["date"] = "Enter the date of the session, like 2026-10-01."
    elif day > timezone.localdate():
        errors["date"] = (
            "The date of a session cannot be in the future: log it on the day it happens or after."
        )
    return day


def _check_subject(
    actor: Any, group: Group | None, young_person: YoungPerson | None, errors: dict[str, Any]
) -> None:
    """A session is for exactly one group or one young person, and one the actor may log for."""
    if group is not None and (not isinstance(group, Group) or group.pk is None):
        errors["group"] = "Choose a group that is on the register."
        return
    if young_person is not None and (
        not isinstance(young_person, YoungPerson) or young_person.pk is None
    ):
        errors["young_person"] = "Choose a young person who is on the register."
        return
    if group is not None and young_person is not None:
        errors["young_person"] = (
            "A session is for a group or for one young person, not both: "
            "leave the young person empty for a group session."
        )
        return
    if group is None and young_person is None:
        errors["group"] = (
            "Choose the group the session was with, or the young person for an individual session."
        )
        return
    if group is not None:
        if is_partner_worker(actor) and group.host_organisation_id != actor.organisation_id:
            errors["group"] = "You can log sessions only for groups hosted by your organisation."
        elif not _visible_groups(actor).filter(pk=group.pk).exists():
            errors["group"] = "Choose a group you can see."
        elif is_theme_lead(actor) and not theme_lead_responsible_for_group(actor, group):
            errors["group"] = (
                "As a theme lead you can log sessions only for groups you lead "
                "or groups linked to a theme you lead."
            )
    if young_person is not None:
        if is_partner_worker(actor) and young_person.organisation_id != actor.organisation_id:
            errors["young_person"] = (
                "You can log sessions only for young people your organisation supports."
            )
        elif not _visible_young_people(actor).filter(pk=young_person.pk).exists():
            errors["young_person"] = "Choose a young person you can see."
        elif is_theme_lead(actor):
            errors["young_person"] = (
                "As a theme lead you can log sessions for your groups, not individual sessions."
            )


def _check_attendees(
    actor: Any, attendees: Iterable[Attendee], errors: dict[str, Any]
) -> list[tuple[YoungPerson, str]]:
    pairs: list[tuple[YoungPerson, str]] = []
    problems: list[str] = []
    seen: set[int] = set()
    for item in attendees:
        if isinstance(item, tuple | list):
            young_person, status = item[0], item[1] or Attendance.Status.ATTENDED
        else:
            young_person, status = item, Attendance.Status.ATTENDED
        if not isinstance(young_person, YoungPerson) or young_person.pk is None:
            problems.append(f"{young_person!r} is not a young person on the register.")
            continue
        if status not in Attendance.Status.values:
            problems.append(
                f"{status!r} is not an attendance status for {young_person.reference}: "
                "choose attended, apologies or absent."
            )
        if young_person.pk in seen:
            problems.append(f"{young_person.reference} is listed more than once.")
        seen.add(young_person.pk)
        pairs.append((young_person, status))
    visible = set(_visible_young_people(actor).filter(pk__in=seen).values_list("pk", flat=True))
    problems.extend(
        f"{young_person.reference} is not a young person you can record attendance for."
        for young_person, _ in pairs
        if young_person.pk not in visible
    )
    if problems:
        errors["attendees"] = problems
    return pairs


def _check_staff(staff: Iterable[Any], errors: dict[str, Any]) -> list[Any]:
    chosen = list(staff)
    user_model = get_user_model()
    ids = [getattr(user, "pk", None) for user in chosen]
    active = {
        user.pk: user
        for user in user_model.objects.filter(
            pk__in=[pk for pk in ids if pk is not None], is_active=True
        ).exclude(role="")
    }
    bad = [str(user) for user, pk in zip(chosen, ids, strict=True) if pk not in active]
    if bad:
        errors["staff_present"] = [f"{name} is not an active member of staff." for name in bad]
    return list(active.values())


def _check_background(staff: list[Any], day: datetime.date | None, errors: dict[str, Any]) -> None:
    """Staff recorded as present with young people need an enhanced DBS check current that day."""
    if day is None or not staff:
        return
    problems = safeguarding_selectors.staff_check_problems(staff=staff, on=day)
    if problems:
        existing = errors.get("staff_present", [])
        existing = [existing] if isinstance(existing, str) else existing
        errors["staff_present"] = [*existing, *problems]


def _check_standards(standards: Iterable[Any], errors: dict[str, Any]) -> list[Standard]:
    codes = [item.code if isinstance(item, Standard) else str(item) for item in standards]
    rows = {row.code: row for row in Standard.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in rows]
    if unknown:
        errors["standards"] = [f"{code!r} is not a Hear by Right standard." for code in unknown]
    return list(rows.values())


def _check_saved(
    items: Iterable[Any], model: type[models.Model], field: str, errors: dict[str, Any]
) -> list[Any]:
    chosen = list(items)
    if any(not isinstance(item, model) or getattr(item, "pk", None) is None for item in chosen):
        errors[field] = f"Choose {model._meta.verbose_name_plural} that already exist."
    return chosen


def _attendance_state(session: Session) -> list[str]:
    return sorted(
        f"{a.young_person.reference}: {a.status}"
        for a in session.attendances.select_related("young_person")
    )


def _set_attendances(
    session: Session, pairs: list[tuple[YoungPerson, str]], *, new: bool = False
) -> None:
    """Make the session's attendance these pairs; a ``new`` session has none to compare."""
    wanted = {young_person.pk: status for young_person, status in pairs}
    existing = {} if new else {a.young_person_id: a for a in session.attendances.all()}
    if not new:
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


def _full_clean(session: Session, errors: dict[str, Any]) -> None:
    exclude = ["logged_by"] + (["organisation"] if session.organisation_id is None else [])
    exclude += [name for name in errors if name in SESSION_FIELDS]
    try:
        session.full_clean(exclude=exclude)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)


def _organisation_id(group: Group | None, young_person: YoungPerson | None) -> int | None:
    if group is not None:
        return group.host_organisation_id
    if young_person is not None:
        return young_person.organisation_id
    return None


@transaction.atomic
def session_log(
    *,
    actor: Any,
    date: datetime.date,
    kind: str,
    degree: str,
    participation_type: str,
    group: Group | None = None,
    young_person: YoungPerson | None = None,
    title: str = "",
    staff_present: Iterable[Any] = (),
    partner_staff_present: str = "",
    attendees: Iterable[Attendee] = (),
    methods: Iterable[Method] = (),
    standards: Iterable[str] = (),
    themes: Iterable[Theme] = (),
    notes: str = "",
    monitoring_form_complete: bool = False,
) -> Session:
    """Log one session and who attended. An individual session's young person attends by default."""
    require(actor, "participation.add_session")
    group, young_person = group or None, young_person or None
    errors: dict[str, Any] = {}
    day = _check_date(date, errors)
    _check_subject(actor, group, young_person, errors)
    attendee_list = list(attendees)
    if not attendee_list and young_person is not None and group is None:
        attendee_list = [(young_person, Attendance.Status.ATTENDED)]
    pairs = _check_attendees(actor, attendee_list, errors)
    staff = _check_staff(staff_present, errors)
    _check_background(staff, day, errors)
    standard_rows = _check_standards(standards, errors)
    method_list = _check_saved(methods, Method, "methods", errors)
    theme_list = _check_saved(themes, Theme, "themes", errors)

    subject_ok = "group" not in errors and "young_person" not in errors
    values: dict[str, Any] = {
        "date": day,
        "kind": kind,
        "title": title,
        "group": group if subject_ok else None,
        "young_person": young_person if subject_ok else None,
        "organisation_id": _organisation_id(group, young_person) if subject_ok else None,
        "partner_staff_present": partner_staff_present,
        "degree": degree,
        "participation_type": participation_type,
        "notes": notes,
        "monitoring_form_complete": monitoring_form_complete,
        "logged_by": actor,
    }
    session = Session(**values)
    _full_clean(session, errors)
    if errors:
        raise ValidationError(errors)
    require(actor, "participation.add_session", session)
    session.save()
    # A new session has no links yet: ``add`` without ``set``'s read of the current ones.
    for related, chosen in (
        (session.staff_present, staff),
        (session.methods, method_list),
        (session.standards, standard_rows),
        (session.themes, theme_list),
    ):
        if chosen:
            related.add(*chosen)
    _set_attendances(session, pairs, new=True)
    summaries.refresh(young_people=[person.pk for person, _ in pairs], days=[session.date])
    summaries.refresh_last_sessions([session.group_id])

    after = audit.snapshot(session, AUDITED)
    after["attendances"] = _attendance_state(session)
    audit.record(
        actor=actor, action=AuditEntry.Action.CREATE, obj=session, changes=audit.diff({}, after)
    )
    return session


@transaction.atomic
def session_update(*, actor: Any, session: Session, **fields: Any) -> Session:
    """Change a session and, when ``attendees`` is given, replace its attendance with that list."""
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise TypeError(f"session_update() cannot change {', '.join(sorted(unknown))}")
    require(actor, "participation.change_session", session)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = audit.snapshot(session, AUDITED)
    before["attendances"] = _attendance_state(session)
    attended_before = list(session.attendances.values_list("young_person_id", flat=True))
    date_before, group_before = session.date, session.group_id

    errors: dict[str, Any] = {}
    if "date" in fields:
        fields["date"] = _check_date(fields["date"], errors)
    subject_changed = ("group" in fields and fields["group"] != session.group) or (
        "young_person" in fields and fields["young_person"] != session.young_person
    )
    for name in SESSION_FIELDS:
        if name in fields:
            setattr(session, name, fields[name])
    if subject_changed:
        _check_subject(actor, session.group, session.young_person, errors)
        cast(Any, session).organisation_id = _organisation_id(session.group, session.young_person)
    pairs = _check_attendees(actor, fields["attendees"], errors) if "attendees" in fields else None
    relations: dict[str, list[Any]] = {}
    if "staff_present" in fields:
        relations["staff_present"] = _check_staff(fields["staff_present"], errors)
    if "standards" in fields:
        relations["standards"] = _check_standards(fields["standards"], errors)
    if "methods" in fields:
        relations["methods"] = _check_saved(fields["methods"], Method, "methods", errors)
    if "themes" in fields:
        relations["themes"] = _check_saved(fields["themes"], Theme, "themes", errors)
    if "staff_present" in fields or "date" in fields:
        present = relations.get("staff_present")
        _check_background(
            list(session.staff_present.all()) if present is None else present,
            _as_date(session.date) if "date" not in errors else None,
            errors,
        )
    _full_clean(session, errors)
    if errors:
        raise ValidationError(errors)
    if subject_changed:
        require(actor, "participation.add_session", session)
    session.save()
    for name, values in relations.items():
        getattr(session, name).set(values)
    if pairs is not None:
        _set_attendances(session, pairs)
    if SUMMARISED & set(fields):
        summaries.refresh(
            young_people=[*attended_before, *(person.pk for person, _ in pairs or ())],
            days=[date_before, session.date],
        )
        summaries.refresh_last_sessions([group_before, session.group_id])
    if session.group_id != group_before:
        session_group_changed.send(sender=Session, session=session)

    after = audit.snapshot(session, AUDITED)
    after["attendances"] = _attendance_state(session)
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=session, changes=changes)
    return session


@transaction.atomic
def sessions_import(*, actor: Any, file: IO[Any], dry_run: bool = False) -> ImportResult:
    """Import sessions from CSV: every row goes through ``session_log``; nothing is kept unless
    every row is clean.

    A dry run does the same work and then rolls it all back, so it reports what a real run would.
    """
    require(actor, "participation.import_session")
    result = ImportResult(dry_run=dry_run)
    rows, problems = importers.read_rows(file)
    result.errors.extend(problems)
    if problems:
        return result
    result.total_rows = len(rows)
    resolver = importers.SessionRowResolver(
        groups=_visible_groups(actor), young_people=_visible_young_people(actor)
    )
    resolver.prepare(rows)
    savepoint = transaction.savepoint()
    created: list[Session] = []
    for line, row in rows:
        values, row_problems = resolver.resolve(line, row)
        if row_problems:
            result.errors.extend(row_problems)
            continue
        try:
            with transaction.atomic():
                created.append(session_log(actor=actor, **values))
        except ValidationError as exc:
            result.errors.extend(importers.problems_from(line, exc))
        except PermissionDenied:
            result.errors.append(
                ImportProblem(
                    line, "group", "You cannot log sessions for this group or young person."
                )
            )
        else:
            result.valid_rows += 1
    if result.errors or dry_run:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
        result.created = created
    return result
