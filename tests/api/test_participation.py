import datetime

import pytest
import time_machine
import yaml

from heard.core.models import AuditEntry
from heard.groups.models import Group
from heard.participation.models import Attendance, Method, Session
from tests import factories

SESSIONS = "/api/v1/sessions/"
COUNTS = "/api/v1/home-counts/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def group(organisation):
    return factories.GroupFactory(host_organisation=organisation)


@pytest.fixture
def other_group(other_organisation):
    return factories.GroupFactory(
        host_organisation=other_organisation, kind=Group.Kind.YOUTH_COUNCIL
    )


@pytest.fixture
def members(group):
    return [factories.MembershipFactory(group=group).young_person for _ in range(2)]


def payload(subject, **extra):
    data = {
        "date": "2026-10-10",
        "kind": "visit",
        "degree": "cyp_initiated_shared",
        "participation_type": "public",
        "group": subject.pk,
    }
    data.update(extra)
    return data


class TestList:
    def test_lists_with_filters(self, api_for, officer, group, other_group):
        factories.SessionFactory(group=group, kind="event", title="Fair")
        factories.SessionFactory(
            group=other_group, kind="panel", title="Panel", monitoring_form_complete=False
        )
        api = api_for(officer)
        body = api.get(SESSIONS).json()
        assert body["count"] == 2
        assert {row["title"] for row in api.get(SESSIONS, {"kind": "panel"}).json()["results"]} == {
            "Panel"
        }
        assert api.get(SESSIONS, {"monitoring_form_complete": "no"}).json()["count"] == 1
        assert api.get(SESSIONS, {"q": "fair"}).json()["count"] == 1
        assert api.get(SESSIONS, {"date_from": "2026-12-01"}).json()["count"] == 0

    def test_group_filter_takes_an_id_or_a_name_and_reads_no_drop_down(
        self, api_for, officer, group, other_group, count_queries
    ):
        # A page offers the few visible groups as a drop-down; the API shows no form, so it
        # neither reads them (a query) nor refuses a name.
        mine = factories.SessionFactory(group=group)
        factories.SessionFactory(group=other_group)
        api = api_for(officer)
        by_id = api.get(SESSIONS, {"group": group.pk}).json()["results"]
        by_name = api.get(SESSIONS, {"group": group.name[:6]}).json()["results"]
        assert [row["id"] for row in by_id] == [mine.pk]
        assert mine.pk in [row["id"] for row in by_name]
        plain, _ = count_queries(lambda: api.get(SESSIONS))
        filtered, _ = count_queries(lambda: api.get(SESSIONS, {"group": group.pk}))
        assert filtered == plain

    def test_bad_filter_is_a_clear_400(self, api_for, officer):
        response = api_for(officer).get(SESSIONS, {"date_from": "yesterday", "kind": "party"})
        assert response.status_code == 400
        assert set(response.json()) == {"date_from", "kind"}

    def test_partner_worker_sees_only_their_organisation(
        self, api_for, partner_worker, group, other_group
    ):
        mine = factories.SessionFactory(group=group)
        theirs = factories.SessionFactory(group=other_group)
        api = api_for(partner_worker)
        assert [row["id"] for row in api.get(SESSIONS).json()["results"]] == [mine.pk]
        assert api.get(f"{SESSIONS}{theirs.pk}/").status_code == 404
        assert (
            api.patch(f"{SESSIONS}{theirs.pk}/", {"title": "Mine"}, format="json").status_code
            == 404
        )
        theirs.refresh_from_db()
        assert theirs.title == ""

    def test_board_member_is_refused(self, api_for, board_member, group):
        session = factories.SessionFactory(group=group)
        api = api_for(board_member)
        assert api.get(SESSIONS).status_code == 403
        assert api.get(f"{SESSIONS}{session.pk}/").status_code == 403
        assert api.post(SESSIONS, payload(group), format="json").status_code == 403

    def test_signed_out(self, client):
        assert client.get(SESSIONS).status_code in (401, 403)


