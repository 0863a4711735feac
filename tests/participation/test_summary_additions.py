"""An import merges its sessions into the summaries (``summary_additions``) instead of regrouping
its young people's years: the rows must still be exactly what grouping the attendances gives."""

import datetime
import io
import random

import pytest

from heard.groups.models import Group
from heard.participation import services, summary_additions
from heard.participation.models import (
    Attendance,
    Degree,
    ParticipationType,
    QuarterlyParticipation,
    YearlyParticipation,
)
from tests import factories
from tests.participation.test_summaries import assert_in_step, log

HEADER = "date,kind,group,young_person,degree,participation_type,attendees\n"


def import_rows(actor, *rows):
    result = services.sessions_import(actor=actor, file=io.StringIO(HEADER + "\n".join(rows)))
    assert result.errors == [], result.errors
    return result


def attended(person, year):
    return YearlyParticipation.objects.filter(young_person=person, year=year).values_list(
        "group_id", "sessions_attended", "active_sessions", "first_attended_on", "first_active_on"
    )


@pytest.mark.django_db
class TestImportMergesIntoTheSummaries:
    def test_rows_kept_so_far_take_the_new_sessions(self, officer, group, members, organisation):
        first, second = members
        alone = factories.YoungPersonFactory(organisation=organisation)
        log(officer, group=group, attendees=members, date=datetime.date(2026, 9, 10))
        log(
            officer,
            group=group,
            attendees=[(first, Attendance.Status.ATTENDED), (second, Attendance.Status.ABSENT)],
            date=datetime.date(2026, 5, 3),
            degree=Degree.ASSIGNED_INFORMED,
        )
        log(
            officer,
            group=None,
            young_person=alone,
            kind="one_to_one_review",
            participation_type=ParticipationType.INDIVIDUAL,
            attendees=[alone],
            date=datetime.date(2026, 6, 1),
        )
        assert_in_step()
        import_rows(
            officer,
            # Earlier than either kept date, in the same year: the first dates move back.
            f"2026-04-20,group_session,{group.name},,adult_initiated_shared,public,"
            f"{first.reference};{second.reference}",
            # Not active: counts as attended only.
            f"2026-10-02,visit,{group.name},,assigned_informed,public,{second.reference}",
            # The year before: a new row beside the kept one.
            f"2026-02-01,group_session,{group.name},,adult_initiated_shared,public,"
            f"{first.reference}",
            # An individual session (no group, not active) merges with the kept one.
            f"2026-07-01,one_to_one_review,,{alone.reference},consulted_informed,individual,",
        )
        assert_in_step()
        assert sorted(attended(first, 2026)) == [
            (group.pk, 3, 2, datetime.date(2026, 4, 20), datetime.date(2026, 4, 20))
        ]
        assert sorted(attended(second, 2026)) == [
            (group.pk, 3, 2, datetime.date(2026, 4, 20), datetime.date(2026, 4, 20))
        ]
        assert list(attended(first, 2025)) == [
            (group.pk, 1, 1, datetime.date(2026, 2, 1), datetime.date(2026, 2, 1))
        ]
        assert list(attended(alone, 2026)) == [
            (None, 2, 1, datetime.date(2026, 6, 1), datetime.date(2026, 6, 1))
        ]
        quarter = QuarterlyParticipation.objects.get(
            young_person=alone, quarter=datetime.date(2026, 4, 1)
        )
        assert (quarter.group_id, quarter.group_kind, quarter.active_sessions) == (None, "", 1)

    def test_several_chunks(self, officer, group, members, monkeypatch):
        """More sessions and young people than one statement takes (``CHUNK``)."""
        monkeypatch.setattr(summary_additions, "CHUNK", 2)
        people = [*members, *(factories.MembershipFactory(group=group).young_person for _ in "abc")]
        log(officer, group=group, attendees=people[:3], date=datetime.date(2026, 8, 1))
        references = ";".join(person.reference for person in people)
        import_rows(
            officer,
            *(
                f"2026-0{month}-11,group_session,{group.name},,adult_initiated_shared,public,"
                f"{references}"
                for month in (3, 5, 7, 9)
            ),
        )
        assert YearlyParticipation.objects.filter(year=2026).count() == 5
        assert_in_step()

    def test_a_random_history_of_logs_and_imports(self, officer, organisation):
        """Thirty random logs and imports over two years, three groups (one a Buddy Group) and
        individual sessions, checked after each."""
        rng = random.Random(12)
        groups = [
            factories.GroupFactory(host_organisation=organisation, kind=kind)
            for kind in (Group.Kind.BUDDY_GROUP, Group.Kind.YOUTH_COUNCIL, Group.Kind.SEND_GROUP)
        ]
        people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(8)]

        def day():
            return datetime.date(2025, 2, 1) + datetime.timedelta(days=rng.randint(0, 600))

        for _ in range(30):
            if rng.random() < 0.4:
                log(
                    officer,
                    group=rng.choice(groups),
                    date=day(),
                    degree=rng.choice(Degree.values),
                    attendees=[
                        (person, rng.choice(Attendance.Status.values))
                        for person in rng.sample(people, rng.randint(0, 4))
                    ],
                )
                continue
            rows = []
            for _ in range(rng.randint(1, 4)):
                degree = rng.choice(Degree.values)
                if rng.random() < 0.25:
                    person = rng.choice(people)
                    rows.append(
                        f"{day()},one_to_one_review,,{person.reference},{degree},individual,"
                    )
                else:
                    attendees = ";".join(p.reference for p in rng.sample(people, rng.randint(0, 4)))
                    group = rng.choice(groups)
                    rows.append(f"{day()},group_session,{group.name},,{degree},public,{attendees}")
            import_rows(officer, *rows)
            assert_in_step()


def test_the_earlier_of_two_first_dates():
    earlier, later = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)
    assert summary_additions._earlier(later, earlier) == earlier
    assert summary_additions._earlier(earlier, later) == earlier
    assert summary_additions._earlier(None, later) == later
    assert summary_additions._earlier(later, None) == later
    assert summary_additions._earlier(None, None) is None
