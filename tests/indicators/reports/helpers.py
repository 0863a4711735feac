"""What the report tests share: a fixed today and one quarter's records of every kind."""

from __future__ import annotations

import datetime
from typing import Any

from heard.audits.models import Audit, ProvisionReview, Recommendation
from heard.core.standards import Standard
from heard.indicators.reports.periods import quarter_starting
from heard.participation.models import Degree
from heard.plans.models import Action, ActionPlan, Outcome, Progress
from tests import factories
from tests.indicators.indicator_helpers import TODAY, attended, council, indicator

__all__ = ["TODAY", "QUARTER", "records"]

#: July to September 2026: the last complete quarter on ``TODAY`` (15 October 2026).
QUARTER = quarter_starting(datetime.date(2026, 7, 1))


def records(organisation: Any) -> dict[str, Any]:
    """A quarter's records: sessions, an indicator, a plan, a kite mark, a provision review
    and a published view with its response, with some outside the quarter that must not count."""
    group = council(organisation)
    theme = factories.ThemeFactory()
    factories.GroupThemeFactory(group=group, theme=theme)
    people = attended(group, datetime.date(2026, 8, 3), 7)
    attended(
        group, datetime.date(2026, 9, 1), 0, people=people[:2], degree=Degree.CYP_INITIATED_DIRECTED
    )
    attended(group, datetime.date(2026, 5, 1), 3)  # the quarter before
    indicator(name="Active", target=5)
    indicator(name="Sessions held", measure="sessions", target=4)
    plan = ActionPlan.objects.create(
        organisation=organisation,
        period="2026-27",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        title="Plan",
    )
    outcome = Outcome.objects.create(plan=plan, standard=Standard.choices[0][0], text="Values")
    for progress in (Progress.ON_TRACK, Progress.ON_TRACK, Progress.DONE):
        Action.objects.create(outcome=outcome, text="Do it", progress=progress)
    Audit.objects.create(
        organisation=organisation,
        service="Youth club",
        date=datetime.date(2026, 6, 1),
        decision=Audit.Decision.AWARDED,
        expires_on=datetime.date(2026, 11, 30),
    )
    review = ProvisionReview.objects.create(
        provider=organisation, visit_date=datetime.date(2026, 8, 10), findings="Good"
    )
    for outcome_value in ("acted_on", "not_acted_on", ""):
        Recommendation.objects.create(review=review, text="More hours", outcome=outcome_value)
    view = factories.ViewFactory(
        session=None,
        organisation=organisation,
        recorded_on=datetime.date(2026, 8, 5),
        consent="publish",
        text="We want a quiet room.",
    )
    factories.ResponseFactory(views=[view], plain_language="There is a quiet room now.")
    return {"group": group, "theme": theme, "people": people}


def pdf_of(client: Any, url: str, query: dict[str, Any] | None = None) -> bytes:
    """A report's PDF as its reader gets it: the link starts a job (303 to the job's page), a
    worker runs it (here, in the test's process and transaction), the job's page offers the file."""
    from django.urls import reverse

    from heard.jobs import services
    from heard.jobs.models import Job

    answer = client.get(url, {**(query or {}), "format": "pdf"})
    assert answer.status_code == 303, answer.status_code
    job = Job.objects.get(uuid=answer["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert services.run(str(job.uuid)) == "succeeded", Job.objects.get(pk=job.pk).error
    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    assert download.status_code == 200
    return b"".join(download.streaming_content)
