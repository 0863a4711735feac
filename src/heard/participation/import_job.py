"""The real import of sessions as a background job (issue 20, ``heard.jobs.imports``): the
checked file's sessions are added by ``services.sessions_import``, all in one transaction,
which counts them in the job's progress as it writes them."""

from __future__ import annotations

import io

from django.utils.translation import ngettext

from heard.jobs import imports
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.participation import services

#: The job kind (registered in ``ParticipationConfig.ready``).
SESSIONS_IMPORT = "sessions_import"


def run_sessions_import(job: Job, progress: Progress) -> None:
    """Add every session of the checked file, as its requester, or nothing."""
    text = job.params[imports.UPLOAD]
    progress.set_total(imports.data_rows(text))
    result = services.sessions_import(
        actor=job.requested_by, file=io.StringIO(text), dry_run=False, progress=progress.advance
    )
    if not result.ok:
        count = len(result.errors)
        raise imports.ImportRejected(
            ngettext("%(count)d problem", "%(count)d problems", count) % {"count": count}
        )
