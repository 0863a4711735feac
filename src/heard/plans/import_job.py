"""A plan's confirmed import as a background job (issue 20, ``heard.jobs.imports``): the rows
read, the standards and leads the user chose, added by ``services.plan_import`` in one
transaction, as the requester with their permissions at run time; it counts the outcomes and
actions in the job's progress as it adds them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from heard.jobs import imports
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.plans import selectors, services
from heard.plans.exchange.reading import read_plan
from heard.plans.forms import lead_candidates

#: The job kind (registered in ``PlansConfig.ready``).
PLAN_IMPORT = "plan_import"


def params(*, plan: Any, choices: dict[str, str], leads: dict[str, Any], source: str) -> dict:
    """What the job keeps besides the rows: the plan, the answers and where the rows came from."""
    return {
        "plan": plan.pk,
        "choices": choices,
        "leads": {code: user.pk for code, user in leads.items()},
        "source": source,
    }


def run_plan_import(job: Job, progress: Progress) -> None:
    """Add the read outcomes and actions to the plan, or nothing."""
    user, kept = job.requested_by, job.params
    plan = selectors.plan_get(user, kept["plan"])
    reading = read_plan(kept[imports.UPLOAD], kept["choices"])
    if not reading.ready:
        raise imports.ImportRejected(_("not every question is answered"))
    staff = lead_candidates(plan).in_bulk(kept["leads"].values())
    if len(staff) != len(set(kept["leads"].values())):
        raise imports.ImportRejected(_("a chosen lead may no longer lead the plan's actions"))
    progress.set_total(len(reading.outcomes) + reading.action_count)
    services.plan_import(
        actor=user,
        plan=plan,
        outcomes=reading.outcomes,
        leads={code: staff[pk] for code, pk in kept["leads"].items()},
        source=kept["source"],
        progress=progress.advance,
    )
