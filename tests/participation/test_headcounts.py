"""Headcounts: young people not on the register, counted by age band at a session (issue 18).
They count towards who took part, never towards anyone's journey."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from heard.core.models import AuditEntry
from heard.participation import selectors, services, summaries
from heard.participation.headcounts import Headcount
from heard.participation.models import YearlyParticipation
from heard.people.models import Organisation
from tests import factories

DAY = datetime.date(2026, 10, 1)


@pytest.fixture
def session(group, members):
    session = factories.SessionFactory(group=group, date=DAY)
    for person in members:
        factories.AttendanceFactory(session=session, young_person=person)
    return session


def add(actor, session, **kwargs):
    values = {"age_band": "8_10", "count": 12}
    values.update(kwargs)
    return services.headcount_add(actor=actor, session=session, **values)


class TestServices:
    def test_adds_a_headcount_and_audits_it_on_the_session(self, officer, session):
        school = factories.OrganisationFactory(name="Bluebell Primary")
        headcount = add(officer, session, count="40", organisation=school)
        assert (headcount.count, headcount.place) == (40, "Bluebell Primary")
        entry = AuditEntry.objects.get(event="session.headcount_added")
        assert entry.object_id == str(session.pk) and entry.actor == officer
        assert entry.changes == {"headcount": [None, "40 8_10 Bluebell Primary"]}
        assert str(headcount) == "40 aged 8 to 10 (Bluebell Primary)"

    def test_a_typed_school_name_is_kept_on_one_line(self, officer, session):
        headcount = add(officer, session, school="  Oak Lane Juniors ")
        assert headcount.school == "Oak Lane Juniors"
        assert str(add(officer, session, count=0)).endswith("(school or organisation not known)")
        with pytest.raises(ValidationError) as excinfo:
            add(officer, session, school="Oak\nLane")
        assert "school" in excinfo.value.message_dict

    @pytest.mark.parametrize(
        ("count", "message"),
        [
            (-1, "cannot be less than 0"),
            ("-3", "cannot be less than 0"),
            ("2.5", "whole number"),
            (2.5, "whole number"),
            (True, "whole number"),
            ("", "whole number"),
            (None, "whole number"),
        ],
    )
    def test_the_number_is_a_whole_number_not_below_0(self, officer, session, count, message):
        with pytest.raises(ValidationError) as excinfo:
            add(officer, session, count=count)
        assert message in " ".join(excinfo.value.message_dict["count"])
        assert not Headcount.objects.exists()

    def test_a_model_check_refuses_a_negative_number_too(self, session):
        with pytest.raises(ValidationError, match="cannot be less than 0"):
            Headcount(session=session, age_band="8_10", count=-1).clean()

    def test_an_organisation_or_a_name_not_both_and_a_known_age_band(self, officer, session):
        school = factories.OrganisationFactory()
        with pytest.raises(ValidationError) as excinfo:
            add(officer, session, organisation=school, school="Another")
        assert "not both" in excinfo.value.message_dict["school"][0]
        with pytest.raises(ValidationError) as excinfo:
            add(officer, session, age_band="ancient")
        assert "age_band" in excinfo.value.message_dict
        with pytest.raises(ValidationError) as excinfo:
            add(officer, session, organisation="Bluebell")
        assert "organisation" in excinfo.value.message_dict

    def test_whoever_may_not_change_the_session_may_not_count(
        self, session, make_user, board_member, other_organisation
    ):
        from heard.core.roles import Role

        foreign = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
        for user in (board_member, foreign):
            with pytest.raises(PermissionDenied):
                add(user, session)
        assert not Headcount.objects.exists()

    def test_removes_a_headcount_and_audits_it(self, officer, session, board_member):
        headcount = add(officer, session)
        with pytest.raises(PermissionDenied):
            services.headcount_remove(actor=board_member, headcount=headcount)
        services.headcount_remove(actor=officer, headcount=headcount)
        assert not Headcount.objects.exists()
        entry = AuditEntry.objects.get(event="session.headcount_removed")
        assert entry.changes == {"headcount": ["12 8_10", None]}

    def test_a_headcount_is_nobodys_journey(self, officer, session, members):
        summaries.rebuild()
        before = sorted(
            YearlyParticipation.objects.values_list("young_person_id", "sessions_attended")
        )
        add(officer, session, count=40)
        after = sorted(
            YearlyParticipation.objects.values_list("young_person_id", "sessions_attended")
        )
        assert after == before and len(after) == len(members)
        assert summaries.differences() == (0, [])


class TestSelectors:
    def test_took_part_counts_the_register_once_and_the_headcounts(
        self, officer, session, members, group
    ):
        again = factories.SessionFactory(group=group, date=DAY - datetime.timedelta(days=7))
        factories.AttendanceFactory(session=again, young_person=members[0])
        factories.AttendanceFactory(
            session=again, young_person=factories.YoungPersonFactory(), status="absent"
        )
        add(officer, session, count=40)
        add(officer, again, count=5, age_band="11_13")
        start, end = datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
        figures = selectors.took_part(start=start, end=end)
        assert (figures.registered, figures.headcount, figures.total) == (2, 45, 47)
        only = selectors.took_part(start=DAY, end=DAY)
        assert (only.registered, only.headcount) == (2, 40)
        assert (
            selectors.took_part(start=start, end=end, sessions=again.__class__.objects.none()).total
            == 0
        )

    def test_a_session_page_reads_its_figure_from_what_was_prefetched(
        self, officer, session, django_assert_num_queries
    ):
        add(officer, session, count=3)
        found = selectors.session_get(officer, session.pk)
        with django_assert_num_queries(0):
            figures = selectors.session_took_part(found)
        assert (figures.registered, figures.headcount) == (2, 3)

    def test_a_headcount_of_another_organisations_session_is_404(
        self, officer, session, partner_worker, make_user, other_organisation
    ):
        from heard.core.roles import Role

        headcount = add(officer, session)
        assert selectors.headcount_get(partner_worker, headcount.pk) == headcount
        foreign = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
        with pytest.raises(Http404):
            selectors.headcount_get(foreign, headcount.pk)
        assert list(selectors.headcounts_visible_to(foreign)) == []
        assert list(selectors.headcounts_visible_to(partner_worker)) == [headcount]

    def test_organisations_offered_are_the_active_ones(self, db):
        factories.OrganisationFactory(name="Closed school", is_active=False)
        open_school = factories.OrganisationFactory(name="Open school")
        offered = list(selectors.organisations_for_headcounts())
        assert open_school in offered
        assert not any(org.name == "Closed school" for org in offered)


class TestSchoolsRepresented:
    """A school's pupils at one sitting are one school attendance; unique schools once."""

    def test_primary_parliament_sittings_count_school_attendances_and_unique_schools(
        self, officer, organisation
    ):
        parliament = factories.GroupFactory(
            host_organisation=organisation, kind="primary_parliament"
        )
        schools = [
            factories.OrganisationFactory(name=f"School {n}", kind=Organisation.Kind.SCHOOL)
            for n in range(40)
        ]
        # Three sittings of 34, 33 and 33 schools: 100 school attendances, 40 different schools.
        plan = [schools[0:34], schools[6:39], [*schools[:32], *schools[39:40]]]
        for index, sitting_schools in enumerate(plan):
            sitting = factories.SessionFactory(
                group=parliament, date=DAY - datetime.timedelta(days=30 * index)
            )
            for position, school in enumerate(sitting_schools):
                if position % 2:
                    pupil = factories.YoungPersonFactory(organisation=school)
                    factories.AttendanceFactory(session=sitting, young_person=pupil)
                    factories.AttendanceFactory(
                        session=sitting,
                        young_person=factories.YoungPersonFactory(organisation=school),
                    )
                else:
                    add(officer, sitting, count=3, organisation=school)
            # A typed name of a school on the register is that school; an empty count is none.
            add(officer, sitting, count=2, school=" school  7 ")
            add(officer, sitting, count=0, school="Nobody Came Primary")
        represented = selectors.schools_represented(
            start=datetime.date(2026, 4, 1),
            end=DAY,
            sessions=parliament.sessions.all(),
            organisation_kind=Organisation.Kind.SCHOOL,
        )
        assert (represented.attendances, represented.unique) == (100, 40)

    def test_typed_names_not_on_the_register_count_as_themselves(self, officer, session):
        add(officer, session, count=4, school="Oak Lane Juniors")
        add(officer, session, count=4, school="oak lane  juniors", age_band="11_13")
        add(officer, session, count=4, age_band="11_13")
        represented = selectors.schools_represented(start=DAY, end=DAY)
        people_orgs = {
            person.organisation_id for person in [a.young_person for a in session.attendances.all()]
        }
        assert represented.unique == 1 + len(people_orgs)
        assert represented.attendances == represented.unique


