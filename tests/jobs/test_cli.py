"""Heard's long commands draw a progress bar (tqdm) on stderr; stdout keeps what they print."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from heard.jobs import cli
from tests import factories
from tests.privacy.test_services import NOW, _old_young_person

TODAY = datetime.date(2026, 11, 20)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_retention_counts_young_people_on_a_bar():
    organisation = factories.OrganisationFactory()
    group = factories.GroupFactory(host_organisation=organisation)
    for year in (2018, 2019):
        _old_young_person(organisation, group, last_session=datetime.date(year, 5, 1))
    out, err = StringIO(), StringIO()
    call_command("retention", "--dry-run", stdout=out, stderr=err)
    assert "Retention: 100%" in err.getvalue() and "2/2" in err.getvalue()
    assert "2 young people would be anonymised" in out.getvalue()
    assert "%|" not in out.getvalue()  # the bar is on stderr only


@pytest.mark.django_db
def test_nothing_due_draws_no_bar():
    err = StringIO()
    call_command("retention", "--dry-run", stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_summaries_check_and_rebuild_draw_a_bar():
    err = StringIO()
    call_command("summaries", "--rebuild", stdout=StringIO(), stderr=err)
    call_command("summaries", "--check", stdout=StringIO(), stderr=err)
    assert "Rebuilding the summaries: 100%" in err.getvalue()
    assert "Checking the summaries: 100%" in err.getvalue()


def test_a_counter_follows_done_of_total():
    class Command:
        stderr = StringIO()

    progress = cli.counter(Command(), desc="Rows", unit="rows")
    progress(5, 10)
    progress(10, 10)
    assert "Rows: 100%" in Command.stderr.getvalue() and "10/10" in Command.stderr.getvalue()


def test_steps_print_each_message_and_count_the_named_ones():
    class Command:
        stdout, stderr = StringIO(), StringIO()

    steps = cli.Steps(Command(), total=2, desc="Loading", counted=("generated ",))
    steps("generated people in 1.0 s")
    steps("  loaded 10 people.YoungPerson in 0.1 s")
    steps("generated groups in 2.0 s")
    steps.close()
    assert Command.stdout.getvalue().splitlines() == [
        "generated people in 1.0 s",
        "  loaded 10 people.YoungPerson in 0.1 s",
        "generated groups in 2.0 s",
    ]
    assert "Loading: 100%" in Command.stderr.getvalue() and "2/2" in Command.stderr.getvalue()
