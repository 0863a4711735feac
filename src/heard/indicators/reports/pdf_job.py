"""A report's PDF as a background job (issue 20): typesetting takes seconds, so the download
link starts a job and answers with the job's page; the file arrives there when it is made.

The job keeps what the request chose (a period and organisation, or an issued report) and the
"Made on" or "Issued on" line as the request wrote it. The runner reads the figures again as
the requester, with their permissions at run time: an issued report's figures are the ones kept
when it was issued (exact or protected as the reader may see them), never recomputed.

A period's figures are read from the read replica when there is one (``heard.core.replica``):
the job runs a while after it was asked for, so the replica's lag of a second or so cannot
matter, and the primary is spared the report's reads. The permission check and an issued
report (which may have been issued just before) are read from the primary.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.http import Http404
from django.utils import timezone

from heard.core.permissions import require
from heard.core.replica import reading_for_reports
from heard.indicators.reports import periods, selectors
from heard.indicators.reports.build import build
from heard.indicators.reports.pdf import report_pdf
from heard.jobs import services as job_services
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.jobs.registry import Result

#: The job kind (registered in ``IndicatorsConfig.ready``).
REPORT_PDF = "report_pdf"
VIEW = "indicators.view_issuedreport"
#: The steps a run counts: the figures read, the PDF typeset.
STEPS = 2


def title(kind: str, label: str) -> str:
    """ "Quarterly monitoring report: July to September 2026", or the annual report's."""
    name = "Annual report" if kind == periods.YEAR else "Quarterly monitoring report"
    return f"{name}: {label}"


def figures_title(figures: dict[str, Any]) -> str:
    return title(figures["kind"], figures["label"])


def start(user: Any, *, stem: str, made: str, label: str, choice: dict[str, Any]) -> Job:
    """Queue the PDF of the report ``choice`` names: ``{"report": pk}`` for an issued report,
    ``{"kind", "start", "organisation"}`` for a period's report as the records are."""
    params = {**choice, "stem": stem, "made": made}
    return job_services.start(user, REPORT_PDF, params=params, label=f"{label} (PDF)")


def _figures(user: Any, params: dict[str, Any]) -> dict[str, Any]:
    if "report" in params:
        return selectors.figures_for(user, selectors.report_get(user, params["report"]))
    period = periods.parse(params.get("kind", ""), params.get("start", ""), timezone.localdate())
    if period is None:
        raise Http404("The report's period is no longer offered.")
    with reading_for_reports():
        organisation = selectors.organisation_for(params.get("organisation"))
        return build(user=user, period=period, organisation=organisation)


def run_report_pdf(job: Job, progress: Progress) -> Result:
    """Make the PDF as the requester may read it now, written to a temporary file."""
    user = job.requested_by
    require(user, VIEW)
    progress.set_total(STEPS)
    figures = _figures(user, job.params)
    progress.advance()
    body = report_pdf(figures, title=figures_title(figures), made=job.params["made"])
    with tempfile.NamedTemporaryFile(prefix="heard-job-", suffix=".pdf", delete=False) as target:
        target.write(body)
    progress.advance()
    return Result(path=Path(target.name), name=f"{job.params['stem']}.pdf")
