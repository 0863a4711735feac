"""The confirmed import of young people as a background job (issue 20, ``heard.jobs.imports``):
the checked file's rows are added by ``services.young_people_import``, all in one transaction,
which counts them in the job's progress as it writes them."""

from __future__ import annotations

from django.utils.translation import ngettext

from heard.jobs import imports
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.people import services

#: The job kind (registered in ``PeopleConfig.ready``).
YOUNG_PEOPLE_IMPORT = "young_people_import"


def run_young_people_import(job: Job, progress: Progress) -> None:
    """Add every row of the checked file, as its requester, or nothing."""
    text = job.params[imports.UPLOAD]
    progress.set_total(imports.data_rows(text))
    result = services.young_people_import(
        actor=job.requested_by, file=text, dry_run=False, progress=progress.advance
    )
    if not result.ok:
        count = len(result.errors)
        raise imports.ImportRejected(
            ngettext("%(count)d problem", "%(count)d problems", count) % {"count": count}
        )
