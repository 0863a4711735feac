"""Sessions that are not one group's (issue 18): with several groups, with an organisation, or
open to all, their attendees from anywhere on the register the user may see."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from heard.core.roles import Role
from heard.participation import selectors, services, summaries
from heard.participation.models import Degree, ParticipationType, Session, YearlyParticipation
from tests import factories

DAY = datetime.date(2026, 10, 1)


def log(actor, **kwargs):
    values = {
        "date": DAY,
        "kind": Session.Kind.EVENT,
        "degree": Degree.ADULT_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
        "title": "Takeover Day",
    }
    values.update(kwargs)
    return services.session_log(actor=actor, **values)


def errors(excinfo):
    return excinfo.value.message_dict


class TestOpenAndOrganisationSessions:
    def test_an_open_event_with_attendees_from_anywhere_and_a_headcount(
        self, officer, organisation, other_organisation
    ):
        here = factories.YoungPersonFactory(organisation=organisation)
        there = factories.YoungPersonFactory(organisation=other_organisation)
        session = log(officer, organisation=organisation, is_open=True, attendees=[here, there])
        assert (session.group, session.young_person, session.is_open) == (None, None, True)
        assert session.organisation == organisation
        assert session.audience == "Open to all"
        services.headcount_add(actor=officer, session=session, age_band="11_13", count=40)
        figures = selectors.took_part(start=DAY, end=DAY)
        assert (figures.registered, figures.headcount, figures.total) == (2, 40, 42)
        # The register's attendees took part; the headcount is nobody's journey.
        rows = YearlyParticipation.objects.values_list("young_person_id", flat=True)
        assert sorted(rows) == sorted([here.pk, there.pk])
        assert summaries.differences() == (0, [])

    def test_an_organisations_session(self, officer, organisation):
        session = log(officer, organisation=organisation)
        assert session.audience == "An organisation's young people"
        assert not session.is_open

    def test_neither_group_young_person_nor_organisation_is_refused(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            log(officer)
        assert "organisation for a session with no group" in errors(excinfo)["group"][0]
        with pytest.raises(ValidationError) as excinfo:
            log(officer, organisation="Town Hall")
        assert "organisation" in errors(excinfo)

    def test_open_to_all_has_no_group(self, officer, group):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, is_open=True)
        assert "is_open" in errors(excinfo)

    def test_a_partner_worker_logs_their_own_organisations_only(
        self, partner_worker, organisation, other_organisation
    ):
        assert log(partner_worker, organisation=organisation).organisation == organisation
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, organisation=other_organisation)
        assert "your own organisation" in errors(excinfo)["organisation"][0]
        assert list(selectors.organisations_for_logging(partner_worker)) == [organisation]

    def test_attendees_are_only_young_people_the_user_may_see(
        self, partner_worker, organisation, other_organisation
    ):
        theirs = factories.YoungPersonFactory(organisation=other_organisation)
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, organisation=organisation, is_open=True, attendees=[theirs])
        assert "not a young person you can record" in errors(excinfo)["attendees"][0]

    def test_a_theme_lead_logs_for_their_groups_not_organisations(
        self, theme_lead, organisation, board_member
    ):
        with pytest.raises(ValidationError) as excinfo:
            log(theme_lead, organisation=organisation)
        assert "theme lead" in errors(excinfo)["organisation"][0]
        assert not selectors.organisations_for_logging(theme_lead).exists()
        assert not selectors.organisations_for_logging(board_member).exists()

    def test_an_update_keeps_the_rules(self, officer, organisation, group):
        session = log(officer, organisation=organisation, is_open=True)
        with pytest.raises(ValidationError) as excinfo:
            services.session_update(actor=officer, session=session, other_groups=[group])
        assert "group first" in errors(excinfo)["other_groups"][0]
        services.session_update(actor=officer, session=session, is_open=False)
        session.refresh_from_db()
        assert not session.is_open


class TestSeveralGroups:
    @pytest.fixture
    def checked(self, officer):
        factories.BackgroundCheckFactory(staff=officer)
        return officer

    def test_a_visit_with_several_groups_moves_each_groups_clock(
        self, checked, group, organisation
    ):
        other = factories.GroupFactory(host_organisation=organisation, name="Northside Forum")
        session = log(
            checked,
            group=group,
            kind=Session.Kind.VISIT,
            other_groups=[other, group, other],
            staff_present=[checked],
        )
        assert list(session.other_groups.all()) == [other]
        assert session.audience == "Several groups"
        for each in (group, other):
            each.refresh_from_db()
            assert each.last_session_on == DAY
        services.session_update(actor=checked, session=session, other_groups=[])
        other.refresh_from_db()
        assert other.last_session_on is None
        assert summaries.differences() == (0, [])

    def test_other_groups_need_a_group_and_must_be_seen(
        self, partner_worker, group, other_group, organisation
    ):
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, organisation=organisation, other_groups=[group])
        assert "other_groups" in errors(excinfo)
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, group=group, other_groups=[other_group])
        assert "Choose groups you can see" in errors(excinfo)["other_groups"][0]
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, group=group, other_groups=["Amplify"])
        assert "not a group on the register" in errors(excinfo)["other_groups"][0]


class TestPages:
    def test_logging_an_open_event_without_javascript(
        self, client_for, officer, organisation, other_organisation
    ):
        client = client_for(officer)
        page = client.get("/sessions/new/").content.decode()
        assert "Takeover Day" in page and 'name="organisation"' in page
        response = client.get("/sessions/new/", {"is_open": "on", "organisation": ""})
        assert "Choose the organisation that ran the open session" in response.content.decode()
        form = client.get(
            "/sessions/new/", {"organisation": organisation.pk, "is_open": "on"}
        ).content.decode()
        assert "(open to all)" in form and 'name="other_attendees"' in form
        there = factories.YoungPersonFactory(organisation=other_organisation)
        response = client.post(
            f"/sessions/new/?organisation={organisation.pk}&is_open=on",
            {
                "date_day": "1",
                "date_month": "10",
                "date_year": "2026",
                "kind": Session.Kind.EVENT,
                "degree": Degree.ADULT_INITIATED_SHARED,
                "participation_type": ParticipationType.PUBLIC,
                "other_attendees": there.reference,
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        session = Session.objects.get()
        assert session.is_open and session.organisation == organisation
        assert list(session.attendances.values_list("young_person", flat=True)) == [there.pk]
        detail = client.get(f"/sessions/{session.pk}/").content.decode()
        assert "Open to all" in detail
        listed = client.get("/sessions/").content.decode()
        assert "Open to all" in listed

    def test_one_subject_only(self, client_for, officer, organisation, group):
        response = client_for(officer).get(
            "/sessions/new/", {"organisation": organisation.pk, "group": group.pk}
        )
        assert "only one of them" in response.content.decode()

    def test_a_session_with_several_groups_names_them(
        self, client_for, officer, group, organisation
    ):
        other = factories.GroupFactory(host_organisation=organisation, name="Northside Forum")
        session = log(officer, group=group, other_groups=[other])
        page = client_for(officer).get(f"/sessions/{session.pk}/").content.decode()
        assert "With the other groups" in page and "Northside Forum" in page


def test_a_partner_worker_is_offered_their_own_organisation(
    client_for, make_user, organisation, other_organisation
):
    worker = make_user(Role.PARTNER_WORKER, organisation=organisation)
    page = client_for(worker).get("/sessions/new/").content.decode()
    assert organisation.name in page and other_organisation.name not in page


def test_a_group_session_moved_to_no_group_stays_its_organisations(officer, group):
    session = log(officer, group=group)
    services.session_update(actor=officer, session=session, group=None)
    session.refresh_from_db()
    assert (session.group, session.organisation) == (None, group.host_organisation)
    assert session.audience == "An organisation's young people"
