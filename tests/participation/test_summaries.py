"""The yearly participation summary stays what grouping the attendances gives, through every
change the session services make, and the command checks and rebuilds it."""

import datetime
import importlib
import io
import random

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from heard.groups import services as group_services
from heard.groups.models import Group
from heard.participation import selectors, services, summaries
from heard.participation.models import (
    Attendance,
    Degree,
    ParticipationType,
    QuarterlyParticipation,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.people.models import YoungPerson
from tests import factories

DAY = datetime.date(2026, 10, 1)
EARLIER = datetime.date(2026, 9, 1)


def log(actor, **kwargs):
    values = {
        "date": DAY,
        "kind": "group_session",
        "degree": Degree.ADULT_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
    }
    values.update(kwargs)
    return services.session_log(actor=actor, **values)


def rows():
    return sorted(
        YearlyParticipation.objects.values_list(
            "year", "young_person__reference", "group__name", "sessions_attended", "active_sessions"
        )
    )


def participants():
    return sorted(
        YearlyParticipant.objects.values_list(
            "year",
            "young_person__reference",
            "via_buddy_group",
            "first_active_on",
            "first_buddy_active_on",
        )
    )


def assert_in_step():
    count, shown = summaries.differences()
    assert count == 0, shown


@pytest.mark.django_db
class TestKeptByTheServices:
    def test_logging_a_session_adds_its_attendees(self, officer, group, members):
        log(
            officer,
            group=group,
            attendees=[members[0], (members[1], Attendance.Status.APOLOGIES)],
        )
        # Only those who attended are counted; apologies are not taking part.
        assert rows() == [(2026, members[0].reference, group.name, 1, 1)]
        assert_in_step()

    def test_an_individual_session_counts_with_no_group(self, officer, organisation):
        young_person = factories.YoungPersonFactory(organisation=organisation)
        log(officer, young_person=young_person, kind="one_to_one_review")
        assert rows() == [(2026, young_person.reference, None, 1, 1)]
        assert_in_step()

    def test_changes_move_the_counts(self, officer, group, members):
        first = log(officer, group=group, attendees=members)
        log(officer, group=group, attendees=[members[0]], degree=Degree.CONSULTED_INFORMED)
        assert rows() == sorted(
            [
                (2026, members[0].reference, group.name, 2, 1),
                (2026, members[1].reference, group.name, 1, 1),
            ]
        )
        # Not active any more; one attendee dropped; moved into the year before.
        services.session_update(actor=officer, session=first, degree=Degree.ASSIGNED_INFORMED)
        assert rows() == sorted(
            [
                (2026, members[0].reference, group.name, 2, 0),
                (2026, members[1].reference, group.name, 1, 0),
            ]
        )
        services.session_update(actor=officer, session=first, attendees=[members[0]])
        assert rows() == [(2026, members[0].reference, group.name, 2, 0)]
        services.session_update(actor=officer, session=first, date=datetime.date(2026, 3, 20))
        assert rows() == sorted(
            [
                (2025, members[0].reference, group.name, 1, 0),
                (2026, members[0].reference, group.name, 1, 0),
            ]
        )
        assert_in_step()

    def test_moving_a_session_to_another_group(self, officer, group, members, organisation):
        other = factories.GroupFactory(host_organisation=organisation, name="Northside Forum")
        session = log(officer, group=group, attendees=members)
        services.session_update(actor=officer, session=session, group=other)
        assert {row[2] for row in rows()} == {"Northside Forum"}
        assert_in_step()

    def test_each_group_keeps_its_latest_session(self, officer, group, members, organisation):
        other = factories.GroupFactory(host_organisation=organisation, name="Northside Forum")
        factories.BackgroundCheckFactory(staff=officer)
        present = {"staff_present": [officer]}
        log(officer, group=group, attendees=members, date=datetime.date(2026, 9, 1), **present)
        later = log(officer, group=group, attendees=members, **present)
        group.refresh_from_db()
        assert group.last_session_on == DAY
        services.session_update(actor=officer, session=later, group=other)
        group.refresh_from_db()
        other.refresh_from_db()
        assert (group.last_session_on, other.last_session_on) == (datetime.date(2026, 9, 1), DAY)
        services.session_update(actor=officer, session=later, date=datetime.date(2026, 8, 1))
        other.refresh_from_db()
        assert other.last_session_on == datetime.date(2026, 8, 1)
        assert_in_step()

    def test_a_failed_log_leaves_the_summary_alone(self, officer, group, members):
        log(officer, group=group, attendees=members)
        before = rows()
        with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal
            log(officer, group=group, attendees=members, date="not a date")
        assert rows() == before

    def test_a_random_history_of_changes(self, officer, organisation):
        """Forty random logs and edits across two years and three groups, checked after each."""
        rng = random.Random(6)
        groups = [
            factories.GroupFactory(host_organisation=organisation, kind=kind)
            for kind in (Group.Kind.BUDDY_GROUP, Group.Kind.YOUTH_COUNCIL, Group.Kind.BUDDY_GROUP)
        ]
        people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(8)]
        sessions = []
        for _ in range(40):
            attendees = [
                (person, rng.choice(Attendance.Status.values))
                for person in rng.sample(people, rng.randint(0, 5))
            ]
            day = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
            if rng.random() < 0.1:
                # A group becomes, or stops being, a Buddy Group: its participants are recounted.
                changed = rng.choice(groups)
                kind = (
                    Group.Kind.YOUTH_COUNCIL
                    if changed.kind == Group.Kind.BUDDY_GROUP
                    else Group.Kind.BUDDY_GROUP
                )
                changed = group_services.group_update(actor=officer, group=changed, kind=kind)
                groups = [changed if g.pk == changed.pk else g for g in groups]
            elif sessions and rng.random() < 0.5:
                change = rng.choice(["attendees", "date", "degree", "group"])
                value = {
                    "attendees": attendees,
                    "date": day,
                    "degree": rng.choice(Degree.values),
                    "group": rng.choice(groups),
                }[change]
                services.session_update(
                    actor=officer, session=rng.choice(sessions), **{change: value}
                )
            else:
                sessions.append(
                    log(
                        officer,
                        group=rng.choice(groups),
                        date=day,
                        degree=rng.choice(Degree.values),
                        attendees=attendees,
                    )
                )
            assert_in_step()
        assert YearlyParticipation.objects.exists()
        assert {row[2] for row in participants()} == {True, False}

    def test_import_keeps_it_too(self, officer, group, members):
        rows_csv = (
            "date,kind,group,degree,participation_type,attendees\n"
            f"2026-09-01,group_session,{group.name},adult_initiated_shared,public,"
            f"{members[0].reference};{members[1].reference}\n"
        )
        result = services.sessions_import(actor=officer, file=io.StringIO(rows_csv))
        assert result.errors == [], result.errors
        assert len(rows()) == 2
        assert_in_step()

    def test_people_refreshed_in_several_chunks(self, officer, group, members, monkeypatch):
        """More young people than one statement takes (``CHUNK``): each chunk's rows, and
        those of each partnership year the sessions fall in."""
        monkeypatch.setattr(summaries, "CHUNK", 2)
        people = [*members, *(factories.MembershipFactory(group=group).young_person for _ in "abc")]
        log(officer, group=group, attendees=people)
        log(officer, group=group, attendees=people[1:], date=datetime.date(2025, 6, 1))
        assert len(rows()) == 5 + 4
        assert_in_step()


