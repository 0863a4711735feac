"""Imports as jobs count their rows as they write them (issue 20, "The page shows progress"): the
import services tell the job's ``Progress`` of each chunk written, inside their one transaction,
so the job records rows done of the total while it runs; the last chunk counts only once
everything is written, so a run that fails never shows every row done and imports nothing.

What another connection sees while the import's transaction is open (PostgreSQL) is in
``test_import_progress_postgres.py``."""

import datetime

import pytest
import time_machine

from heard.core.standards import Standard
from heard.jobs import imports, progress, services
from heard.jobs.models import Status
from heard.participation import import_job as session_import_job
from heard.participation import summaries
from heard.participation.models import Session
from heard.people import import_job as people_import_job
from heard.people.models import YoungPerson
from heard.people.services import imports as people_imports
from tests import factories

pytestmark = pytest.mark.django_db

ROWS = 2000


@pytest.fixture
def written(monkeypatch):
    """Every ``(done, total)`` a run's progress writes to its job, in order."""
    values: list[tuple[int, int | None]] = []
    write = progress.Progress.write

    def recording(self):
        values.append((self.done, self.total))
        return write(self)

    monkeypatch.setattr(progress.Progress, "write", recording)
    return values


def _people_file(organisation, rows=ROWS) -> str:
    lines = "".join(f"Counted{n},Example,11_13,{organisation.name}\n" for n in range(rows))
    return "first_name,last_name,age_band,organisation\n" + lines


def _sessions_file(groups, rows=ROWS) -> str:
    header = "date,kind,group,title,degree,participation_type,attendees,monitoring_form_complete\n"
    first = datetime.date(2026, 4, 2)
    lines = []
    for n in range(rows):
        name, members = groups[n % len(groups)]
        day = first + datetime.timedelta(days=n // len(groups))
        lines.append(f"{day},Group session,{name},Counted,adult_initiated_shared,social,")
        lines.append(f"{';'.join(members)},yes\n")
    return header + "".join(lines)


@pytest.fixture
def groups(organisation):
    """Twenty groups of two members each, with their names and the members' references."""
    named = []
    for _ in range(20):
        group = factories.GroupFactory(host_organisation=organisation)
        people = [factories.MembershipFactory(group=group).young_person for _ in range(2)]
        named.append((group.name, [person.reference for person in people]))
    return named


def _assert_counted_as_it_went(values, total):
    """Written while running: the total first, then counts that only grow, some of them between
    nothing and everything (the last count is the job's final step's to write)."""
    dones = [done for done, _ in values]
    assert dones[0] == 0 and dones == sorted(dones) and dones[-1] <= total, dones
    assert {seen for _, seen in values} == {total}
    assert any(0 < done < total for done in dones), dones


def test_a_young_people_import_counts_its_rows_as_it_writes_them(officer, organisation, written):
    job = imports.start(
        officer,
        people_import_job.YOUNG_PEOPLE_IMPORT,
        upload=_people_file(organisation),
        label="Import",
    )
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    _assert_counted_as_it_went(written, ROWS)
    job.refresh_from_db()
    assert (job.done, job.total) == (ROWS, ROWS)
    assert YoungPerson.objects.count() == ROWS


@time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_a_sessions_import_counts_its_rows_as_it_writes_them(admin_user, groups, written):
    job = imports.start(
        admin_user,
        session_import_job.SESSIONS_IMPORT,
        upload=_sessions_file(groups),
        label="Import",
    )
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    _assert_counted_as_it_went(written, ROWS)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, ROWS, ROWS)
    assert Session.objects.count() == ROWS


def test_a_plan_import_counts_its_outcomes_and_actions_as_it_adds_them(
    officer, organisation, written, monkeypatch
):
    from heard.plans import import_job
    from heard.plans import services as plan_services
    from heard.plans.exchange.files import rows_from_text
    from heard.plans.exchange.reading import read_plan
    from heard.plans.models import Action, Outcome
    from tests.plans.test_exchange import SEED

    monkeypatch.setattr(progress, "EVERY_ROWS", 1)  # a plan is short: write every count
    plan = plan_services.plan_create(
        actor=None,
        organisation=organisation,
        period="2009-10",
        starts_on=datetime.date(2009, 4, 1),
        ends_on=datetime.date(2010, 3, 31),
        title="Plan",
    )
    choices = {
        "Members and Officers / Trustees / Governing Bodies": Standard.STAFF,
        "Leadership": Standard.STYLE_OF_LEADERSHIP,
    }
    rows = rows_from_text(SEED)
    reading = read_plan(rows, choices)
    kept = import_job.params(plan=plan, choices=choices, leads={}, source="text")
    job = imports.start(officer, import_job.PLAN_IMPORT, upload=rows, label="Import", **kept)
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    total = len(reading.outcomes) + reading.action_count
    # The total, then one count for each outcome with its actions.
    assert [done for done, _ in written] == [
        0,
        *[
            sum(1 + len(outcome.actions) for outcome in reading.outcomes[: n + 1])
            for n in range(len(reading.outcomes))
        ],
    ]
    _assert_counted_as_it_went(written, total)
    job.refresh_from_db()
    assert (job.done, job.total) == (total, total)
    assert Outcome.objects.count() + Action.objects.count() == total


class Broken(Exception):
    pass


def _break(*args, **kwargs):
    raise Broken


@time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_a_sessions_import_that_fails_after_its_last_chunk_keeps_nothing_nor_all_done(
    admin_user, groups, written, monkeypatch
):
    monkeypatch.setattr(summaries, "refresh_last_sessions", _break)  # after every row's write
    job = imports.start(
        admin_user,
        session_import_job.SESSIONS_IMPORT,
        upload=_sessions_file(groups, rows=1200),
        label="Import",
    )
    assert services.run(str(job.uuid)) == Status.FAILED
    assert any(0 < done < 1200 for done, _ in written), written
    job.refresh_from_db()
    assert (job.status, job.error, job.total) == (Status.FAILED, "Broken", 1200)
    assert 0 < job.done < job.total
    assert not Session.objects.exists()


def test_a_young_people_import_that_fails_halfway_keeps_nothing_nor_all_done(
    officer, organisation, written, monkeypatch
):
    create_chunk = people_imports._create_chunk
    chunks: list[int] = []

    def fails_on_the_third(*args, **kwargs):
        chunks.append(len(args[1]))
        if len(chunks) == 3:
            raise Broken
        return create_chunk(*args, **kwargs)

    monkeypatch.setattr(people_imports, "_create_chunk", fails_on_the_third)
    job = imports.start(
        officer,
        people_import_job.YOUNG_PEOPLE_IMPORT,
        upload=_people_file(organisation),
        label="Import",
    )
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.FAILED, 2 * people_imports.CHUNK, ROWS)
    assert not YoungPerson.objects.exists()
