"""Privacy's benchmarks (population shares by characteristic and area) and least-heard targets."""

from __future__ import annotations

import datetime
import decimal

from heard.core.years import year_bounds
from heard.demo.data import BENCHMARKS
from heard.demo.generator.context import PLACES, Context, Step, _at
from heard.demo.generator.sinks import stamped
from heard.privacy.characteristics import Ethnicity, YesNo
from heard.privacy.models import BenchmarkShare, Characteristic, LeastHeardGroup, LeastHeardTarget

BENCHMARK_COLUMNS = stamped("characteristic value area share source")
TARGET_COLUMNS = stamped("group name characteristic value target start end")
#: Least-heard groups with targets each year: (group, name, characteristic, value, per 1,000
#: young people on the register).
LEAST_HEARD = (
    (LeastHeardGroup.UNDER_11, "", "", "", 60),
    (LeastHeardGroup.IN_CARE, "", "", "", 15),
    (LeastHeardGroup.SEND, "", "", "", 40),
    (LeastHeardGroup.NAMED, "Young carers", Characteristic.YOUNG_CARER, YesNo.YES, 10),
    (
        LeastHeardGroup.NAMED,
        "Gypsy, Roma and Traveller young people",
        Characteristic.ETHNICITY,
        Ethnicity.WHITE_GYPSY_TRAVELLER,
        2,
    ),
)


def benchmarks_and_targets(ctx: Context) -> None:
    """Benchmark shares for the whole partnership and each area (varying around the national
    figures), each area's share of the partnership, and least-heard targets each year."""
    rng = ctx.rng
    sink = ctx.writer.table(BenchmarkShare, BENCHMARK_COLUMNS)
    at = _at(ctx.first_day, 9)
    cent = decimal.Decimal("0.01")

    def add(characteristic: str, value: str, area: str, share: float, source: str) -> None:
        pk = ctx.ids(BenchmarkShare, 1).start
        amount = decimal.Decimal(share).quantize(cent)
        sink.add((pk, at, at, characteristic, value, area, amount, source))

    for area in ("", *PLACES):
        for characteristic, shares, source in BENCHMARKS:
            spread = [share * (rng.uniform(0.7, 1.3) if area else 1.0) for _, share in shares]
            total = sum(spread)
            for (value, _), share in zip(shares, spread, strict=True):
                add(characteristic, str(value), area, 100 * share / total, source)
    weights = [rng.uniform(0.5, 1.5) for _ in PLACES]
    for place, weight in zip(PLACES, weights, strict=True):
        add(Characteristic.AREA, place, "", 100 * weight / sum(weights), "ONS mid-year estimates")
    targets = ctx.writer.table(LeastHeardTarget, TARGET_COLUMNS)
    per_thousand = ctx.scale.young_people / 1000
    for offset in range(ctx.scale.years):
        year = ctx.current_year_start - offset
        start, end = year_bounds(year)
        created = _at(datetime.date(year, 3, 15), 10)
        for group, name, characteristic, value, rate in LEAST_HEARD:
            target = max(5, round(rate * per_thousand * rng.uniform(0.9, 1.1)))
            pk = ctx.ids(LeastHeardTarget, 1).start
            targets.add(
                (pk, created, created, group, name, characteristic, str(value), target, start, end)
            )


STEPS = (
    Step("benchmarks and targets", benchmarks_and_targets, (BenchmarkShare, LeastHeardTarget)),
)