class TestRetrieve:
    def test_with_attendances(self, api_for, officer, group, members):
        session = factories.SessionFactory(group=group)
        factories.AttendanceFactory(session=session, young_person=members[0])
        factories.AttendanceFactory(
            session=session, young_person=members[1], status=Attendance.Status.ABSENT
        )
        body = api_for(officer).get(f"{SESSIONS}{session.pk}/").json()
        assert body["attendee_count"] == 1
        assert {(a["reference"], a["status"]) for a in body["attendances"]} == {
            (members[0].reference, "attended"),
            (members[1].reference, "absent"),
        }

    def test_unknown_id(self, api_for, officer):
        assert api_for(officer).get(f"{SESSIONS}999999/").status_code == 404


class TestCreate:
    def test_logs_a_session(self, api_for, partner_worker, group, members):
        factories.BackgroundCheckFactory(staff=partner_worker)
        method = Method.objects.get(name="Games")
        theme = factories.ThemeFactory()
        response = api_for(partner_worker).post(
            SESSIONS,
            payload(
                group,
                attendees=[
                    {"young_person": members[0].pk, "status": "attended"},
                    {"young_person": members[1].pk},
                ],
                methods=[method.pk],
                standards=["strategy"],
                themes=[theme.pk],
                staff_present=[partner_worker.pk],
                monitoring_form_complete=True,
            ),
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["attendee_count"] == 2
        assert body["standards"] == ["strategy"]
        assert body["organisation"] == group.host_organisation_id
        session = Session.objects.get()
        assert session.logged_by == partner_worker
        assert (
            AuditEntry.objects.filter(object_type="participation.session", action="create").count()
            == 1
        )

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"date": "not a date"}, "date"),
            ({"date": "2026-10-16"}, "date"),
            ({"kind": "party"}, "kind"),
            ({"degree": 5}, "degree"),
            ({"group": 999999}, "group"),
            ({"group": "abc"}, "group"),
            ({"title": "x" * 201}, "title"),
            ({"attendees": [{"young_person": 999999}]}, "attendees"),
            ({"attendees": [{"young_person": None, "status": "late"}]}, "attendees"),
            ({"attendees": "everyone"}, "attendees"),
            ({"standards": ["vibes"]}, "standards"),
            ({"methods": [999999]}, "methods"),
            ({"monitoring_form_complete": "perhaps"}, "monitoring_form_complete"),
        ],
    )
    def test_bad_input_is_a_per_field_400_and_changes_nothing(
        self, api_for, officer, group, extra, field
    ):
        response = api_for(officer).post(SESSIONS, payload(group, **extra), format="json")
        assert response.status_code == 400
        assert field in response.json(), response.json()
        assert not Session.objects.exists()

    def test_missing_fields(self, api_for, officer):
        response = api_for(officer).post(SESSIONS, {}, format="json")
        assert response.status_code == 400
        assert {"date", "kind", "degree", "participation_type"} <= set(response.json())

    def test_neither_group_nor_young_person(self, api_for, officer, group):
        data = payload(group)
        del data["group"]
        response = api_for(officer).post(SESSIONS, data, format="json")
        assert response.status_code == 400
        assert "group" in response.json()

    def test_duplicate_attendee(self, api_for, officer, group, members):
        response = api_for(officer).post(
            SESSIONS,
            payload(
                group, attendees=[{"young_person": members[0].pk}, {"young_person": members[0].pk}]
            ),
            format="json",
        )
        assert response.status_code == 400
        assert "more than once" in response.json()["attendees"][0]

    def test_queries_do_not_grow_with_attendees_staff_or_methods(
        self, api_for, officer, organisation, count_queries
    ):
        # DRF's related fields ask the database once for each id: 20 attendees were 20 queries.
        def log(size):
            group = factories.GroupFactory(host_organisation=organisation)
            people = factories.YoungPersonFactory.create_batch(size, organisation=organisation)
            staff = factories.UserFactory.create_batch(size)
            for user in staff:
                factories.BackgroundCheckFactory(staff=user)
            data = payload(
                group,
                attendees=[{"young_person": person.pk} for person in people],
                staff_present=[user.pk for user in staff],
                methods=list(Method.objects.values_list("pk", flat=True)[:size]),
            )
            queries, response = count_queries(
                lambda: api_for(officer).post(SESSIONS, data, format="json")
            )
            assert response.status_code == 201, response.json()
            assert response.json()["attendee_count"] == size
            return queries

        assert log(2) == log(6)

    def test_each_unknown_attendee_is_named_at_its_place(
        self, api_for, partner_worker, group, members, other_organisation
    ):
        # Another organisation's young person is unknown to a partner worker, like a wrong id.
        factories.BackgroundCheckFactory(staff=partner_worker)
        stranger = factories.YoungPersonFactory(organisation=other_organisation)
        response = api_for(partner_worker).post(
            SESSIONS,
            payload(
                group,
                attendees=[
                    {"young_person": members[0].pk},
                    {"young_person": 999999},
                    {"young_person": stranger.pk, "status": "absent"},
                ],
            ),
            format="json",
        )
        assert response.status_code == 400
        first, unknown, hidden = response.json()["attendees"]
        assert first == {}
        assert unknown == {"young_person": ['Invalid pk "999999" - object does not exist.']}
        assert hidden == {"young_person": [f'Invalid pk "{stranger.pk}" - object does not exist.']}
        assert not Session.objects.exists()

    def test_a_bad_staff_or_method_id_is_refused_with_the_field(self, api_for, officer, group):
        api = api_for(officer)
        for extra, message in [
            ({"staff_present": [999999]}, 'Invalid pk "999999" - object does not exist.'),
            ({"methods": ["abc"]}, "Enter an id: a whole number from 1 to 9223372036854775807."),
            ({"methods": [True]}, "Enter an id: a whole number from 1 to 9223372036854775807."),
            ({"methods": "Games"}, 'Expected a list of items but got type "str".'),
        ]:
            response = api.post(SESSIONS, payload(group, **extra), format="json")
            assert response.status_code == 400
            assert response.json() == {next(iter(extra)): [message]}
        assert not Session.objects.exists()

    def test_partner_worker_cannot_log_for_another_organisation(
        self, api_for, partner_worker, other_group, other_organisation
    ):
        api = api_for(partner_worker)
        response = api.post(SESSIONS, payload(other_group), format="json")
        assert response.status_code == 400 and "group" in response.json()
        stranger = factories.YoungPersonFactory(organisation=other_organisation)
        data = payload(other_group)
        del data["group"]
        response = api.post(SESSIONS, {**data, "young_person": stranger.pk}, format="json")
        assert response.status_code == 400 and "young_person" in response.json()
        assert not Session.objects.exists()

    def test_safeguarding_lead_cannot_log(self, api_for, safeguarding_lead, group):
        response = api_for(safeguarding_lead).post(SESSIONS, payload(group), format="json")
        assert response.status_code == 403
        assert not Session.objects.exists()


