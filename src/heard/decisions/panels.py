"""The panels young people sat on ("Accountable to the board"), with their training: read from
``heard.decisions.selectors`` (kept apart to keep that module short)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from heard.core.disclosure import Display
from heard.people.models import YoungPerson


@dataclass(frozen=True)
class PanelMember:
    young_person: YoungPerson
    #: The courses they attended that the reader may see, newest first.
    training: list[Any]


@dataclass(frozen=True)
class Panel:
    activity: Any
    members: list[PanelMember]
    #: Young people on it whom the reader may not see (a board member sees none by name),
    #: protected (heard.core.disclosure): the reader may not open them.
    hidden: Display


def panels(user: Any) -> list[Panel]:
    """The recruitment, commissioning and procurement decisions young people took part in
    ("Accountable to the board"), each with the young people on it whom the user may see and
    the training they had (``heard.audits`` courses). Three queries."""
    from heard.audits.selectors.training import attendances_visible_to
    from heard.involvement.selectors import activities_with_young_people, hidden_young_people

    activities = list(activities_with_young_people(user).filter(young_people_involved=True))
    seen = {
        person.pk
        for activity in activities
        for person in activity.seen_young_people  # type: ignore[attr-defined]
    }
    training: dict[int, list[Any]] = {}
    if seen:
        for row in attendances_visible_to(user).filter(young_person_id__in=seen):
            training.setdefault(row.young_person_id, []).append(row.course)
    hidden = hidden_young_people(
        activities,
        {
            activity.pk: {person.pk for person in activity.seen_young_people}  # type: ignore[attr-defined]
            for activity in activities
        },
    )
    return [
        Panel(
            activity=activity,
            members=[
                PanelMember(person, training.get(person.pk, []))
                for person in activity.seen_young_people  # type: ignore[attr-defined]
            ],
            hidden=hidden[activity.pk],
        )
        for activity in activities
    ]
