"""Reads of young people's training (M21): courses, who attended, who is trained and current.

``young_people_trained`` is what an indicator reads: the young people trained and current at
some time in a period (a course on or before its end, still valid at its start).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from heard.audits.models import Course, CourseAttendance
from heard.audits.policies import ATTENDANCES, COURSES
from heard.core.selectors import get_or_404
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

#: Who should be trained for each kind of work: auditors for an audit; commissioners or
#: inspectors for a provision review.
AUDIT_KINDS = (Course.Kind.YOUNG_AUDITOR,)
REVIEW_KINDS = (Course.Kind.YOUNG_COMMISSIONER, Course.Kind.YOUNG_INSPECTOR)


def courses_visible_to(user: Any) -> QuerySet[Course]:
    """The courses ``user`` may read, with how many attended."""
    return (
        COURSES.scope(user, "view", Course.objects.all())
        .annotate(attendee_count=Count("attendances"))
        .order_by("-date", "-id")
    )


def course_get(user: Any, pk: Any) -> Course:
    return get_or_404(courses_visible_to(user), pk)


def course_attendees(user: Any, course: Course) -> QuerySet[YoungPerson]:
    """Who attended ``course`` that ``user`` may see (a partner: their own organisation's)."""
    return people_selectors.young_people_visible_to(user).filter(
        pk__in=CourseAttendance.objects.filter(course=course).values("young_person")
    )


def _current(on_or_before: datetime.date, still_valid_on: datetime.date) -> Q:
    return Q(course__date__lte=on_or_before, course__valid_until__gte=still_valid_on)


def attendances_visible_to(user: Any) -> QuerySet[CourseAttendance]:
    """Every attendance ``user`` may see, the most recent course first (the trained list)."""
    rows = CourseAttendance.objects.select_related("young_person", "course")
    return ATTENDANCES.scope(user, "view", rows).order_by(
        "-course__date", "young_person__reference"
    )


def trained_state_filter(state: str, today: datetime.date) -> Q:
    """Attendances ``current`` on ``today`` or ``expired`` by then."""
    if state == "current":
        return _current(today, today)
    return Q(course__valid_until__lt=today)


def young_people_trained(
    period_start: datetime.date,
    period_end: datetime.date,
    *,
    kinds: Collection[str] | None = None,
    user: Any = None,
) -> QuerySet[YoungPerson]:
    """The young people trained and current at some time from ``period_start`` to
    ``period_end`` (both included), in courses of ``kinds`` (default: any). ``user`` None reads
    every organisation's young people."""
    attended = CourseAttendance.objects.filter(
        _current(period_end, period_start), young_person=OuterRef("pk")
    )
    if kinds:
        attended = attended.filter(course__kind__in=list(kinds))
    return people_selectors.young_people_visible_to(user).filter(Exists(attended))


def untrained(
    young_people: Iterable[YoungPerson], day: datetime.date, kinds: Collection[str]
) -> list[YoungPerson]:
    """Of ``young_people``, those not trained and current on ``day`` in a course of ``kinds``
    (one query)."""
    people = list(young_people)
    if not people:
        return []
    current = set(
        CourseAttendance.objects.filter(
            _current(day, day),
            course__kind__in=list(kinds),
            young_person__in=[person.pk for person in people],
        ).values_list("young_person_id", flat=True)
    )
    return [person for person in people if person.pk not in current]