class TestPartialUpdate:
    def test_replaces_attendance(self, api_for, officer, group, members):
        session = factories.SessionFactory(group=group, monitoring_form_complete=False)
        factories.AttendanceFactory(session=session, young_person=members[0])
        response = api_for(officer).patch(
            f"{SESSIONS}{session.pk}/",
            {
                "attendees": [{"young_person": members[1].pk, "status": "apologies"}],
                "monitoring_form_complete": True,
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        assert response.json()["attendances"] == [
            {
                "young_person": members[1].pk,
                "reference": members[1].reference,
                "status": "apologies",
            }
        ]
        session.refresh_from_db()
        assert session.monitoring_form_complete
        assert session.date == datetime.date(2026, 10, 1)

    def test_an_attendee_without_a_status_attended(self, api_for, officer, group, members):
        """A PATCH skips the nested default: an attendee given without a status attended, as
        when the session is logged (it was a 500)."""
        session = factories.SessionFactory(group=group)
        response = api_for(officer).patch(
            f"{SESSIONS}{session.pk}/",
            {"attendees": [{"young_person": members[0].pk}]},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert [row["status"] for row in response.json()["attendances"]] == ["attended"]

    def test_bad_input_changes_nothing(self, api_for, officer, group):
        session = factories.SessionFactory(group=group, title="Before")
        response = api_for(officer).patch(
            f"{SESSIONS}{session.pk}/", {"title": "After", "date": "2027-01-01"}, format="json"
        )
        assert response.status_code == 400 and "date" in response.json()
        session.refresh_from_db()
        assert session.title == "Before"

    def test_the_organisation_is_not_changed_by_a_patch(self, api_for, officer, group):
        """An organisation is set when a session is logged; a PATCH naming one was a 500 (the
        fuzz test, 2026-12-06): now a 400 that changes nothing."""
        session = factories.SessionFactory(group=group, title="Before")
        other = factories.OrganisationFactory()
        response = api_for(officer).patch(
            f"{SESSIONS}{session.pk}/",
            {"title": "After", "organisation": other.pk},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert "organisation" in response.json()
        session.refresh_from_db()
        assert session.title == "Before" and session.organisation_id == group.host_organisation_id

    def test_put_is_not_offered(self, api_for, officer, group):
        session = factories.SessionFactory(group=group)
        assert (
            api_for(officer)
            .put(f"{SESSIONS}{session.pk}/", payload(group), format="json")
            .status_code
            == 405
        )

    def test_theme_lead_cannot_change_others_sessions(self, api_for, theme_lead, group):
        session = factories.SessionFactory(group=group)
        response = api_for(theme_lead).patch(
            f"{SESSIONS}{session.pk}/", {"title": "x"}, format="json"
        )
        assert response.status_code == 403


class TestHomeCounts:
    def test_counts_for_the_user(
        self, api_for, officer, board_member, partner_worker, group, other_group
    ):
        # Five attendees each (counts of children from 1 to 4 are suppressed; not the point here).
        session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 2))
        other = factories.SessionFactory(
            group=other_group, date=datetime.date(2026, 10, 3), monitoring_form_complete=False
        )
        for _ in range(5):
            factories.AttendanceFactory(session=session)
            factories.AttendanceFactory(session=other)
        body = api_for(officer).get(COUNTS).json()
        assert body["active_young_people"] == 10
        assert body["active_via_buddy_groups"] == 5  # the other group is a youth council
        assert body["sessions_this_quarter"] == 2
        assert body["incomplete_monitoring_forms"] == 1
        assert isinstance(body["overdue_visits"], int)
        # ADR 0008: a board member's counts are protected, for the year to the last complete
        # quarter (which ended before these sessions).
        board = api_for(board_member).get(COUNTS).json()
        assert board["protected"] is True and board["active_to"] == "2026-09-30"
        assert board["active_young_people"] == 0
        partner = api_for(partner_worker).get(COUNTS).json()
        assert partner["active_young_people"] == 5 and partner["incomplete_monitoring_forms"] == 0


def test_openapi_document_validates(api_for, officer):
    from openapi_spec_validator import validate

    response = api_for(officer).get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    validate(document)
    assert "/api/v1/sessions/" in document["paths"]
    assert "/api/v1/home-counts/" in document["paths"]
    assert "put" not in document["paths"]["/api/v1/sessions/{id}/"]
    counts = document["paths"]["/api/v1/home-counts/"]["get"]["responses"]["200"]
    assert counts["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HomeCountsOutput"
    }


HEADCOUNTS = "/api/v1/headcounts/"


class TestHeadcounts:
    """Young people not on the register, counted by age band at a session (issue 18)."""

    def test_count_list_read_and_remove(self, api_for, officer, group):
        session = factories.SessionFactory(group=group)
        school = factories.OrganisationFactory()
        api = api_for(officer)
        response = api.post(
            HEADCOUNTS,
            {"session": session.pk, "age_band": "8_10", "count": 40, "organisation": school.pk},
            format="json",
        )
        assert response.status_code == 201, response.json()
        created = response.json()
        assert (created["count"], created["organisation"], created["school"]) == (40, school.pk, "")
        listed = api.get(HEADCOUNTS, {"session": session.pk}).json()
        assert [row["id"] for row in listed["results"]] == [created["id"]]
        assert api.get(f"{HEADCOUNTS}{created['id']}/").json()["age_band"] == "8_10"
        assert api.delete(f"{HEADCOUNTS}{created['id']}/").status_code == 204
        events = AuditEntry.objects.filter(object_id=str(session.pk)).values_list(
            "event", flat=True
        )
        assert set(events) == {"session.headcount_added", "session.headcount_removed"}

    @pytest.mark.parametrize(
        ("count", "message"),
        [(-1, "cannot be less than 0"), ("2.5", "whole number"), ("many", "whole number")],
    )
    def test_the_number_is_a_whole_number_not_below_0(
        self, api_for, officer, group, count, message
    ):
        session = factories.SessionFactory(group=group)
        response = api_for(officer).post(
            HEADCOUNTS, {"session": session.pk, "age_band": "8_10", "count": count}, format="json"
        )
        assert response.status_code == 400
        assert message in str(response.json())

    def test_both_an_organisation_and_a_name_is_refused(self, api_for, officer, group):
        session = factories.SessionFactory(group=group)
        response = api_for(officer).post(
            HEADCOUNTS,
            {
                "session": session.pk,
                "age_band": "8_10",
                "count": 3,
                "organisation": factories.OrganisationFactory().pk,
                "school": "Oak Lane",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "not both" in str(response.json())

    def test_another_organisations_worker_neither_sees_nor_counts(
        self, api_for, officer, group, make_user, other_organisation, board_member
    ):
        from heard.core.roles import Role

        session = factories.SessionFactory(group=group)
        headcount = (
            api_for(officer)
            .post(
                HEADCOUNTS, {"session": session.pk, "age_band": "8_10", "count": 3}, format="json"
            )
            .json()
        )
        foreign = api_for(make_user(Role.PARTNER_WORKER, organisation=other_organisation))
        assert foreign.get(HEADCOUNTS).json()["results"] == []
        assert foreign.get(f"{HEADCOUNTS}{headcount['id']}/").status_code == 404
        assert foreign.delete(f"{HEADCOUNTS}{headcount['id']}/").status_code == 404
        response = foreign.post(
            HEADCOUNTS, {"session": session.pk, "age_band": "8_10", "count": 3}, format="json"
        )
        assert response.status_code == 400  # a session they cannot see is not found
        assert api_for(board_member).get(HEADCOUNTS).status_code == 403

    def test_a_reader_who_may_not_change_the_session_is_refused(
        self, api_for, officer, group, make_user
    ):
        from heard.core.roles import Role

        session = factories.SessionFactory(group=group)
        reader = api_for(make_user(Role.SAFEGUARDING_LEAD))
        response = reader.post(
            HEADCOUNTS, {"session": session.pk, "age_band": "8_10", "count": 3}, format="json"
        )
        assert response.status_code == 403


class TestSessionsBeyondGroups:
    """A session with an organisation, open to all, or with several groups (issue 18)."""

    def test_log_an_open_event_with_attendees_from_anywhere(
        self, api_for, officer, organisation, other_organisation
    ):
        there = factories.YoungPersonFactory(organisation=other_organisation)
        data = payload(organisation, kind="event", organisation=organisation.pk, is_open=True)
        del data["group"]
        data["attendees"] = [{"young_person": there.pk}]
        response = api_for(officer).post(SESSIONS, data, format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["group"], body["is_open"], body["organisation"]) == (
            None,
            True,
            organisation.pk,
        )
        assert [row["young_person"] for row in body["attendances"]] == [there.pk]

    def test_several_groups(self, api_for, officer, group, organisation):
        other = factories.GroupFactory(host_organisation=organisation)
        response = api_for(officer).post(
            SESSIONS, payload(group, other_groups=[other.pk]), format="json"
        )
        assert response.status_code == 201, response.json()
        assert response.json()["other_groups"] == [other.pk]

    def test_a_partner_worker_cannot_log_for_another_organisation(
        self, api_for, partner_worker, other_organisation
    ):
        data = payload(other_organisation, organisation=other_organisation.pk)
        del data["group"]
        response = api_for(partner_worker).post(SESSIONS, data, format="json")
        assert response.status_code == 400
        assert "your own organisation" in str(response.json())
