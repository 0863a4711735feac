"""The demo partnership's indicators: seed 000's targets, set through the service as the
system, so the home page shows progress against them.

Seed 000: 300 young people actively participating, of whom 100 through Buddy Groups. Seed 002's
70% (recruitment and procurement with young people involved), 85% (positive evaluations) and
90% (positive Takeover Day feedback) need recruitment and evaluation records that Heard does
not keep yet; they join when their measures do.
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
