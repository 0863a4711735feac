"""Report pages: choose a report, read it (web, CSV and XLSX of each table), issue it, and
read an issued report as it was issued. Thin: they call selectors, ``build`` and services."""

from __future__ import annotations

import operator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heard.core import exports, tables
from heard.core.disclosure import PROTECTED_NOTE
from heard.core.permissions import can, require
from heard.indicators.reports import pdf_job, periods, plain, selectors, services
from heard.indicators.reports.build import build
from heard.indicators.reports.pdf_job import figures_title

VIEW, ADD = "indicators.view_issuedreport", "indicators.add_issuedreport"


def shown_tables(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's tables with their columns (``heard.core.tables.Column``) for the page's
    responsive tables and for CSV and XLSX alike."""
    out = []
    for table in figures["tables"]:
        columns = [
            tables.Column(label, operator.itemgetter(i), numeric=numeric, row_header=i == 0)
            for i, (label, numeric) in enumerate(
                zip(table["columns"], table["numeric"], strict=True)
            )
        ]
        out.append({**table, "column_objects": columns})
    return out


def _pdf_job(
    request: HttpRequest, choice: dict[str, Any], *, stem: str, made: str, label: str
) -> HttpResponseRedirect:
    """The report's PDF (``?format=pdf``) as a background job (issue 20): typesetting takes
    seconds, so the request answers at once with the job's page, where the file arrives."""
    job = pdf_job.start(request.user, stem=stem, made=made, label=label, choice=choice)
    response = HttpResponseRedirect(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}))
    response.status_code = 303
    return response


def _download(figures: dict[str, Any], request: HttpRequest, stem: str) -> HttpResponseBase | None:
    """One table of the report as CSV or XLSX (``?format=csv&table=<key>``)."""
    export_format = request.GET.get("format", "")
    if export_format not in exports.EXPORT_FORMATS:
        return None
    for table in shown_tables(figures):
        if table["key"] == request.GET.get("table"):
            name = f"{stem}-{table['key'].replace('_', '-')}.csv"
            return exports.export_response(
                export_format, table["rows"], table["column_objects"], name
            )
    raise Http404("No such table in this report.")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, VIEW)
    today = timezone.localdate()
    context = {
        "title": _("Reports"),
        "quarters": periods.offered(periods.QUARTER, today),
        "years": periods.offered(periods.YEAR, today),
        "organisations": selectors.organisations(),
        "issued": selectors.reports_visible_to(user)[:50],
    }
    return render(request, "indicators/reports/report_list.html", context)


def _chosen(request: Any) -> tuple[periods.ReportPeriod, Any]:
    data = request.POST if request.method == "POST" else request.GET
    period = periods.parse(data.get("kind", ""), data.get("start", ""), timezone.localdate())
    if period is None:
        raise Http404("Choose a quarter or a year from the Reports page.")
    return period, selectors.organisation_for(data.get("organisation"))


@login_required
def report_preview(request: HttpRequest) -> HttpResponseBase:
    user = request.user
    require(user, VIEW)
    period, organisation = _chosen(request)
    query = {"kind": period.kind, "start": period.value}
    if organisation is not None:
        query["organisation"] = organisation.pk
    if request.GET.get("format") == "pdf":
        made = f"Made on {timezone.localdate():%-d %B %Y} from the records as they were."
        label = pdf_job.title(period.kind, period.label)
        return _pdf_job(request, query, stem=f"report-{period.value}", made=made, label=label)
    figures = build(user=user, period=period, organisation=organisation)
    download = _download(figures, request, f"report-{period.value}")
    if download is not None:
        return download
    return _page(
        request,
        figures,
        query=urlencode(query),
        here=reverse("indicators:report-view"),
        choice=query,
        can_issue=can(user, ADD),
    )


def _page(request: HttpRequest, figures: dict[str, Any], **context: Any) -> HttpResponse:
    """The report of ``figures``, or with ``?version=young`` its young people's version in plain
    words; ``context`` says where it is (``here`` and its ``query``)."""
    context.update(
        title=figures_title(figures),
        figures=figures,
        tables=shown_tables(figures),
        protected_note=PROTECTED_NOTE,
    )
    if request.GET.get("version") == "young":
        context.update(
            title=f"What happened: {figures['label']}",
            sentences=plain.sentences(figures),
            highlights=plain.highlights(figures),
            report_url=f"{context['here']}?{context['query']}"
            if context["query"]
            else context["here"],
        )
        return render(request, "indicators/reports/report_young.html", context)
    return render(request, "indicators/reports/report.html", context)


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, ADD)
    period, organisation = _chosen(request)
    report = services.report_issue(actor=user, period=period, organisation=organisation)
    messages.success(request, _("Report issued: it is kept as it reads now."))
    return redirect("indicators:report-detail", report.pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = request.user
    require(user, VIEW)
    report = selectors.report_get(user, pk)
    if request.GET.get("format") == "pdf":
        issued = timezone.localtime(report.created_at)
        issuer = report.issued_by.full_name if report.issued_by else "Heard itself"
        made = f"Issued on {issued:%-d %B %Y at %H:%M} by {issuer}."
        period = periods.ReportPeriod(report.kind, report.starts_on, report.ends_on)
        stem, label = f"report-{report.pk}", pdf_job.title(report.kind, period.label)
        return _pdf_job(request, {"report": report.pk}, stem=stem, made=made, label=label)
    figures = selectors.figures_for(user, report)
    download = _download(figures, request, f"report-{report.pk}")
    if download is not None:
        return download
    here = reverse("indicators:report-detail", args=[report.pk])
    return _page(request, figures, report=report, query="", here=here)
