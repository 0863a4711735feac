"""Loading into an empty database: the command, determinism, never over somebody's records."""

import datetime
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from heard.demo import data
from heard.demo.loader import demo_logins, load_demo
from heard.groups.models import Group
from heard.participation.models import Attendance, Session
from heard.people.models import Organisation, User, YoungPerson
from tests.conftest import tracer_off
from tests.demo.test_load_demo import NOW, TODAY, model_counts
from tests.factories import OrganisationFactory


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _with(session: Session) -> str:
    """Who a session was with: its group, its young person, or (issue 18) its organisation."""
    if session.group:
        return session.group.name
    return session.young_person.first_name if session.young_person else session.organisation.name


def signature(today: datetime.date) -> dict[str, object]:
    """Everything about the demo that must not change between loads (dates as days before today)."""
    return {
        "counts": model_counts(),
        "young_people": sorted(
            YoungPerson.objects.values_list(
                "first_name",
                "last_name",
                "preferred_name",
                "age_band",
                "organisation__name",
                "communication_needs",
                "access_needs",
            )
        ),
        "groups": sorted(
            (g.name, g.kind, g.stage, g.host_organisation.name, (today - g.start_date).days)
            for g in Group.objects.select_related("host_organisation")
        ),
        "sessions": sorted(
            (_with(s), (today - s.date).days)
            + (s.kind, s.degree, s.participation_type, s.monitoring_form_complete, s.notes)
            for s in Session.objects.select_related("group", "young_person", "organisation")
        ),
        "attendance": Counter(Attendance.objects.values_list("status", flat=True)),
    }


def test_the_command_loads_the_same_demo_whatever_the_day(db, frozen):
    """The command on an empty database loads and prints the logins; a load counting back from
    another day gives the same records in the same numbers. The second load runs without
    coverage's tracer: the two took 38 s traced (12 s untraced), and the first covers its lines."""
    with transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        text = out.getvalue()
        assert "Loaded the demo partnership." in text
        for login in demo_logins():
            assert f"{login.email}  " in text
            assert login.role in text
        assert data.DEMO_PASSWORD in text
        first = signature(TODAY)
        transaction.set_rollback(True)
    assert not User.objects.exists()

    with tracer_off():
        summary = load_demo(today=datetime.date(2026, 5, 2))
    assert summary.created
    assert signature(datetime.date(2026, 5, 2)) == first
    assert summary.counts["young_people"] == first["counts"]["YoungPerson"]
    assert summary.counts["sessions"] == first["counts"]["Session"]


def test_not_loaded_into_a_database_with_other_records(db, frozen):
    OrganisationFactory(name="A real partner")
    summary = load_demo(today=TODAY)
    assert not summary.created
    assert "not loaded" in summary.message
    assert not User.objects.exists()
    assert Organisation.objects.count() == 1
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "not loaded" in out.getvalue()
    assert data.DEMO_PASSWORD not in out.getvalue()


def test_the_command_refuses_a_day_in_the_future(db, frozen):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="later than today"):
        call_command("load_demo", "--today", "2026-11-24")
    assert not User.objects.exists()
