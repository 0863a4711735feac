"""The generator's shared machinery: scales, what earlier steps made for later ones
(``Context``), and the words and small helpers every step uses."""

from __future__ import annotations

import datetime
import functools
import random
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from heard.core.roles import AgeBand, Role
from heard.core.years import partnership_year, year_bounds
from heard.demo.generator.sinks import Writer

#: Generated staff cannot sign in with a password (an unusable hash): set one with
#: ``heard changepassword`` to explore, or sign in as the benchmark does, with a session.
UNUSABLE_PASSWORD = "!generated-by-heard-generate"  # noqa: S105 - "!" marks it unusable
EMAIL_DOMAIN = "generated.heard.example"
MARKER_PREFIX = "heard generate:"
#: Written into the database's marker: raise it when the generated data changes.
VERSION = 7


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int
    young_people: int
    groups: int
    sessions: int
    attendances: int
    years: int
    themes_per_year: int
    staff: dict[str, int]
    #: Sizes for the later apps' steps: views, safeguarding concerns, erased young people.
    extra: dict[str, int] = field(default_factory=dict)


def _staff(scale: int, organisations: int) -> dict[str, int]:
    return {
        Role.ADMINISTRATOR: 2,
        Role.PARTICIPATION_LEAD: 2 + scale,
        Role.PARTICIPATION_OFFICER: 6 * scale,
        Role.THEME_LEAD: 8 * scale,
        Role.PARTNER_WORKER: 2 * organisations,
        Role.SAFEGUARDING_LEAD: 2 * scale,
        Role.BOARD_MEMBER: 6 * scale,
    }


#: Each scale's sizes: organisations, young people, groups, sessions, years, themes a year, staff
#: (a multiple of ``_staff``'s), views, safeguarding concerns, young people erased on request.
_SIZES = {
    "tiny": (6, 200, 15, 400, 2, 6, 1, 400, 12, 2),
    "county": (60, 20_000, 1_500, 100_000, 4, 8, 2, 60_000, 40, 20),
    "national": (600, 200_000, 15_000, 1_000_000, 5, 10, 20, 600_000, 300, 200),
}
#: Attendances a session, on average.
ATTENDANCES_A_SESSION = 6


def _scale(name: str) -> Scale:
    organisations, people, groups, sessions, years, themes, staff, views, concerns, erased = _SIZES[
        name
    ]
    return Scale(
        name=name,
        organisations=organisations,
        young_people=people,
        groups=groups,
        sessions=sessions,
        attendances=ATTENDANCES_A_SESSION * sessions,
        years=years,
        themes_per_year=themes,
        staff=_staff(staff, organisations),
        extra={"views": views, "concerns": concerns, "erased": erased},
    )


SCALES: dict[str, Scale] = {name: _scale(name) for name in _SIZES}

FIRST_NAMES = (  # noqa: SIM905 - a readable word list
    "Aaliyah Aarav Abdi Ada Adam Aiden Aisha Alex Alfie Amara Amelia Amir Ana Archie Arlo Aryan "
    "Ava Ayesha Bea Ben Bilal Bo Callum Cara Charlie Chidi Chloe Connor Daisy Dan Dara Deja Dev "
    "Eden Eli Ella Elsie Emeka Emily Eren Esme Ethan Eva Evie Ezra Fatima Finley Freya Gabriel "
    "George Grace Hamza Hana Harper Harry Hassan Ibrahim Imani Isaac Isla Ivy Jack Jade Jamal "
    "Jaya Jayden Jude Kai Kayla Kofi Layla Leo Lexi Liam Lily Logan Luca Lucy Maisie Malik Maya "
    "Mia Milo Mohammed Nadia Naomi Nia Noah Nour Ola Oliver Omar Oscar Priya Rafael Reuben Riley "
    "Rosa Ruby Sam Sana Sofia Tariq Theo Tobi Yusuf Zara Zain Zoe"
).split()
LAST_NAMES = (  # noqa: SIM905 - a readable word list
    "Adams Ahmed Ali Allen Bailey Baker Begum Bell Brown Campbell Chen Clarke Cooper Davies "
    "Edwards Evans Green Hall Harris Hill Hughes Hussain Jackson James Johnson Jones Kaur Khan "
    "King Lee Lewis Martin Mensah Miah Mitchell Moore Morris Murphy Nowak Okafor Owen Patel "
    "Phillips Roberts Robinson Scott Shah Singh Smith Taylor Thomas Thompson Turner Walker Ward "
    "Watson White Williams Wilson Wood Wright Young"
).split()
PLACES = (  # noqa: SIM905 - a readable word list
    "Ashford Barnwell Bramley Carlton Chesterton Clifton Denton Eastbrook Fairfield Greenhill "
    "Hartley Highbury Kingsway Lakeside Marston Meadowbank Milton Newbold Northgate Oakwood "
    "Parkside Queensbury Riverside Rosehill Southfields Stanton Thornbury Upton Westcliff "
    "Woodside"
).split()

