"""The engagement calendar (M5): when each group is next due a visit, and an iCalendar feed.

The rule itself (cadence days after the last contact, or the start) is ``Group.next_due``; this
module applies it to rows carrying a ``last_contact`` annotation, and writes the feed staff import.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from icalendar import Calendar, Event

from heard.core.validators import one_line
from heard.groups.models import Group

PRODID = "-//Heard//Engagement calendar//EN"
UID_DOMAIN = "heard.invalid"


def with_calendar(groups: Iterable[Group], *, today: datetime.date) -> list[Any]:
    """Set ``last_contact``, ``next_due``, ``is_overdue`` and ``days_overdue`` on each group.

    ``next_due`` becomes a date on these instances (the contract other areas read), shadowing the
    model method that computes it.
    """
    rows = list(groups)
    for group in rows:
        last_contact = getattr(group, "last_contact", None)
        next_due = Group.next_due(group, last_contact)
        is_overdue = next_due is not None and next_due < today
        setattr(group, "last_contact", last_contact)  # noqa: B010
        setattr(group, "next_due", next_due)  # noqa: B010
        setattr(group, "is_overdue", is_overdue)  # noqa: B010
        setattr(group, "days_overdue", (today - next_due).days if next_due and is_overdue else 0)  # noqa: B010
    return rows


def _all_day(event: Event, day: datetime.date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))


def _header(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    return calendar


def _events(group: Any, now: datetime.datetime) -> Iterator[Event]:
    """A group's next due visit and its past sessions, as all-day events.

    Names are single lines, but a row stored before that was checked may hold a line break,
    which no iCalendar property may: every stored string goes through ``one_line``.
    """
    cadence = group.get_cadence_display()
    name, host = one_line(group.name), one_line(str(group.host_organisation))
    if group.next_due is not None:
        event = Event()
        event.add("uid", f"group-{group.pk}-next-due@{UID_DOMAIN}")
        event.add("dtstamp", now)
        _all_day(event, group.next_due)
        prefix = "Overdue visit" if group.is_overdue else "Visit due"
        event.add("summary", f"{prefix}: {name}")
        last = f"{group.last_contact:%d %B %Y}" if group.last_contact else "none yet"
        event.add(
            "description",
            f"{cadence} with {name} ({host}). Last contact: {last}.",
        )
        event.add("categories", ["Visit due"])
        event.add("transp", "TRANSPARENT")
        yield event
    for session in getattr(group, "past_sessions", []):
        event = Event()
        event.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        _all_day(event, session.date)
        title = one_line(session.title) or session.get_kind_display()
        event.add("summary", f"{title}: {name}")
        event.add("categories", ["Session"])
        event.add("transp", "TRANSPARENT")
        yield event


def build_ics(
    groups: Iterable[Any], *, now: datetime.datetime, name: str = "Heard engagement calendar"
) -> bytes:
    """A VCALENDAR with each group's next due visit and its past sessions, as all-day events."""
    calendar = _header(name)
    for group in groups:
        for event in _events(group, now):
            calendar.add_component(event)
    return calendar.to_ical()


def stream_ics(
    groups: Iterable[Any], *, now: datetime.datetime, name: str = "Heard engagement calendar"
) -> Iterator[bytes]:
    """The same VCALENDAR as ``build_ics``, a group at a time: memory does not grow with the
    number of groups and sessions (pass an iterator over the rows)."""
    end = b"END:VCALENDAR\r\n"
    header = _header(name).to_ical()
    yield header.removesuffix(end)
    for group in groups:
        for event in _events(group, now):
            yield event.to_ical()
    yield end
