"""What the indicator tests share: a fixed today, and records to count."""

from __future__ import annotations

import datetime
from typing import Any

from heard.groups.models import Group
from heard.indicators import services
from heard.participation.models import Degree
from tests import factories

#: Q3 of the partnership year 2026-27: the last complete quarter ended on 30 September.
TODAY = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)


def indicator(**fields: Any) -> Any:
    """An indicator set by Heard itself (the policy lets the system do anything)."""
    values: dict[str, Any] = {
        "name": "Young people actively participating",
        "measure": "active_young_people",
        "target": 300,
    }
    values.update(fields)
    return services.indicator_create(actor=None, **values)


def attended(
    group: Any,
    day: datetime.date,
    count: int,
    *,
    degree: str = Degree.ADULT_INITIATED_SHARED,
    people: list[Any] | None = None,
    **person: Any,
) -> list[Any]:
    """A session of ``group`` on ``day`` with ``count`` new young people (or ``people``)."""
    session = factories.SessionFactory(group=group, date=day, degree=degree)
    people = people or [
        factories.YoungPersonFactory(organisation=group.host_organisation, **person)
        for _ in range(count)
    ]
    for young_person in people:
        factories.AttendanceFactory(session=session, young_person=young_person)
    return people


def buddy_group(organisation: Any) -> Any:
    return factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)


def council(organisation: Any) -> Any:
    return factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL)