AGE_BANDS: tuple[tuple[str, int, int, int], ...] = (
    # band, youngest, oldest, weight
    (AgeBand.UNDER_8, 5, 7, 6),
    (AgeBand.AGE_8_10, 8, 10, 14),
    (AgeBand.AGE_11_13, 11, 13, 24),
    (AgeBand.AGE_14_15, 14, 15, 22),
    (AgeBand.AGE_16_17, 16, 17, 20),
    (AgeBand.AGE_18_25, 18, 25, 14),
)


def _weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([value for value, _ in options], [weight for _, weight in options])[0]


def _at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


@functools.lru_cache(maxsize=8192)
def _day(ordinal: int) -> datetime.date:
    return datetime.date.fromordinal(ordinal)


@functools.lru_cache(maxsize=32768)
def _at_ordinal(ordinal: int, hour: int = 17) -> datetime.datetime:
    return _at(_day(ordinal), hour)


def _year_start(ordinal: int) -> int:
    """The partnership year (April to March) a day falls in, by the year it starts."""
    return partnership_year(_day(ordinal))


@dataclass
class GroupPlan:
    id: int
    kind: str
    host: int
    stage: str
    start: datetime.date
    #: First day a session can happen (the first visit) and the last (closed or today).
    visits_from: datetime.date | None
    visits_until: datetime.date
    leads: list[int]
    themes: list[int]
    #: (young person id, joined on ordinal, left on ordinal or None)
    members: list[tuple[int, int, int | None]] = field(default_factory=list)


@dataclass
class Context:
    scale: Scale
    seed: int
    today: datetime.date
    writer: Writer
    rng: random.Random
    staff: dict[str, list[int]] = field(default_factory=dict)
    organisations: list[int] = field(default_factory=list)
    organisation_weights: list[float] = field(default_factory=list)
    #: Young people: ids (``first_young_person_id + i``), their organisation's id, and which
    #: are active; by index, their age band (index into ``AGE_BANDS``), date of birth and the
    #: day they were registered (ordinals, 0 for none).
    young_people: array[int] = field(default_factory=lambda: array("q"))
    young_person_organisation: array[int] = field(default_factory=lambda: array("q"))
    young_people_by_organisation: dict[int, list[int]] = field(default_factory=dict)
    inactive: set[int] = field(default_factory=set)
    first_young_person_id: int = 0
    young_person_band: bytearray = field(default_factory=bytearray)
    young_person_born: array[int] = field(default_factory=lambda: array("l"))
    young_person_registered: array[int] = field(default_factory=lambda: array("l"))
    #: Young people erased on request: id -> the day their record was anonymised (ordinal).
    erased: dict[int, int] = field(default_factory=dict)
    #: Themes: (id, period start year, lead id), and each one's title.
    themes: list[tuple[int, int, int]] = field(default_factory=list)
    theme_titles: dict[int, str] = field(default_factory=dict)
    groups: list[GroupPlan] = field(default_factory=list)
    methods: list[int] = field(default_factory=list)
    standards: list[int] = field(default_factory=list)
    #: Every session: ids are ``first_session_id + i``; group id (0 for individual), date, who
    #: logged it (present), and the young people who attended it:
    #: ``attended[attended_start[i]:attended_start[i + 1]]``.
    first_session_id: int = 0
    session_group: array[int] = field(default_factory=lambda: array("q"))
    session_date: array[int] = field(default_factory=lambda: array("l"))
    session_logged_by: array[int] = field(default_factory=lambda: array("q"))
    attended: array[int] = field(default_factory=lambda: array("q"))
    attended_start: array[int] = field(default_factory=lambda: array("q"))
    #: Consents by young person index: the day a current quotes or publishing consent was given
    #: (ordinal, 0 for none), and who withdrew one of them (their views cannot be quoted).
    quotes_given: array[int] = field(default_factory=lambda: array("l"))
    publishing_given: array[int] = field(default_factory=lambda: array("l"))
    stopped_quoting: set[int] = field(default_factory=set)
    _next_ids: dict[type[models.Model], int] = field(default_factory=dict)

    def ids(self, model: type[models.Model], count: int) -> range:
        """``count`` fresh primary keys for ``model``, above any already in the table."""
        if model not in self._next_ids:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self._next_ids[model] = top + 1
        start = self._next_ids[model]
        self._next_ids[model] = start + count
        return range(start, start + count)

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    @property
    def first_day(self) -> datetime.date:
        """The start of the oldest partnership year generated."""
        return year_bounds(self.current_year_start - self.scale.years + 1)[0]

    @property
    def current_year_start(self) -> int:
        return partnership_year(self.today)


class Worker:
    """What a step's worker object starts from: the context, its one random source, and today
    (an ordinal)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today.toordinal()


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], None]
    #: The models the step writes: checked empty before a load, emptied by ``--force``.
    models: tuple[type[models.Model], ...]
