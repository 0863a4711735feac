"""A report's figures, section by section, as its reader may see them (ADR 0008).

Every section is a table (``Table``): a key, a title, column labels and rows of values ready to
show (numbers, or "fewer than 5" and multiples of 5 when protected), so the page, the CSV, the
XLSX, the PDF and an issued report's JSON all hold the same figures. Counts of children (the
indicators on young people, the loop figures) follow the disclosure policy; counts of work
(sessions, actions, audits, recommendations, groups) are plain numbers (ADR 0004).
"""

from __future__ import annotations

import datetime
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


def indicators_table(
    period: ReportPeriod, organisation: Organisation | None, *, exact: bool
) -> tuple[Table, list[dict[str, str]]]:
    """Each indicator's value over the report's period, its target, status and the last four
    quarters to the period's end (and each one's trend chart). An organisation's report narrows
    the indicators whose measure reads an organisation; those it cannot narrow are left out
    (they are the partnership's)."""
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

    def figures(choice: tuple[Indicator, Measure, Filters]) -> tuple[list[Point], Point]:
        indicator, measure, filters = choice
        points = [
            _point(indicator, measure, span, filters, exact) for span in _quarters_to(period.end)
        ]
        # A quarter's report is the last of its four quarters: computed once.
        last = points[-1]
        current = (
            last
            if last.start == period.start
            else _point(indicator, measure, Period(period.start, period.end), filters, exact)
        )
        return points, current

    # The indicators' figures are independent reads: side by side where that is safe.
    rows, charts = [], []
    for (indicator, measure, _), (points, current) in zip(
        chosen, concurrent.map_reads(figures, chosen), strict=True
    ):
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
        charts.append(_trend_svg(indicator, measure, current, points))
    table = Table(
        "indicators",
        "Indicators",
        ["Indicator", "Value", "Target", "Status", "The last four quarters"],
        rows,
        numeric=[False, True, True, False, False],
        empty="No indicators are set.",
    )
    return table, charts


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
        indicators, charts = indicators_table(period, organisation, exact=exact)
    tables = [
        indicators,
        sections.plan_progress(period, organisation),
        sections.kite_marks(period, organisation),
        sections.provision_reviews(period, organisation),
        sections.loop_figures(user, period, organisation, exact=exact),
        sections.sessions_by(period, organisation, "degree"),
        sections.sessions_by(period, organisation, "participation_type"),
        sections.themes_and_groups(period, organisation),
        sections.highlights(period, organisation),
    ]
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
