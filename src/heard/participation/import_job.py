"""The real import of sessions as a background job (issue 20, ``heard.jobs.imports``): the
checked file's sessions are added by ``services.sessions_import``, all in one transaction,
which counts them in the job's progress as it writes them."""

from __future__ import annotations

import io

from heard.core.import_jobs import run_confirmed_import
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.participation import services

#: The job kind (registered in ``ParticipationConfig.ready``).
SESSIONS_IMPORT = "sessions_import"


def run_sessions_import(job: Job, progress: Progress) -> None:
    """Add every session of the checked file, as its requester, or nothing."""
    run_confirmed_import(job, progress, services.sessions_import, as_file=io.StringIO)
