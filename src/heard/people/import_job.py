"""The confirmed import of young people as a background job (issue 20, ``heard.jobs.imports``):
the checked file's rows are added by ``services.young_people_import``, all in one transaction,
which counts them in the job's progress as it writes them."""

from __future__ import annotations

from heard.core.import_jobs import run_confirmed_import
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.people import services

#: The job kind (registered in ``PeopleConfig.ready``).
YOUNG_PEOPLE_IMPORT = "young_people_import"


def run_young_people_import(job: Job, progress: Progress) -> None:
    """Add every row of the checked file, as its requester, or nothing."""
    run_confirmed_import(job, progress, services.young_people_import)
