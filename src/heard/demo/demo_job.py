"""The demo partnership and the data generator as background jobs (issue 20):
``heard load_demo --background`` and ``heard generate --scale S --background`` queue a system
job (``heard.jobs.services.start_system``) that a worker runs, its progress on the job's page
(administrators see it), instead of running in the command itself.

Each loads in one transaction, as it does inline: a worker killed mid-job leaves the database
as it was and the job stopped, to be tried again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from heard.demo import generator
from heard.demo.loader import load_demo
from heard.jobs import services as jobs
from heard.jobs.models import Job
from heard.jobs.progress import Progress

#: The job kinds (registered in ``DemoConfig.ready``).
LOAD_DEMO = "load_demo"
GENERATE = "generate"

#: A generator message that moves its progress one step (as ``heard generate``'s bar).
COUNTED = ("generated ", "summarised ", "derived ", "committed ")


class GeneratorRefused(Exception):
    """The database already holds generated records: a background run never empties it."""


def start_load_demo(*, today: datetime.date | None = None) -> Job:
    today = today or timezone.localdate()
    params = {"today": today.isoformat()}
    return jobs.start_system(LOAD_DEMO, params=params, label=_("Demo partnership"))


def start_generate(*, scale: str, seed: int = 1, today: datetime.date | None = None) -> Job:
    if scale not in generator.SCALES:
        raise ValueError(scale)
    today = today or timezone.localdate()
    params: dict[str, Any] = {"scale": scale, "seed": seed, "today": today.isoformat()}
    label = _("Generated data (%(scale)s scale)") % {"scale": scale}
    return jobs.start_system(GENERATE, params=params, label=label)


def run_load_demo(job: Job, progress: Progress) -> None:
    """Load the demo partnership unless it is there: one step."""
    progress.set_total(1)
    load_demo(today=datetime.date.fromisoformat(job.params["today"]))
    progress.advance()


def run_generate(job: Job, progress: Progress) -> None:
    """Generate the scale into an empty database, a step per app's rows and summary."""
    existing = generator.existing_rows()
    if existing:
        raise GeneratorRefused(f"{sum(existing.values())} records already there")
    progress.set_total(len(generator.STEPS) + 3)

    def told(message: str) -> None:
        if message.startswith(COUNTED):
            progress.advance()

    generator.generate(
        scale=generator.SCALES[job.params["scale"]],
        seed=int(job.params["seed"]),
        today=datetime.date.fromisoformat(job.params["today"]),
        progress=told,
        replace=False,
    )
