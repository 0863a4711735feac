"""The demo partnership's indicators: seed 000's targets, set through the service as the
system, so the home page shows progress against them.

Seed 000: 300 young people actively participating, of whom 100 through Buddy Groups. Seed 002:
70% of recruitment and procurement with young people involved, 85% positive evaluations, 90%
positive Takeover Day feedback, and 100 Primary Parliament school attendances of which 40
unique schools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from heard.demo.loader.base import Base
from heard.groups.models import Group
from heard.indicators import services as indicator_services


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    measure: str
    target: int
    filters: dict[str, Any] = field(default_factory=dict)


INDICATORS = (
    IndicatorSpec("Young people actively participating", "active_young_people", 300),
    IndicatorSpec(
        "Of them, through Buddy Groups",
        "active_through_group_kind",
        100,
        {"group_kind": Group.Kind.BUDDY_GROUP},
    ),
    IndicatorSpec(
        "Recruitment and procurement with young people involved", "decisions_involved", 70
    ),
    IndicatorSpec("Positive evaluations", "positive_evaluations", 85),
    IndicatorSpec(
        "Positive Takeover Day feedback",
        "positive_evaluations",
        90,
        {"session_title": "Takeover Day"},
    ),
    IndicatorSpec(
        "Primary Parliament school attendances",
        "school_attendances",
        100,
        {"group_kind": Group.Kind.PRIMARY_PARLIAMENT},
    ),
    IndicatorSpec(
        "Primary Parliament schools (each once)",
        "schools_unique",
        40,
        {"group_kind": Group.Kind.PRIMARY_PARLIAMENT},
    ),
)


class Indicators(Base):
    """The seeds' indicators with their targets."""

    def _indicators(self) -> None:
        for spec in INDICATORS:
            indicator_services.indicator_create(
                actor=None,
                name=spec.name,
                measure=spec.measure,
                target=spec.target,
                **spec.filters,
            )
            self.counts["indicators"] += 1