class TestPages:
    def test_the_session_page_shows_the_headcount_and_who_took_part(
        self, client_for, officer, session
    ):
        add(officer, session, count=40, school="Oak <b>Lane</b>")
        page = client_for(officer).get(f"/sessions/{session.pk}/").content.decode()
        assert "Took part: 42 (2 on the register, 40 counted)." in page
        assert "Oak &lt;b&gt;Lane&lt;/b&gt;" in page
        assert f"/sessions/{session.pk}/headcount/" in page

    def test_a_board_member_is_kept_out_as_from_the_session(
        self, client_for, officer, board_member, session
    ):
        headcount = add(officer, session)
        client = client_for(board_member)
        assert client.get(f"/sessions/{session.pk}/headcount/").status_code == 404
        assert client.post(f"/sessions/headcounts/{headcount.pk}/remove/").status_code == 404

    def test_a_reader_who_may_not_change_sees_no_links_to_change(
        self, client_for, officer, make_user, session
    ):
        from heard.core.roles import Role

        add(officer, session)
        reader = client_for(make_user(Role.SAFEGUARDING_LEAD))
        page = reader.get(f"/sessions/{session.pk}/").content.decode()
        assert "Took part: 14" in page
        assert "/headcount/" not in page and "/remove/" not in page
        assert reader.get(f"/sessions/{session.pk}/headcount/").status_code == 403

    def test_adding_a_headcount_without_javascript(self, client_for, officer, session):
        client = client_for(officer)
        url = f"/sessions/{session.pk}/headcount/"
        assert "Number of young people" in client.get(url).content.decode()
        response = client.post(url, {"age_band": "8_10", "count": "-2"})
        assert "cannot be less than 0" in response.content.decode()
        response = client.post(url, {"age_band": "8_10", "count": "two"})
        assert "whole number" in response.content.decode()
        response = client.post(url, {"count": "3"})
        assert "Choose the age band" in response.content.decode()
        school = factories.OrganisationFactory()
        response = client.post(
            url, {"age_band": "8_10", "count": "3", "organisation": school.pk, "school": "X"}
        )
        assert "not both" in response.content.decode()
        response = client.post(url, {"age_band": "8_10", "count": "30"})
        assert response.status_code == 302
        assert session.headcounts.get().count == 30

    def test_removing_asks_first(self, client_for, officer, session):
        headcount = add(officer, session)
        client = client_for(officer)
        url = f"/sessions/headcounts/{headcount.pk}/remove/"
        page = client.get(url).content.decode()
        assert "Remove this headcount?" in page and "Remove the headcount" in page
        assert Headcount.objects.exists()
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].endswith(f"/sessions/{session.pk}/#headcount")
        assert not Headcount.objects.exists()

    def test_another_organisations_worker_gets_404(
        self, client_for, officer, session, make_user, other_organisation
    ):
        from heard.core.roles import Role

        headcount = add(officer, session)
        foreign = client_for(make_user(Role.PARTNER_WORKER, organisation=other_organisation))
        assert foreign.get(f"/sessions/{session.pk}/headcount/").status_code == 404
        assert foreign.post(f"/sessions/headcounts/{headcount.pk}/remove/").status_code == 404
        assert Headcount.objects.exists()


def test_a_headcount_that_is_not_a_number_is_404(officer, db):
    for pk in ("null", "1.5", "x"):
        with pytest.raises(Http404):
            selectors.headcount_get(officer, pk)
