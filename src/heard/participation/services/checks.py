"""The rules a session is checked against, once for logging, changing and importing.

The checks read the register through a :class:`Register`: for one session it asks the database
what it needs (a handful of small queries), and for a file of sessions
(:class:`FileRegister`) the import reads everything once, so every row is checked by the very
same rules with no query of its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

from heard.core import audit
from heard.core.permissions import is_theme_lead
from heard.groups import selectors as group_selectors
from heard.groups.models import Group, Theme
from heard.groups.policies import responsible_for_group
from heard.participation import selectors
from heard.participation.models import Attendance, Method, Session, Standard
from heard.participation.services.subjects import (
    check_open,
    check_other_groups,
    check_subject,
    organisation_id,
)
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson
from heard.safeguarding import selectors as safeguarding_selectors

#: Plain fields a caller may set; ``organisation`` is derived from the group or the young person
#: (a session with neither names its organisation when logged).
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
    "is_open",
)
SESSION_RELATIONS = ("staff_present", "methods", "standards", "themes", "other_groups")
AUDITED = (*SESSION_FIELDS, "organisation", *SESSION_RELATIONS)

DATE = Session._meta.get_field("date")
#: The attendance statuses (``Status.values`` builds its list anew on every read).
STATUSES = frozenset(Attendance.Status.values)
Attendee = YoungPerson | tuple[YoungPerson, str]
Pair = tuple[YoungPerson, str]


class Register:
    """What the checks read of the register for ``actor``, one session at a time."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def sees_group(self, group: Group) -> bool:
        if self.actor is None:
            return True
        return group_selectors.groups_visible_to(self.actor).filter(pk=group.pk).exists()

    def answers_for(self, group: Group) -> bool:
        return responsible_for_group(self.actor, group)

    def young_people_seen(self, ids: set[int]) -> set[int]:
        people = YoungPerson.objects.all()
        if self.actor is not None:
            people = people_selectors.young_people_visible_to(self.actor)
        return set(people.filter(pk__in=ids).values_list("pk", flat=True))

    def standards(self, codes: list[str]) -> dict[str, Standard]:
        return {row.code: row for row in Standard.objects.filter(code__in=codes)}


class FileRegister(Register):
    """The register read once for a whole file: the groups and young people the import's
    resolver offered (already those the actor sees), the groups a theme lead answers for and
    the standards."""

    def __init__(self, actor: Any, *, groups: Iterable[Group], young_people: Iterable[int]):
        super().__init__(actor)
        self._groups = {group.pk for group in groups}
        self._people = set(young_people)
        self._led: set[int] = set()
        if is_theme_lead(actor):
            self._led = set(Group.objects.led_by(actor).values_list("pk", flat=True))
        self._standards = {row.code: row for row in Standard.objects.all()}

    def sees_group(self, group: Group) -> bool:
        return group.pk in self._groups

    def answers_for(self, group: Group) -> bool:
        return group.pk in self._led

    def young_people_seen(self, ids: set[int]) -> set[int]:
        return ids & self._people

    def standards(self, codes: list[str]) -> dict[str, Standard]:
        return {code: self._standards[code] for code in codes if code in self._standards}


def check_date(value: Any, errors: dict[str, Any]) -> datetime.date | None:
    """The day, read from a date, a moment or text as the date field reads it; whether it is in
    the future is the field's own rule."""
    try:
        day = DATE.to_python(value.strip() if isinstance(value, str) else value)
    except ValidationError:
        day = None
    if day is None:
        errors["date"] = gettext("Enter the date of the session, like 2026-10-01.")
    return day


def check_attendees(
    register: Register, attendees: Iterable[Attendee], errors: dict[str, Any]
) -> list[Pair]:
    pairs: list[Pair] = []
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
        if status not in STATUSES:
            problems.append(
                f"{status!r} is not an attendance status for {young_person.reference}: "
                "choose attended, apologies or absent."
            )
        if young_person.pk in seen:
            problems.append(f"{young_person.reference} is listed more than once.")
        seen.add(young_person.pk)
        pairs.append((young_person, status))
    visible = register.young_people_seen(seen) if seen else set()
    problems.extend(
        f"{young_person.reference} is not a young person you can record attendance for."
        for young_person, _ in pairs
        if young_person.pk not in visible
    )
    if problems:
        errors["attendees"] = problems
    return pairs


def check_staff(
    staff: Iterable[Any], errors: dict[str, Any], *, actor: Any = None, keep: Iterable[int] = ()
) -> list[Any]:
    """The staff recorded as present: active staff ``actor`` may choose (those their
    organisation pages show them, and themselves; ``keep``: ids already on the session, kept
    when someone else edits it). No actor: Heard itself, who may record anyone."""
    chosen = list(staff)
    if not chosen:
        return []
    ids = [getattr(user, "pk", None) for user in chosen]
    active = {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in=[pk for pk in ids if pk is not None], is_active=True)
        .exclude(role="")
    }
    bad = [str(user) for user, pk in zip(chosen, ids, strict=True) if pk not in active]
    if bad:
        errors["staff_present"] = [f"{name} is not an active member of staff." for name in bad]
    if actor is not None:
        refused = selectors.staff_not_choosable(actor, list(active.values()), keep=keep)
        if refused:
            errors.setdefault("staff_present", [])
            errors["staff_present"] += [
                f"You cannot record {user} as present: choose staff from the list."
                for user in refused
            ]
    return list(active.values())


