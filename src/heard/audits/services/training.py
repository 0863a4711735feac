"""Young people's training (M21): courses for young auditors, commissioners and inspectors, and
who attended them."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from heard.audits import events
from heard.audits.models import Course
from heard.audits.services._common import (
    Update,
    full_clean,
    record_change,
    snapshot_of,
    strip,
)
from heard.core.permissions import require
from heard.core.updates import Removal
from heard.people.models import User, YoungPerson

COURSE_FIELDS = ("title", "kind", "date", "valid_for_months", "attendees", "notes")
_snapshot = snapshot_of(COURSE_FIELDS)
_UPDATE = Update(
    "course_update", COURSE_FIELDS, ("title", "notes"), _snapshot, events.COURSE_CHANGED
)


def months_after(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved on by ``months`` (the last day of a shorter month: 31 January + 1 month is
    28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _checked(course: Course) -> None:
    """Set the course's validity from its date and months, then validate the rest."""
    if course.date and course.valid_for_months and 1 <= course.valid_for_months <= 120:
        course.valid_until = months_after(course.date, course.valid_for_months)
    full_clean(course, exclude=["valid_until"])


@transaction.atomic
def course_record(
    *,
    actor: User | None,
    title: str,
    kind: str,
    date: datetime.date,
    valid_for_months: int = 24,
    attendees: Iterable[YoungPerson] = (),
    notes: str = "",
) -> Course:
    require(actor, "audits.add_course")
    values: dict[str, Any] = {
        "title": title,
        "kind": kind,
        "date": date,
        "valid_for_months": valid_for_months,
        "notes": notes,
    }
    strip(values, ("title", "notes"))
    course = Course(**values)
    _checked(course)
    course.save()
    course.attendees.set(list(attendees))
    record_change(
        course,
        actor=actor,
        event=events.COURSE_CREATED,
        before=dict.fromkeys(COURSE_FIELDS),
        after=_snapshot(course),
    )
    return course


@transaction.atomic
def course_update(*, actor: User | None, course: Course, **fields: Any) -> Course:
    require(actor, "audits.change_course", course)
    return _UPDATE.apply(course, fields, actor=actor, check=_checked)


_COURSE_DELETE = Removal("audits.delete_course", events.COURSE_DELETED, COURSE_FIELDS, locked=True)


def course_delete(*, actor: User | None, course: Course) -> None:
    _COURSE_DELETE.apply(course, actor=actor)
