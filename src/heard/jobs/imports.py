"""An import's confirmed step as a job: the checked file is kept with the job (its ``upload``
parameter, dropped once the job has succeeded: the rows are in the register then) and the app's
runner calls the app's own import service, which writes every row in one transaction. A worker
killed halfway leaves nothing imported: the transaction never committed, the job shows as
stopped and "Try again" runs the whole import again.

The check (the dry run) stays in the request: its problems are shown on the import page as
before, and only a file that passed it becomes a job. The service checks the file again in the
transaction that writes; a file that no longer passes (the register changed meanwhile) fails
the job with :class:`ImportRejected` and nothing imported.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponseRedirect
from django.urls import reverse

from heard.jobs import services
from heard.jobs.models import Job

#: The parameter that holds the checked file's text until the job has succeeded.
UPLOAD = "upload"


class ImportRejected(Exception):
    """The file no longer passes the import's checks: nothing was imported."""


def start(user: Any, kind: str, *, upload: Any, label: str, then: str = "", **params: Any) -> Job:
    """Queue the import of ``upload`` (the checked file's text, or rows) as ``kind``; ``then``
    is the page the job's page links on to once the rows are in."""
    return services.start(user, kind, params={UPLOAD: upload, "then": then, **params}, label=label)


def data_rows(text: str) -> int:
    """How many records a CSV file's text holds under its header line (blank lines skipped, as
    the importers skip them)."""
    rows = csv.reader(io.StringIO(text, newline=""))
    return max(0, sum(1 for row in rows if any(cell.strip() for cell in row)) - 1)


def job_page(job: Job) -> HttpResponseRedirect:
    """A 303 to the job's page: what a request that started a job answers."""
    response = HttpResponseRedirect(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}))
    response.status_code = 303
    return response
