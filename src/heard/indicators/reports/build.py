"""A report's figures, section by section, as its reader may see them (ADR 0008).

Every section is a table (``Table``): a key, a title, column labels and rows of values ready to
show (numbers, or "fewer than 5" and multiples of 5 when protected), so the page, the CSV, the
XLSX, the PDF and an issued report's JSON all hold the same figures. Counts of children (the
indicators on young people, the loop figures) follow the disclosure policy; counts of work
(sessions, actions, audits, recommendations, groups) are plain numbers (ADR 0004).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial
from typing import Any

from django.template.loader import render_to_string

from heard.core import concurrent, disclosure
from heard.core.replica import reading_for_reports
from heard.indicators.chart import trend_chart
from heard.indicators.measures import Filters, Measure, Period, measure_for
from heard.indicators.measures.sharing import sharing_loop_figures
from heard.indicators.models import Indicator
from heard.indicators.progress import Point, Progress, figure_shown, shown_text, status_of
from heard.indicators.reports import sections
from heard.indicators.reports.periods import ReportPeriod
from heard.indicators.reports.sections import Table
from heard.people.models import Organisation


def is_exact_for(user: Any, organisation: Organisation | None) -> bool:
    """Exact for readers of every record behind the figures (a partner worker: their own
    organisation's report) and Heard itself (``None``); protected for everyone else, board
    members among them."""
    if user is None:  # Heard itself, which may read every record
        return True
    return disclosure.is_exact(user, organisation_id=organisation.pk if organisation else None)


def _quarters_to(end: Any) -> list[Period]:
    out: list[Period] = []
    for _ in range(4):
        start = disclosure.quarter_of(end)[0]
        out.insert(0, Period(start, end))
        end = start - datetime.timedelta(days=1)
    return out


def _point(
    indicator: Indicator, measure: Measure, span: Period, filters: Filters, exact: bool
) -> Point:
    """A measure's figure over ``span`` as shown, with its status against the target."""
    value = figure_shown(measure, measure.compute(span, filters), exact=exact)
    return Point(span.start, span.end, value, status_of(indicator, value))


def _trend_svg(
    indicator: Indicator, measure: Measure, current: Point, points: list[Point]
) -> dict[str, str]:
    """The indicator page's trend chart (``heard.indicators.chart``) for the PDF: its SVG, drawn
    by the page's template (which escapes the name), and its words as alternative text."""
    shown = Progress(indicator, measure, current, exact=False, trend=tuple(points))
    chart = trend_chart(shown)
    svg = render_to_string(
        "indicators/includes/trend_chart.html", {"chart": chart, "progress": shown}
    ).replace('width="100%" ', f'width="{chart.width}" height="{chart.height}" ', 1)
    return {"title": chart.title, "svg": svg, "alt": f"{chart.title}. {chart.description}"}


#: An indicator in a report: the indicator, its measure and the filters it is read with.
Choice = tuple[Indicator, Measure, Filters]
#: What a report reads of one indicator: its last four quarters, its figure over the report's
#: period, and its trend chart for the PDF.
Read = tuple[list[Point], Point, dict[str, str]]


def chosen_indicators(organisation: Organisation | None) -> list[Choice]:
    """The indicators a report shows. An organisation's report narrows the indicators whose
    measure reads an organisation; those it cannot narrow are left out (they are the
    partnership's)."""
    chosen = []
    for indicator in Indicator.objects.order_by("name", "id"):
        measure = measure_for(indicator.measure)
        if measure is None:
            continue
        filters = Filters.of(indicator)
        if organisation is not None:
            if "organisation" not in measure.filters:
                continue
            filters = Filters(**{**vars(filters), "organisation": organisation.pk})
        chosen.append((indicator, measure, filters))
    return chosen


def indicator_read(period: ReportPeriod, exact: bool, choice: Choice) -> Read:
    """One indicator's figures: the last four quarters to the period's end and the period's
    own figure (a quarter's report is the last of its four quarters: computed once)."""
    indicator, measure, filters = choice
    points = [_point(indicator, measure, span, filters, exact) for span in _quarters_to(period.end)]
    last = points[-1]
    current = (
        last
        if last.start == period.start
        else _point(indicator, measure, Period(period.start, period.end), filters, exact)
    )
    return points, current, _trend_svg(indicator, measure, current, points)


def indicators_table(chosen: list[Choice], reads: list[Read]) -> Table:
    """Each indicator's value over the report's period, its target, status and the last four
    quarters to the period's end."""
    rows = []
    for (indicator, measure, _), (points, current, _chart) in zip(chosen, reads, strict=True):
        share = measure.is_share
        rows.append(
            [
                indicator.name,
                shown_text(current.value, share=share),
                shown_text(indicator.target, share=share),
                current.status.label,
                "; ".join(f"{p.start:%b %Y}: {shown_text(p.value, share=share)}" for p in points),
            ]
        )
    return Table(
        "indicators",
        "Indicators",
        ["Indicator", "Value", "Target", "Status", "The last four quarters"],
        rows,
        numeric=[False, True, True, False, False],
        empty="No indicators are set.",
    )


def _call(read: Callable[[], Any]) -> Any:
    return read()


def _section_reads(
    user: Any, period: ReportPeriod, organisation: Organisation | None, exact: bool
) -> list[Callable[[], Table]]:
    """The report's sections other than the indicators, each a read to run: the loop figures
    (the slowest) first, then in the report's order."""
    return [
        partial(sections.loop_figures, user, period, organisation, exact=exact),
        partial(sections.plan_progress, period, organisation),
        partial(sections.kite_marks, period, organisation),
        partial(sections.provision_reviews, period, organisation),
        partial(sections.sessions_by, period, organisation, "degree"),
        partial(sections.sessions_by, period, organisation, "participation_type"),
        partial(sections.themes_and_groups, period, organisation),
        partial(sections.highlights, period, organisation),
    ]


# Every figure is read from the read replica when there is one (heard.core.replica).
@reading_for_reports()
def build(
    *,
    user: Any,
    period: ReportPeriod,
    organisation: Organisation | None,
    exact: bool | None = None,
) -> dict[str, Any]:
    """The whole report for ``user``: JSON, as an issued report keeps it. ``exact``: exact or
    protected figures (None: as the disclosure policy gives them to ``user``; exact only for
    those it would give exact)."""
    if exact is None or exact:
        exact = is_exact_for(user, organisation)
    # The loop's two measures read one set of figures a quarter; the figures of many
    # organisations or themes, and the schools of four quarters, one computation each.
    horizon = Period(min(period.start, _quarters_to(period.end)[0].start), period.end)
    with sharing_loop_figures(horizon):
        chosen = chosen_indicators(organisation)
        # The sections and the indicators' figures are independent reads: side by side where
        # that is safe (heard.core.concurrent), the slowest (the loop figures) first.
        sections_read = _section_reads(user, period, organisation, exact)
        reads: list[Callable[[], Any]] = [
            *sections_read,
            *(partial(indicator_read, period, exact, choice) for choice in chosen),
        ]
        results = concurrent.map_reads(_call, reads)
    loop, plans, kite_marks, reviews, degree, kind, themes, highlights = results[
        : len(sections_read)
    ]
    indicator_reads = results[len(sections_read) :]
    tables = [
        indicators_table(chosen, indicator_reads),
        plans,
        kite_marks,
        reviews,
        loop,
        degree,
        kind,
        themes,
        highlights,
    ]
    charts = [chart for _, _, chart in indicator_reads]
    return {
        "kind": period.kind,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label,
        "organisation": organisation.pk if organisation else None,
        "organisation_name": organisation.name if organisation else "",
        "exact": exact,
        "tables": [table.as_json() for table in tables],
        "charts": charts,
    }
