"""The quarterly monitoring report for the national partnership (issue 18, M22): page and PDF.

``python bench/reports.py`` (``--database-url``, default the bench's own database, as
``bench/run.py`` uses it) times, in-process with Django's test client as a participation lead
signed in with two factors, the last complete quarter's report for the whole partnership as a
web page and as its tagged PDF: median and slowest of ``--runs`` (5) after one warm-up each, with
the queries of one page. Targets from issue 18: page under 2 s, PDF under 10 s. The row goes to
``bench/results/reports-<date>T<hour><minute>.json``. Run it after ``make bench`` has loaded the
national scale; it runs on any generated scale (``heard generate --scale tiny``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402 - bench/run.py, beside this file

TARGET_PAGE_S = 2.0
TARGET_PDF_S = 10.0


def signed_in_client(role: str) -> Any:
    """A test client signed in as the first active user of ``role``, two factors confirmed."""
    from django.conf import settings
    from django.test import Client

    from heard.people.models import User

    user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
    if user is None:
        raise SystemExit(f"No active {role} in this database: generate the data first.")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = run.signed_in_session(user, hours=1)
    return client


def timed(client: Any, path: str, query: dict[str, str], runs: int) -> dict[str, Any]:
    """Median and slowest seconds of ``runs`` requests after one warm-up; every answer is 200."""
    client.get(path, query)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = client.get(path, query)
        seconds.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise SystemExit(f"{path} {query} answered {answer.status_code}")
    return {"median_s": round(statistics.median(seconds), 3), "max_s": round(max(seconds), 3)}


def timed_pdf_job(client: Any, path: str, query: dict[str, str], runs: int) -> dict[str, Any]:
    """The PDF is a background job (issue 20): the link answers 303 with the job's page; the
    time is the request's plus the job's run (figures read, PDF typeset, file stored), the job
    run here as the worker runs it. Median and slowest of ``runs`` after one warm-up; every
    job must finish with its file."""
    from heard.jobs import services as job_services
    from heard.jobs.models import Job

    seconds = []
    for index in range(runs + 1):
        started = time.perf_counter()
        answer = client.get(path, query)
        if answer.status_code != 303:
            raise SystemExit(f"{path} {query} answered {answer.status_code}, not the job's page")
        job = Job.objects.order_by("-pk").first()
        # Run here, as a worker would; a worker of the bench's server may have claimed it
        # first: then wait for it.
        job_services.run(str(job.uuid))
        job.refresh_from_db()
        waited = time.perf_counter()
        while job.status in ("queued", "running") and time.perf_counter() - waited < 600:
            time.sleep(0.05)
            job.refresh_from_db()
        if not job.result:
            raise SystemExit(f"The report's PDF job ended {job.status} without its file")
        if index:  # the first is the warm-up
            seconds.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(seconds), 3), "max_s": round(max(seconds), 3)}


def measure(runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from heard.core.roles import Role
    from heard.demo import generator
    from heard.indicators.models import Indicator
    from heard.indicators.reports import periods

    today = timezone.localdate()
    quarter = periods.offered(periods.QUARTER, today)[1]  # the last complete quarter
    query = {"kind": quarter.kind, "start": quarter.value}
    client = signed_in_client(Role.PARTICIPATION_LEAD)
    path = reverse("indicators:report-view")
    page = timed(client, path, query, runs)
    # In one thread: the side-by-side reads' queries go through connections of their own.
    with override_settings(HEARD_REPORT_THREADS=1), CaptureQueriesContext(connection) as queries:
        client.get(path, query)
    # Counted now: the log is read when asked, and the next request empties it.
    page_queries = len(queries)
    pdf = timed_pdf_job(client, path, {**query, "format": "pdf"}, runs)
    return {
        "report": f"quarterly monitoring report, whole partnership, {quarter.label}",
        "data": generator.marker(),
        "indicators": Indicator.objects.count(),
        "page": {
            **page,
            "queries": page_queries,
            "target_s": TARGET_PAGE_S,
            "ok": page["median_s"] < TARGET_PAGE_S,
        },
        "pdf": {**pdf, "target_s": TARGET_PDF_S, "ok": pdf["median_s"] < TARGET_PDF_S},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=run.DEFAULT_DATABASE_URL)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = run.environment(args)
    # As bench/run.py prepares its database and the served static files.
    run.heard(env, "migrate", "--noinput", "-v0")
    run.heard(env, "collectstatic", "--noinput", "-v0")
    run.django_setup(env)
    result = measure(args.runs)
    print("\n".join(run.report_table(result)))
    run.RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H%M")
    (run.RESULTS / f"reports-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["page"]["ok"] and result["pdf"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
