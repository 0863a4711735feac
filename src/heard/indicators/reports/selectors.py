"""Reading issued reports and what a report may be filtered by."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from heard.indicators.models import IssuedReport
from heard.indicators.reports.policies import REPORTS
from heard.people.models import Organisation


def reports_visible_to(user: Any) -> QuerySet[IssuedReport]:
    return REPORTS.scope(user, "view").select_related("organisation", "issued_by")


def report_get(user: Any, pk: Any) -> IssuedReport:
    report = reports_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if report is None:
        raise Http404("No such report.")
    return report


def organisation_for(pk: Any) -> Organisation | None:
    """The organisation a report is filtered by (None: the partnership, or not a number)."""
    if not str(pk or "").isdigit():
        return None
    return Organisation.objects.filter(pk=pk).first()


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def figures_for(user: Any, report: IssuedReport) -> dict[str, Any]:
    """The issued report's figures this reader may see: exact for readers of every record behind
    them (``build.is_exact_for``), protected for everyone else (ADR 0008)."""
    from heard.indicators.reports.build import is_exact_for

    exact = is_exact_for(user, report.organisation)
    return report.figures["exact" if exact else "protected"]