def check_background(staff: list[Any], day: datetime.date | None, errors: dict[str, Any]) -> None:
    """Staff recorded as present with young people need an enhanced DBS check current that day."""
    if day is None or not staff:
        return
    problems = safeguarding_selectors.staff_check_problems(staff=staff, on=day)
    if problems:
        existing = errors.get("staff_present", [])
        existing = [existing] if isinstance(existing, str) else existing
        errors["staff_present"] = [*existing, *problems]


def check_standards(
    register: Register, standards: Iterable[Any], errors: dict[str, Any]
) -> list[Standard]:
    codes = [item.code if isinstance(item, Standard) else str(item) for item in standards]
    if not codes:
        return []
    rows = register.standards(codes)
    unknown = [code for code in codes if code not in rows]
    if unknown:
        errors["standards"] = [f"{code!r} is not a Hear by Right standard." for code in unknown]
    return list(rows.values())


def check_saved(
    items: Iterable[Any], model: type[models.Model], name: str, errors: dict[str, Any]
) -> list[Any]:
    chosen = list(items)
    if any(not isinstance(item, model) or getattr(item, "pk", None) is None for item in chosen):
        errors[name] = gettext("Choose %(verbose_name_plural)s that already exist.") % {
            "verbose_name_plural": model._meta.verbose_name_plural
        }
    return chosen


@dataclass
class Draft:
    """A session checked and ready to save, with its links and who attended."""

    session: Session
    pairs: list[Pair]
    relations: dict[str, list[Any]] = field(default_factory=dict)

    def changes(self) -> dict[str, list[Any]]:
        """The audit entry's changes for the session as logged (read from the draft, so
        logging one or a thousand asks the database nothing more)."""
        after = audit.snapshot(self.session, (*SESSION_FIELDS, "organisation"))
        for name in SESSION_RELATIONS:
            after[name] = sorted((item.pk for item in self.relations.get(name, [])), key=str)
        after["attendances"] = attendance_state(
            (person.reference, status) for person, status in self.pairs
        )
        return audit.diff({}, after)


def attendance_state(rows: Iterable[tuple[str, str]]) -> list[str]:
    return sorted(f"{reference}: {status}" for reference, status in rows)


def _subject(
    group: Group | None,
    young_person: YoungPerson | None,
    organisation: Organisation | None,
    errors: dict[str, Any],
) -> dict[str, Any]:
    """A session's subject as saved: none at all where a rule refused it."""
    if {"group", "young_person", "organisation"} & set(errors):
        return {"group": None, "young_person": None, "organisation_id": None}
    return {
        "group": group,
        "young_person": young_person,
        "organisation_id": organisation_id(group, young_person, organisation),
    }


def draft_session(
    register: Register,
    *,
    date: Any,
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
    organisation: Organisation | None = None,
    other_groups: Iterable[Group] = (),
    is_open: bool = False,
) -> Draft:
    """One session as logged, checked by every rule; ``ValidationError`` names each problem.
    An individual session's young person attends by default."""
    group, young_person, organisation = group or None, young_person or None, organisation or None
    errors: dict[str, Any] = {}
    day = check_date(date, errors)
    check_subject(register, group, young_person, errors, organisation)
    check_open(bool(is_open), group, young_person, errors)
    attendee_list = list(attendees)
    if not attendee_list and young_person is not None and group is None:
        attendee_list = [(young_person, Attendance.Status.ATTENDED)]
    pairs = check_attendees(register, attendee_list, errors)
    staff = check_staff(staff_present, errors, actor=register.actor)
    check_background(staff, day, errors)
    relations = {
        "staff_present": staff,
        "standards": check_standards(register, standards, errors),
        "methods": check_saved(methods, Method, "methods", errors),
        "themes": check_saved(themes, Theme, "themes", errors),
        "other_groups": check_other_groups(register, group, other_groups, errors),
    }
    values: dict[str, Any] = {
        "date": day,
        "kind": kind,
        "title": title,
        **_subject(group, young_person, organisation, errors),
        "partner_staff_present": partner_staff_present,
        "degree": degree,
        "participation_type": participation_type,
        "notes": notes,
        "monitoring_form_complete": monitoring_form_complete,
        "is_open": bool(is_open),
        "logged_by": register.actor,
    }
    session = Session(**values)
    clean(session, errors)
    return Draft(session, pairs, relations)


def clean(session: Session, errors: dict[str, Any]) -> None:
    """Django's validation of the fields (choices, lengths, one-line title, a date not in the
    future), merged into ``errors``; raises them all. The one constraint (a group or a young
    person) and the related records' existence are :func:`check_subject`'s rules, checked
    through the register (the organisation follows from them, the logger is the actor): no
    query a row."""
    exclude = [name for name in errors if name in SESSION_FIELDS]
    exclude += ["group", "young_person", "organisation", "logged_by"]
    try:
        session.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
