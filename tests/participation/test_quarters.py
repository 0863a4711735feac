"""The quarterly summary of active participation stays what grouping the attendances gives
(through the services, the migration, the check and the rebuild), and answers only for periods
it covers."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from heard.participation import quarters, services
from heard.participation.models import Attendance, Degree, QuarterlyParticipation, Session
from tests.participation.test_summaries import assert_in_step, log

pytestmark = pytest.mark.django_db

MAY, JUNE, JULY = datetime.date(2026, 5, 4), datetime.date(2026, 6, 30), datetime.date(2026, 7, 1)


def kept():
    return sorted(
        QuarterlyParticipation.objects.values_list(
            "quarter", "young_person__reference", "group__name", "active_sessions"
        )
    )


@pytest.fixture
def history(officer, group, members):
    """Two active sessions in one quarter, one in the next, one not active, one apology."""
    log(officer, group=group, date=MAY, attendees=members)
    log(officer, group=group, date=JUNE, attendees=[members[0]])
    log(officer, group=group, date=JULY, attendees=[(members[1], Attendance.Status.APOLOGIES)])
    log(officer, group=group, date=JULY, attendees=[members[1]])
    log(officer, group=group, date=JULY, attendees=members, degree=Degree.CONSULTED_INFORMED)
    return group, members


def test_the_services_keep_each_quarters_active_sessions(officer, history):
    group, members = history
    april = datetime.date(2026, 4, 1)
    assert kept() == sorted(
        [
            (april, members[0].reference, group.name, 2),
            (april, members[1].reference, group.name, 1),
            (JULY, members[1].reference, group.name, 1),
        ]
    )
    # Moving a session into the next quarter and making another passive move the rows.
    june = Session.objects.get(date=JUNE)
    services.session_update(actor=officer, session=june, date=datetime.date(2026, 8, 3))
    may = Session.objects.get(date=MAY)
    services.session_update(actor=officer, session=may, degree=Degree.ASSIGNED_INFORMED)
    assert kept() == sorted(
        [
            (JULY, members[0].reference, group.name, 1),
            (JULY, members[1].reference, group.name, 1),
        ]
    )
    assert_in_step()


def test_the_check_finds_a_wrong_quarter_and_the_rebuild_mends_it(history, capsys):
    call_command("summaries", "--check")
    QuarterlyParticipation.objects.filter(quarter=JULY).update(active_sessions=9)
    with pytest.raises(CommandError, match="differ from the log in 2 rows"):
        call_command("summaries", "--check")
    missing, extra = quarters.differences()
    assert len(missing) == len(extra) == 1
    call_command("summaries", "--rebuild")
    call_command("summaries", "--check")
    assert len(kept()) == 3


def test_the_migration_fills_it_the_same_way(history):
    before = kept()
    QuarterlyParticipation.objects.all().delete()

    class Editor:
        def __init__(self):
            self.connection = connection

        def execute(self, sql, params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    importlib.import_module("heard.participation.migrations.0018_quarterly_participation").fill(
        apps, Editor()
    )
    # 0020 then gives the rows of 0018 their groups' kinds.
    importlib.import_module("heard.participation.migrations.0020_quarterly_group_kind").fill(
        apps, Editor()
    )
    assert kept() == before
    assert_in_step()


def test_it_covers_whole_quarters_and_a_quarter_to_a_day_with_nothing_after(officer, group):
    assert quarters.covers(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    assert quarters.covers(datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))  # a year
    assert not quarters.covers(datetime.date(2026, 4, 2), datetime.date(2026, 6, 30))
    assert not quarters.covers(datetime.date(2026, 7, 1), datetime.date(2026, 6, 30))
    # Part of a quarter: only while no session comes after its end in that quarter.
    assert quarters.covers(datetime.date(2026, 4, 1), datetime.date(2026, 5, 10))
    log(officer, group=group, date=datetime.date(2026, 5, 20), attendees=[])
    assert not quarters.covers(datetime.date(2026, 4, 1), datetime.date(2026, 5, 10))
    assert quarters.covers(datetime.date(2026, 4, 1), datetime.date(2026, 5, 20))


def test_active_in_narrows_by_kind_of_group_and_organisation(history, other_organisation):
    group, members = history
    year = (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    everyone = set(quarters.active_in(*year).values_list("young_person_id", flat=True))
    assert everyone == {members[0].pk, members[1].pk}
    assert not quarters.active_in(*year, group_kind="audit_team").exists()
    assert quarters.active_in(*year, group_kind=group.kind).count() == 3
    assert quarters.active_in(*year, organisation=group.host_organisation_id).count() == 3
    assert not quarters.active_in(*year, organisation=other_organisation.pk).exists()
    assert quarters.active_in(JULY, datetime.date(2026, 9, 30)).count() == 1
