"""The retention run as a background job (issue 20): ``heard retention --background`` or the
Retention page start it, a worker runs ``services.retention_run`` with the job's progress counted
in young people, then prunes finished jobs as ``heard retention`` does.

Its file is a CSV of the references anonymised (never a name) with each one's last involvement.
A worker killed mid-run leaves the job stopped, to be tried again: each young person is
anonymised in a transaction of their own, and the next run leaves out those already anonymised,
so no one is anonymised or counted twice.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.permissions import can
from heard.jobs import registry
from heard.jobs import retention as job_retention
from heard.jobs import services as jobs
from heard.jobs.models import Job, Status
from heard.jobs.progress import Progress
from heard.privacy import selectors, services
from heard.privacy.models import Anonymisation

#: The job kind (registered in ``PrivacyConfig.ready``).
RETENTION = "retention"
#: Who may run retention (``policies.AnonymisationPolicy``): programme staff.
RUN_RETENTION = "privacy.run_retention"


def _params(today: datetime.date | None) -> dict[str, Any]:
    return {"today": (today or timezone.localdate()).isoformat()}


def start(user: Any, *, today: datetime.date | None = None) -> Job:
    """Queue a retention run requested by ``user``, who must be allowed to run retention."""
    if not can(user, RUN_RETENTION):
        raise PermissionDenied(_("You cannot run retention."))
    return jobs.start(user, RETENTION, params=_params(today), label=_("Retention run"))


def start_system(*, today: datetime.date | None = None) -> Job:
    """Queue a retention run for the command line (``heard retention --background``)."""
    return jobs.start_system(RETENTION, params=_params(today), label=_("Retention run"))


def run_retention(job: Job, progress: Progress) -> registry.Result:
    """Anonymise who is due, delete the expense claims and jobs past theirs; the references
    anonymised as the job's CSV."""
    today = datetime.date.fromisoformat(job.params["today"])

    def counted(done: int, total: int) -> None:
        if progress.total != total:
            progress.set_total(total)
        progress.advance(done - progress.done)

    result = services.retention_run(today=today, dry_run=False, progress=counted)
    if progress.total is None:  # no one was due
        progress.set_total(0)
    job_retention.prune()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the job stores and deletes it
        "w", suffix=".csv", newline="", encoding="utf-8", delete=False
    )
    with handle:
        writer = csv.writer(handle)
        writer.writerow(["reference", "last_involvement"])
        for reference, last in result.due:
            writer.writerow([reference, last.isoformat() if last else ""])
    return registry.Result(path=Path(handle.name), name=f"retention-{today.isoformat()}.csv")


@dataclass(frozen=True)
class Preview:
    """What a retention run today would do: counts only, never names."""

    cutoff: datetime.date
    young_people: int
    claims_cutoff: datetime.date
    claims: int
    jobs: int


def preview(*, today: datetime.date | None = None) -> Preview:
    today = today or timezone.localdate()
    due = selectors.retention_due(today=today)
    return Preview(
        cutoff=selectors.retention_cutoff(today),
        young_people=len(due),
        claims_cutoff=selectors.finance_cutoff(today),
        claims=selectors.expense_claims_due(today=today).count(),
        jobs=job_retention.prune(dry_run=True).jobs,
    )


@dataclass(frozen=True)
class LastRun:
    """The latest retention job (any requester), and the latest anonymisation for retention
    (a run from the command line leaves no job)."""

    job: Job | None
    anonymised_at: datetime.datetime | None
    anonymised_total: int


def last_run() -> LastRun:
    job = Job.objects.filter(kind=RETENTION).exclude(status=Status.QUEUED).first()
    by_retention = Anonymisation.objects.filter(reason=Anonymisation.Reason.RETENTION)
    latest = by_retention.order_by("-anonymised_at").first()
    return LastRun(
        job=job,
        anonymised_at=latest.anonymised_at if latest else None,
        anonymised_total=by_retention.count(),
    )
