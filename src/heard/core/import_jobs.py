"""What the confirmed imports share as background jobs (issue 20, ``heard.jobs.imports``): the
checked file is handed, as its requester, to the app's import service, which adds every row in
one transaction (counting them in the job's progress as it writes them) or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import ngettext

from heard.jobs import imports
from heard.jobs.models import Job
from heard.jobs.progress import Progress


def run_confirmed_import(
    job: Job,
    progress: Progress,
    service: Callable[..., Any],
    as_file: Callable[[str], Any] = str,
) -> None:
    """Add every row of the checked file with ``service`` (given the file as ``as_file`` makes
    it), or nothing: a file with problems fails the job, saying how many."""
    text = job.params[imports.UPLOAD]
    progress.set_total(imports.data_rows(text))
    result = service(
        actor=job.requested_by, file=as_file(text), dry_run=False, progress=progress.advance
    )
    if not result.ok:
        count = len(result.errors)
        raise imports.ImportRejected(
            ngettext("%(count)d problem", "%(count)d problems", count) % {"count": count}
        )