@pytest.mark.django_db
class TestRebuildAndCheck:
    def make_history(self, officer, group, members):
        factories.BackgroundCheckFactory(staff=officer)
        log(officer, group=group, attendees=members, staff_present=[officer])
        log(officer, group=group, attendees=[members[0]], date=datetime.date(2025, 6, 1))

    def test_rebuild_gives_what_the_services_kept(self, officer, group, members):
        self.make_history(officer, group, members)
        kept, kept_participants = rows(), participants()
        assert summaries.rebuild() == 3
        assert rows() == kept
        assert participants() == kept_participants

    def test_participants_are_each_active_young_person_of_a_year_once(self, officer, members):
        council = factories.GroupFactory(kind=Group.Kind.YOUTH_COUNCIL)
        log(officer, group=council, attendees=members, date=EARLIER)
        log(officer, group=council, attendees=[members[0]], date=datetime.date(2025, 6, 1))
        log(officer, group=factories.GroupFactory(), attendees=[members[0]])
        log(officer, group=council, attendees=[members[1]], degree=Degree.CONSULTED_INFORMED)
        first, second = members[0].reference, members[1].reference
        june = datetime.date(2025, 6, 1)
        # Only the first took part in a Buddy Group (the factory's kind), and only in 2026: with
        # the year's first active session, and the first in a Buddy Group.
        assert participants() == sorted(
            [
                (2025, first, False, june, None),
                (2026, first, True, EARLIER, DAY),
                (2026, second, False, EARLIER, None),
            ]
        )
        group_services.group_update(actor=officer, group=council, kind=Group.Kind.BUDDY_GROUP)
        assert participants() == sorted(
            [
                (2025, first, True, june, june),
                (2026, first, True, EARLIER, EARLIER),
                (2026, second, True, EARLIER, EARLIER),
            ]
        )
        assert_in_step()

    def test_the_quarters_carry_their_groups_kind(self, officer, group, members, organisation):
        """Each quarterly row names its group's kind (blank for individual sessions), and a
        group that changes kind changes it on every quarter's row."""
        council = factories.GroupFactory(kind=Group.Kind.YOUTH_COUNCIL)
        log(officer, group=council, attendees=members, date=EARLIER)
        log(officer, group=council, attendees=[members[0]], date=datetime.date(2025, 6, 1))
        log(officer, young_person=members[1], kind="one_to_one_review")

        def kinds():
            return sorted(
                QuarterlyParticipation.objects.values_list("quarter", "group_id", "group_kind")
            )

        assert {kind for _, _, kind in kinds()} == {Group.Kind.YOUTH_COUNCIL, ""}
        group_services.group_update(actor=officer, group=council, kind=Group.Kind.BUDDY_GROUP)
        assert {kind for _, group_id, kind in kinds() if group_id} == {Group.Kind.BUDDY_GROUP}
        assert len(kinds()) == 4  # two quarters of the council, one individual session
        assert_in_step()

    def test_first_dates_follow_edits(self, officer, group, members):
        """The first active days move when a session is re-dated, made not active, or loses
        its attendees, and ``--check`` sees a first day out of step."""
        council = factories.GroupFactory(kind=Group.Kind.YOUTH_COUNCIL)
        early = log(officer, group=group, attendees=members, date=datetime.date(2026, 5, 4))
        log(officer, group=council, attendees=members, date=datetime.date(2026, 4, 20))
        log(officer, group=group, attendees=[members[0]])
        first, second = members[0].reference, members[1].reference
        april, may = datetime.date(2026, 4, 20), datetime.date(2026, 5, 4)
        assert participants() == sorted(
            [(2026, first, True, april, may), (2026, second, True, april, may)]
        )
        services.session_update(actor=officer, session=early, date=datetime.date(2026, 4, 10))
        april_10 = datetime.date(2026, 4, 10)
        assert participants() == sorted(
            [
                (2026, first, True, april_10, april_10),
                (2026, second, True, april_10, april_10),
            ]
        )
        services.session_update(actor=officer, session=early, attendees=[members[0]])
        assert participants() == sorted(
            [
                (2026, first, True, april_10, april_10),
                (2026, second, False, april, None),
            ]
        )
        services.session_update(actor=officer, session=early, degree=Degree.CONSULTED_INFORMED)
        assert participants() == sorted(
            [
                (2026, first, True, april, DAY),
                (2026, second, False, april, None),
            ]
        )
        assert_in_step()
        YearlyParticipant.objects.filter(young_person=members[0]).update(first_buddy_active_on=may)
        count, shown = summaries.differences()
        assert count == 2, shown

    def test_the_migration_fills_it_the_same_way(self, officer, group, members):
        self.make_history(officer, group, members)
        kept = rows()
        YearlyParticipation.objects.all().delete()
        migration = importlib.import_module(
            "heard.participation.migrations.0005_yearly_participation"
        )

        class Editor:
            def __init__(self):
                self.connection = connection

            def execute(self, sql, params):
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)

        migration.fill(apps, Editor())
        assert rows() == kept
        # 0011 then gives the rows of 0005 their first attended and first active days.
        assert YearlyParticipation.objects.filter(first_attended_on__isnull=True).exists()
        importlib.import_module(
            "heard.participation.migrations.0011_yearly_first_dates"
        ).fill_first_dates(apps, Editor())
        assert not YearlyParticipation.objects.filter(first_attended_on__isnull=True).exists()

        kept_participants = participants()
        YearlyParticipant.objects.all().delete()
        importlib.import_module("heard.participation.migrations.0007_yearly_participant").fill(
            apps, Editor()
        )
        # 0012 then gives the participants of 0007 their first active days.
        assert YearlyParticipant.objects.filter(first_active_on__isnull=True).exists()
        importlib.import_module(
            "heard.participation.migrations.0012_yearly_participant_first_dates"
        ).fill_first_dates(apps, Editor())
        assert participants() == kept_participants
        assert_in_step()

        # 0020 gives the quarterly rows made before it their groups' kinds.
        QuarterlyParticipation.objects.update(group_kind="")
        assert summaries.differences()[0]
        importlib.import_module("heard.participation.migrations.0020_quarterly_group_kind").fill(
            apps, Editor()
        )
        assert_in_step()

    def test_check_finds_a_difference_and_rebuild_mends_it(self, officer, group, members, capsys):
        self.make_history(officer, group, members)
        call_command("summaries", "--check")
        assert "match the" in capsys.readouterr().out
        YearlyParticipation.objects.filter(young_person=members[1]).update(active_sessions=7)
        with pytest.raises(CommandError, match="differ from the log in 2 rows"):
            call_command("summaries", "--check")
        Group.objects.filter(pk=group.pk).update(last_session_on=None)
        with pytest.raises(CommandError, match="differ from the log in 3 rows"):
            call_command("summaries", "--check")
        YearlyParticipant.objects.filter(young_person=members[0]).update(via_buddy_group=False)
        with pytest.raises(CommandError, match="differ from the log in 7 rows"):
            call_command("summaries", "--check")
        call_command("summaries", "--rebuild")
        assert "rebuilt: 3 yearly rows" in capsys.readouterr().out
        call_command("summaries", "--check")

    def test_erasing_nothing_is_lost_when_a_young_person_goes(self, officer, group, members):
        """Deleting a young person (only a database operation: Heard anonymises) cascades."""
        self.make_history(officer, group, members)
        Attendance.objects.filter(young_person=members[1]).delete()
        YoungPerson.objects.filter(pk=members[1].pk).delete()
        assert_in_step()


@pytest.mark.django_db
class TestHomeCountsReadIt:
    def test_counts_come_from_the_summary(self, officer, group, members):
        log(officer, group=group, attendees=members)
        counts = selectors.home_counts(user=officer, today=DAY)
        assert counts["active_young_people"] == 2
        # A summary out of step shows: the count is read from it, not from the attendances.
        YearlyParticipant.objects.filter(young_person=members[1]).delete()
        assert selectors.home_counts(user=officer, today=DAY)["active_young_people"] == 1

    def test_a_partner_worker_counts_their_organisations_sessions(
        self, officer, group, members, organisation
    ):
        partner = factories.UserFactory(role="partner_worker", organisation=organisation)
        log(officer, group=group, attendees=members)
        log(officer, group=factories.GroupFactory(), attendees=[factories.YoungPersonFactory()])
        assert selectors.home_counts(user=officer, today=DAY)["active_young_people"] == 3
        assert selectors.home_counts(user=partner, today=DAY)["active_young_people"] == 2
        # Theirs are grouped from the yearly summary's rows of their organisation.
        YearlyParticipation.objects.filter(young_person=members[1]).delete()
        assert selectors.home_counts(user=partner, today=DAY)["active_young_people"] == 1
