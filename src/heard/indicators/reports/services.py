"""Issue a report: its figures are kept as the issuer sees them, audited (M22)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import audited_create
from heard.indicators import events
from heard.indicators.models import IssuedReport
from heard.indicators.reports.build import build
from heard.indicators.reports.periods import ReportPeriod
from heard.people.models import Organisation


@transaction.atomic
def report_issue(
    *, actor: Any, period: ReportPeriod, organisation: Organisation | None = None
) -> IssuedReport:
    """Build the report for ``period`` (and ``organisation``) and keep it as issued: its exact
    figures (when the issuer may read them; otherwise protected too) and its protected ones."""
    require(actor, "indicators.add_issuedreport")
    figures = {
        "exact": build(user=actor, period=period, organisation=organisation),
        "protected": build(user=actor, period=period, organisation=organisation, exact=False),
    }
    report = IssuedReport(
        kind=period.kind,
        starts_on=period.start,
        ends_on=period.end,
        organisation=organisation,
        issued_by=actor,
        figures=figures,
    )
    metadata = {
        "kind": period.kind,
        "start": period.start.isoformat(),
        "organisation": organisation.pk if organisation else None,
    }
    # Its entry names the period, not the figures (no field is recorded).
    return audited_create(
        report, actor=actor, event=events.REPORT_ISSUED, fields=(), metadata=metadata
    )
