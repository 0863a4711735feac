"""The replica as a real second connection (issue 20): the ``replica`` alias opens its own
connection to the test database (``TEST: MIRROR``), so the rows must be committed
(transactional tests, in a file of their own). The report's queries run on it, the primary
sees only the writes and what is read outside the block; a lagging replica (PostgreSQL) does
not hide a write from the reads made outside the block."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.replica import REPLICA, reading_for_reports
from heard.indicators.reports import pdf_job
from heard.indicators.reports.build import build
from heard.jobs import services as job_services
from heard.jobs.models import Job, Status
from heard.people.models import Organisation
from tests import factories
from tests.indicators.reports.helpers import QUARTER, TODAY, records
from tests.jobs.helpers import run_queued_jobs
from tests.ops.test_replica import replica_alias

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _one_thread(settings):
    """The report's reads in this thread: pytest-django refuses the replica's connections
    that heard.core.concurrent's threads would open (threads are tested in
    tests/indicators/reports/test_report_threads.py)."""
    settings.HEARD_REPORT_THREADS = 1


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a lagging snapshot needs PostgreSQL"
)


@pytest.fixture
def replica(transactional_db) -> Iterator[Any]:
    with replica_alias(connect=True) as replica_connection:
        yield replica_connection


@pytest.fixture
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _reads(queries: CaptureQueriesContext, table: str) -> list[str]:
    """The reads of ``table``: SELECT, or DECLARE for PostgreSQL's server-side cursor."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("SELECT", "DECLARE")) and f'"{table}"' in q["sql"]
    ]


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]


@pytest.mark.usefixtures("_today")
def test_the_reports_figures_are_read_from_the_replica_and_none_from_the_primary(
    organisation, lead
):
    records(organisation)
    expected = build(user=lead, period=QUARTER, organisation=organisation)
    with replica_alias(connect=True) as replica_connection:
        with (
            CaptureQueriesContext(replica_connection) as on_replica,
            CaptureQueriesContext(connection) as on_primary,
        ):
            figures = build(user=lead, period=QUARTER, organisation=organisation)
        assert figures == expected
        assert on_primary.captured_queries == []
        assert len(on_replica) >= 10
        assert _reads(on_replica, "participation_session")
        assert _reads(on_replica, "indicators_indicator")


def test_reads_outside_the_block_and_every_write_go_to_the_primary(replica):
    made = factories.OrganisationFactory()
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert Organisation.objects.get(pk=made.pk) == made
        assert (len(on_replica), len(on_primary)) == (0, 1)
        with reading_for_reports():
            read = Organisation.objects.get(pk=made.pk)
            assert read._state.db == REPLICA
            assert (len(on_replica), len(on_primary)) == (1, 1)
            read.name = "Renamed inside the block"
            read.save(update_fields=["name"])
        assert len(on_replica) == 1
        assert _writes(on_primary)
    assert Organisation.objects.get(pk=made.pk).name == "Renamed inside the block"


@on_postgresql
def test_a_write_made_just_before_is_read_outside_the_block_though_the_replica_lags(replica):
    """The replica holds an older snapshot (a REPEATABLE READ transaction taken before the
    write, as a replica behind the primary would): inside the block the new row is missing,
    outside it the row is read from the primary."""
    with transaction.atomic(using=REPLICA):
        with replica.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with reading_for_reports():
            before = Organisation.objects.count()  # the replica's snapshot starts here
        made = factories.OrganisationFactory(name="Written just now")
        assert Organisation.objects.get(pk=made.pk).name == "Written just now"
        with reading_for_reports():
            assert not Organisation.objects.filter(pk=made.pk).exists()
            assert Organisation.objects.count() == before
    with reading_for_reports():  # the replica has caught up
        assert Organisation.objects.filter(pk=made.pk).exists()


@pytest.mark.usefixtures("_today")
def test_the_pdf_job_reads_the_figures_from_the_replica(organisation, lead, replica):
    records(organisation)
    choice = {"kind": "quarter", "start": "2026-07-01", "organisation": organisation.pk}
    job = pdf_job.start(lead, stem="report", made="Made today.", label="Report", choice=choice)
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert job_services.run(str(job.uuid)) == Status.SUCCEEDED
    job.refresh_from_db()
    assert (job.done, job.total) == (pdf_job.STEPS, pdf_job.STEPS)
    for table in ("participation_session", "indicators_indicator", "plans_action"):
        assert _reads(on_replica, table), table
        assert not _reads(on_primary, table), table
    # The job's claim, progress and result are the primary's; nothing is written to the replica.
    assert any('"jobs_job"' in sql for sql in _writes(on_primary))
    assert _writes(on_replica) == []


def test_the_export_job_reads_its_rows_from_the_replica(settings, client_for, officer, replica):
    factories.YoungPersonFactory.create_batch(5)
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1
    answer = client_for(officer).get(reverse("people:young-person-list"), {"format": "csv"})
    assert answer.status_code == 303
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        run_queued_jobs()
    job = Job.objects.get()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 5, 5)
    rows = _reads(on_replica, "people_youngperson")
    assert len(rows) == 2  # the count and the rows
    # In one transaction of the replica's: the rows stream, not computed whole first (WITH HOLD).
    assert not any("WITH HOLD" in sql for sql in rows)
    assert not _reads(on_primary, "people_youngperson")
    assert any('"jobs_job"' in sql for sql in _writes(on_primary))
    assert _writes(on_replica) == []


def test_without_a_replica_the_block_reads_the_primary(transactional_db):
    made = factories.OrganisationFactory()
    with CaptureQueriesContext(connection) as on_primary, reading_for_reports():
        assert Organisation.objects.get(pk=made.pk) == made
    assert len(on_primary) == 1
    assert REPLICA not in connections.settings
