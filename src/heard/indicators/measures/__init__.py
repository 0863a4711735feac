"""The library of measures an indicator is chosen from: a registry, open to more.

A measure is one function, ``compute(period, filters) -> Figure``, and one entry in the registry
(:func:`register`): its key, its label, what it counts (:class:`Unit`), and which of the
indicator's filters it reads (any other set on an indicator is refused, so no indicator shows a
figure its filters do not shape). A measure on headcounts or schools represented
(participation), trained young people (audits), recruitment or evaluations plugs in the same
way: a function reading that app's records, and one ``register(Measure(...))``.

A figure is a count (``Figure.count``) or a share (``count`` of ``whole``), each a
``heard.core.disclosure.Cell`` (the count and the sum of its records' keys), so that
``heard.indicators.progress`` can show it exact or protected (ADR 0008).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from django.utils.translation import gettext as _

from heard.core.disclosure import Cell
from heard.core.events import field_label


class Unit(enum.Enum):
    #: A count of children: exact for readers who may open the records, protected otherwise.
    YOUNG_PEOPLE = "young people"
    #: A count of staff work (sessions, groups): a plain number for every reader (ADR 0004).
    WORK = "work"
    #: A share of children's records (views): from protected counts for protected readers.
    SHARE = "share"
    #: A share of staff work (recruitment with young people involved): plain for every reader.
    WORK_SHARE = "work share"


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class Filters:
    """An indicator's filters, as ids and choice values (empty: not filtered)."""

    theme: int | None = None
    group_kind: str = ""
    organisation: int | None = None
    lead: int | None = None
    age_band: str = ""
    session_kind: str = ""
    degree: str = ""
    participation_type: str = ""
    session_title: str = ""

    @classmethod
    def of(cls, indicator: Any) -> Filters:
        """An indicator's filters: each field's value (a related record's id)."""
        names = (field.name for field in fields(cls))
        meta = indicator._meta
        return cls(**{name: getattr(indicator, meta.get_field(name).attname) for name in names})

    def given(self) -> set[str]:
        return {name for name, value in vars(self).items() if value not in (None, "")}


@dataclass(frozen=True)
class Figure:
    count: Cell
    whole: Cell | None = None


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    description: str
    unit: Unit
    compute: Callable[[Period, Filters], Figure]
    filters: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    #: The name of the list page of the records it counts, and how its filters become that
    #: list's query (None: no list shows exactly these records).
    records: Callable[[Period, Filters], tuple[str, dict[str, Any]]] | None = None

    @property
    def is_share(self) -> bool:
        return self.unit in (Unit.SHARE, Unit.WORK_SHARE)


#: Every measure, by key, in the order they were registered (the order forms list them in).
MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.key in MEASURES:
        raise ValueError(f"Measure {measure.key!r} is registered twice")
    if not measure.required <= measure.filters:
        raise ValueError(f"Measure {measure.key!r} requires filters it does not read")
    MEASURES[measure.key] = measure
    return measure


def measure_choices() -> list[tuple[str, str]]:
    return [(key, measure.label) for key, measure in MEASURES.items()]


def measure_for(key: str) -> Measure | None:
    return MEASURES.get(key)


def measure_errors(indicator: Any) -> dict[str, str]:
    """What is wrong with an indicator's measure, filters and target, by field."""
    from heard.indicators.models import Indicator

    measure = MEASURES.get(indicator.measure)
    if measure is None:
        return {"measure": _("Choose a measure from the library.")}
    errors: dict[str, str] = {}
    given = Filters.of(indicator).given()
    for name in sorted(given - measure.filters):
        label = field_label(Indicator, name).lower()
        errors[name] = _("“%(measure)s” cannot be filtered by %(filter)s: leave it empty.") % {
            "measure": measure.label,
            "filter": label,
        }
    for name in sorted(measure.required - given):
        label = field_label(Indicator, name).lower()
        errors[name] = _("“%(measure)s” needs a %(filter)s: choose one.") % {
            "measure": measure.label,
            "filter": label,
        }
    if measure.is_share and indicator.target is not None and indicator.target > 100:
        errors["target"] = _("This measure is a percentage: give a target from 0 to 100.")
    return errors


# Registers the library's measures (beyond imports library: the library's come first).
from heard.indicators.measures import beyond, library  # noqa: E402, F401
