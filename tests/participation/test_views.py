import datetime
import io

import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.groups import selectors as group_selectors
from heard.jobs import services as job_services
from heard.jobs.models import Job
from heard.participation import selectors
from heard.participation.models import Attendance, Degree, Method, ParticipationType, Session
from tests import factories

from .conftest import TODAY

LIST = reverse("participation:session-list")
CREATE = reverse("participation:session-create")
IMPORT = reverse("participation:session-import")
FOLLOW_UP = reverse("participation:monitoring-followup")


def detail(session):
    return reverse("participation:session-detail", args=[session.pk])


def edit(session):
    return reverse("participation:session-edit", args=[session.pk])


def log_form(**extra):
    data = {
        "date": "2026-10-14",
        "kind": Session.Kind.GROUP_SESSION,
        "title": "Summer plans",
        "degree": Degree.CYP_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
        "standards": ["strategy"],
        "methods": [str(Method.objects.get(name="Discussion").pk)],
        "monitoring_form_complete": "on",
    }
    data.update(extra)
    return data


class TestSessionList:
    def test_lists_searches_and_filters(self, client_for, officer, group, other_group):
        factories.SessionFactory(group=group, title="Art afternoon", kind=Session.Kind.EVENT)
        factories.SessionFactory(group=other_group, title="Budget panel", kind=Session.Kind.PANEL)
        client = client_for(officer)
        page = client.get(LIST).content.decode()
        assert "Art afternoon" in page and "Budget panel" in page
        page = client.get(LIST, {"q": "budget"}).content.decode()
        assert "Budget panel" in page and "Art afternoon" not in page
        page = client.get(LIST, {"kind": Session.Kind.EVENT}).content.decode()
        assert "Art afternoon" in page and "Budget panel" not in page
        page = client.get(LIST, {"group": other_group.pk}).content.decode()
        assert "Budget panel" in page and "Art afternoon" not in page
        page = client.get(LIST, {"date_from": "2026-10-02"}).content.decode()
        assert "No sessions match your filters" in page

    def test_monitoring_filter(self, client_for, officer, group):
        factories.SessionFactory(group=group, title="Complete one", monitoring_form_complete=True)
        factories.SessionFactory(group=group, title="Missing one", monitoring_form_complete=False)
        page = client_for(officer).get(LIST, {"monitoring_form_complete": "no"}).content.decode()
        assert "Missing one" in page and "Complete one" not in page

    def test_empty_state(self, client_for, officer):
        page = client_for(officer).get(LIST).content.decode()
        assert "No sessions have been logged yet" in page

    def test_csv_export_has_every_field(self, client_for, officer, group, members):
        session = factories.SessionFactory(group=group, title="=cmd()", notes="Went well")
        for person in members:
            factories.AttendanceFactory(session=session, young_person=person)
        theme = factories.ThemeFactory(title="Transport", period="2026-27")
        session.themes.add(theme)
        session.methods.add(Method.objects.get(name="Games"))
        session.standards.add(*session.standards.model.objects.filter(code="staff"))
        response = client_for(officer).get(LIST, {"format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0].startswith("ID,Date,Kind,Title,Group,Young person,Organisation,Attendees")
        assert "'=cmd()" in lines[1]
        assert ",2," in lines[1]
        assert "Transport (2026-27)" in lines[1] and "Games" in lines[1] and "Staff" in lines[1]

    def test_list_page_runs_a_fixed_number_of_queries(
        self, client_for, officer, group, count_queries
    ):
        client = client_for(officer)

        def make(n):
            for _ in range(n):
                session = factories.SessionFactory(group=group)
                for _ in range(3):
                    factories.AttendanceFactory(session=session)
                session.themes.add(factories.ThemeFactory())
                session.staff_present.add(officer)

        make(2)
        few, response = count_queries(lambda: client.get(LIST))
        assert response.status_code == 200
        make(8)
        many, response = count_queries(lambda: client.get(LIST))
        assert response.content.decode().count('href="/sessions/') >= 10
        assert few == many


def group_select(page):
    """The group filter's <select> element, or None when the filter is a text input."""
    start = page.find('<select name="group"')
    if start == -1:
        start = page.find('name="group"')
        tag_start = page.rfind("<", 0, start)
        return None if page[tag_start:].startswith("<input") else page[tag_start:]
    return page[start : page.index("</select>", start)]


def many_sessions(group, other_group, n):
    for i in range(n):
        session = factories.SessionFactory(
            group=group if i % 2 else other_group, monitoring_form_complete=False
        )
        factories.AttendanceFactory(session=session)
        session.themes.add(factories.ThemeFactory())


class TestGroupFilter:
    """A drop-down of id and name when the user sees few groups, a name search when many."""

    def test_few_groups_are_a_drop_down_read_in_one_lean_query(
        self, client_for, officer, group, other_group, count_queries
    ):
        factories.SessionFactory(group=group, title="Art afternoon")
        factories.SessionFactory(group=other_group, title="Budget panel")
        count, response = count_queries(lambda: client_for(officer).get(LIST))
        page = response.content.decode()
        select = group_select(page)
        assert select is not None
        assert f'<option value="{group.pk}">Riverside Buddy Group</option>' in select
        assert f'<option value="{other_group.pk}">Hillside Youth Council</option>' in select
        assert select.index("Hillside") < select.index("Riverside")  # by name
        page = client_for(officer).get(LIST, {"group": group.pk}).content.decode()
        assert "Art afternoon" in page and "Budget panel" not in page
        assert f'<option value="{group.pk}" selected>' in page

    def test_the_drop_down_reads_ids_and_names_only(self, rf, officer, group):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from heard.participation.filters import SessionFilter

        request = rf.get(LIST)
        request.user = officer
        with CaptureQueriesContext(connection) as ctx:
            SessionFilter(None, queryset=Session.objects.all(), request=request).form.as_p()
        group_queries = [
            q["sql"] for q in ctx.captured_queries if 'FROM "groups_group" ' in q["sql"]
        ]
        assert len(group_queries) == 1
        columns, _, rest = group_queries[0].partition(' FROM "groups_group" ')
        assert columns.count('"groups_group".') == 2
        assert '"groups_group"."id"' in columns and '"groups_group"."name"' in columns
        assert "COUNT" not in rest.upper() and "JOIN" not in rest.upper()
        # Nor are organisations or themes counted (their list pages count young people, groups).
        assert not [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]

    def test_partner_worker_filters_by_their_own_organisation_only(
        self, client_for, partner_worker, organisation, other_organisation
    ):
        page = client_for(partner_worker).get(LIST).content.decode()
        select = page[page.index('<select name="organisation"') :].split("</select>")[0]
        assert organisation.name in select and other_organisation.name not in select

    def test_partner_worker_drop_down_holds_only_their_groups(
        self, client_for, partner_worker, group, other_group
    ):
        page = client_for(partner_worker).get(LIST).content.decode()
        select = group_select(page)
        assert group.name in select and other_group.name not in page

    def test_many_groups_become_a_name_search_that_still_takes_an_id(
        self, client_for, officer, group, other_group, monkeypatch
    ):
        monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 1)
        factories.SessionFactory(group=group, title="Art afternoon")
        factories.SessionFactory(group=other_group, title="Budget panel")
        client = client_for(officer)
        page = client.get(LIST).content.decode()
        assert group_select(page) is None
        assert "<option" not in page.split('name="group"')[0].rsplit("<label", 1)[-1]
        assert f">{group.name}</option>" not in page
        page = client.get(LIST, {"group": "hillside"}).content.decode()
        assert "Budget panel" in page and "Art afternoon" not in page
        page = client.get(LIST, {"group": " Buddy "}).content.decode()
        assert "Art afternoon" in page and "Budget panel" not in page
        # Links that pass a group's id (as the drop-down did) keep working.
        page = client.get(LIST, {"group": str(other_group.pk)}).content.decode()
        assert "Budget panel" in page and "Art afternoon" not in page
        page = client.get(FOLLOW_UP, {"group": "nothing like it"}).content.decode()
        assert "No sessions missing a monitoring form match your filters" in page

    def test_a_name_search_never_reaches_another_organisations_sessions(
        self, client_for, partner_worker, group, other_group, monkeypatch
    ):
        monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 0)
        factories.SessionFactory(group=other_group, title="Budget panel")
        client = client_for(partner_worker)
        for value in ("Hillside", str(other_group.pk)):
            page = client.get(LIST, {"group": value}).content.decode()
            assert "Budget panel" not in page and "No sessions match your filters" in page

    @pytest.mark.parametrize("choices_max", [200, 1])
    @pytest.mark.parametrize("url", [LIST, FOLLOW_UP])
    def test_pages_run_a_fixed_number_of_queries_either_way(
        self, client_for, officer, group, other_group, count_queries, monkeypatch, choices_max, url
    ):
        monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", choices_max)
        client = client_for(officer)
        many_sessions(group, other_group, 2)
        few, response = count_queries(lambda: client.get(url))
        assert response.status_code == 200
        many_sessions(group, other_group, 8)
        for n in range(5):
            factories.GroupFactory(name=f"Extra {n}")
        many, response = count_queries(lambda: client.get(url))
        assert response.content.decode().count('href="/sessions/') >= 10
        assert few == many
        filtered, response = count_queries(lambda: client.get(url, {"group": str(group.pk)}))
        assert response.status_code == 200
        assert filtered == many


class TestLogSession:
    def test_chooser_then_form_with_members(self, client_for, officer, group, members):
        client = client_for(officer)
        page = client.get(CREATE).content.decode()
        assert "Who was the session with?" in page
        page = client.get(CREATE, {"group": group.pk}).content.decode()
        for person in members:
            assert person.reference in page
        assert "Tick the members who came" in page
        assert (
            "Consulted and informed" in page
            and "Adults are available but do not take charge" in page
        )

    def test_logging_a_group_session_changes_home_counts_and_next_due(
        self, client_for, officer, group, members
    ):
        factories.BackgroundCheckFactory(staff=officer)
        before_counts = selectors.home_counts(user=officer, today=TODAY)
        before = {g.pk: g for g in group_selectors.group_calendar(user=officer, today=TODAY)}[
            group.pk
        ]
        client = client_for(officer)
        response = client.post(
            f"{CREATE}?group={group.pk}",
            log_form(
                attended=[str(members[0].pk), str(members[1].pk)], staff_present=[str(officer.pk)]
            ),
        )
        session = Session.objects.get()
        assert response.status_code == 302
        assert response["Location"] == detail(session)
        assert set(session.attendances.values_list("young_person_id", flat=True)) == {
            members[0].pk,
            members[1].pk,
        }
        assert session.monitoring_form_complete
        assert list(session.staff_present.all()) == [officer]
        after_counts = selectors.home_counts(user=officer, today=TODAY)
        assert after_counts["active_young_people"] == before_counts["active_young_people"] + 2
        assert (
            after_counts["active_via_buddy_groups"] == before_counts["active_via_buddy_groups"] + 2
        )
        assert after_counts["sessions_this_quarter"] == before_counts["sessions_this_quarter"] + 1
        after = {g.pk: g for g in group_selectors.group_calendar(user=officer, today=TODAY)}[
            group.pk
        ]
        assert after.last_contact == datetime.date(2026, 10, 14)
        assert after.next_due == datetime.date(2026, 10, 14) + datetime.timedelta(days=31)
        assert after.next_due != before.next_due
        assert not after.is_overdue
        page = client.get(detail(session)).content.decode()
        assert members[0].reference in page and "Session logged" in page

    def test_other_attendees_by_reference(self, client_for, officer, group, members):
        visitor = factories.YoungPersonFactory()
        client_for(officer).post(
            f"{CREATE}?group={group.pk}",
            log_form(attended=[str(members[0].pk)], other_attendees=visitor.reference.lower()),
        )
        session = Session.objects.get()
        assert set(session.attendances.values_list("young_person_id", flat=True)) == {
            members[0].pk,
            visitor.pk,
        }

    def test_unknown_reference_is_an_error(self, client_for, officer, group):
        response = client_for(officer).post(
            f"{CREATE}?group={group.pk}", log_form(other_attendees="YP-NOSUCH")
        )
        assert response.status_code == 200
        assert (
            "No young person you can see has the reference YP-NOSUCH" in response.content.decode()
        )
        assert not Session.objects.exists()

    def test_future_date_shows_the_service_error(self, client_for, officer, group, members):
        response = client_for(officer).post(
            f"{CREATE}?group={group.pk}", log_form(date="2026-11-01", attended=[str(members[0].pk)])
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "cannot be in the future" in page and "govuk-error-summary" in page
        assert not Session.objects.exists()

    def test_missing_fields(self, client_for, officer, group):
        response = client_for(officer).post(f"{CREATE}?group={group.pk}", {})
        page = response.content.decode()
        assert "Enter the date of the session." in page
        assert "Choose the degree of participation." in page

    def test_individual_session(self, client_for, officer, organisation):
        person = factories.YoungPersonFactory(organisation=organisation)
        client = client_for(officer)
        page = client.get(CREATE, {"young_person": person.reference}).content.decode()
        assert "recorded as attending" in page
        response = client.post(
            f"{CREATE}?young_person={person.reference}",
            log_form(kind=Session.Kind.ONE_TO_ONE_REVIEW, participation_type="individual"),
        )
        assert response.status_code == 302
        assert Session.objects.get().attendances.get().young_person == person

    def test_partner_worker_cannot_choose_another_organisations_group(
        self, client_for, partner_worker, other_group
    ):
        client = client_for(partner_worker)
        page = client.get(CREATE).content.decode()
        assert other_group.name not in page
        response = client.get(CREATE, {"group": other_group.pk})
        assert "Who was the session with?" in response.content.decode()
        response = client.post(f"{CREATE}?group={other_group.pk}", log_form())
        assert not Session.objects.exists()

    def test_theme_lead_chooses_only_their_groups(self, client_for, theme_lead, theme_group, group):
        page = client_for(theme_lead).get(CREATE).content.decode()
        assert theme_group.name in page
        assert group.name not in page


class TestDetailAndEdit:
    def test_detail_shows_everything(self, client_for, officer, group, members):
        session = factories.SessionFactory(
            group=group, title="Planning", partner_staff_present="Sam from the school"
        )
        factories.AttendanceFactory(session=session, young_person=members[0])
        factories.AttendanceFactory(
            session=session, young_person=members[1], status=Attendance.Status.APOLOGIES
        )
        session.methods.add(Method.objects.get(name="Mapping"))
        page = client_for(officer).get(detail(session)).content.decode()
        assert members[0].reference in page and members[0].display_name in page
        assert "Sent apologies" in page and "Mapping" in page and "Sam from the school" in page
        assert reverse("core:history", args=["participation.session", session.pk]) in page
        assert edit(session) in page

    def test_edit_attendance_statuses(self, client_for, officer, group, members):
        session = factories.SessionFactory(group=group)
        factories.AttendanceFactory(session=session, young_person=members[0])
        client = client_for(officer)
        page = client.get(edit(session)).content.decode()
        assert f"status_{members[1].pk}" in page
        response = client.post(
            edit(session),
            log_form(
                **{f"status_{members[0].pk}": "absent", f"status_{members[1].pk}": "attended"}
            ),
        )
        assert response.status_code == 302
        statuses = dict(session.attendances.values_list("young_person_id", "status"))
        assert statuses == {members[0].pk: "absent", members[1].pk: "attended"}
        assert AuditEntry.objects.filter(
            action=AuditEntry.Action.UPDATE, object_id=str(session.pk)
        ).exists()

    def test_edit_can_remove_an_attendance(self, client_for, officer, group, members):
        session = factories.SessionFactory(group=group)
        factories.AttendanceFactory(session=session, young_person=members[0])
        client_for(officer).post(edit(session), log_form(**{f"status_{members[0].pk}": ""}))
        assert not session.attendances.exists()


class TestMonitoringFollowUp:
    def test_lists_and_marks_complete(self, client_for, officer, group):
        missing = factories.SessionFactory(
            group=group, title="No form yet", monitoring_form_complete=False
        )
        factories.SessionFactory(group=group, title="All done", monitoring_form_complete=True)
        client = client_for(officer)
        page = client.get(FOLLOW_UP).content.decode()
        assert "No form yet" in page and "All done" not in page
        response = client.post(
            reverse("participation:session-monitoring-complete", args=[missing.pk])
        )
        assert response.status_code == 302
        missing.refresh_from_db()
        assert missing.monitoring_form_complete
        assert "Every session" in client.get(FOLLOW_UP).content.decode()

    def test_theme_lead_sees_buttons_only_for_their_sessions(
        self, client_for, theme_lead, theme_group, group
    ):
        theirs = factories.SessionFactory(group=theme_group, monitoring_form_complete=False)
        other = factories.SessionFactory(group=group, monitoring_form_complete=False)
        page = client_for(theme_lead).get(FOLLOW_UP).content.decode()
        assert reverse("participation:session-monitoring-complete", args=[theirs.pk]) in page
        assert reverse("participation:session-monitoring-complete", args=[other.pk]) not in page


CSV_HEADER = (
    "date,kind,group,young_person,title,degree,participation_type,standards,themes,methods,"
    "attendees,monitoring_form_complete,notes\n"
)


class TestImportPage:
    def test_dry_run_with_bad_rows_imports_nothing(self, client_for, officer, group, members):
        content = CSV_HEADER + (
            f"2026-10-01,visit,{group.name},,Good row,adult_initiated_shared,public,Strategy,,"
            "Games,"
            f"{members[0].reference},yes,\n"
            f"2026-13-01,visit,No such group,,Bad row,shouting,public,,,,YP-NOPE,maybe,\n"
        )
        upload = io.BytesIO(content.encode())
        upload.name = "sessions.csv"
        response = client_for(officer).post(IMPORT, {"file": upload, "dry_run": "on"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "nothing was imported" in page
        assert "No group you can log for is called" in page
        assert "YP-NOPE" in page and "shouting" in page
        assert not Session.objects.exists()
        # Unticked, a file with problems is refused in the request: no job starts.
        upload.seek(0)
        page = client_for(officer).post(IMPORT, {"file": upload}).content.decode()
        assert "nothing was imported" in page and not Job.objects.exists()

    def test_real_import_of_a_clean_file(self, client_for, officer, group, members):
        content = CSV_HEADER + (
            f"2026-10-01,Visit,{group.name},,Good row,Adult-initiated shared decisions,public,"
            f"strategy;Staff,,Games;Discussion,{members[0].reference};{members[1].reference},yes,Notes\n"
        )
        upload = io.BytesIO(content.encode())
        upload.name = "sessions.csv"
        client = client_for(officer)
        response = client.post(IMPORT, {"file": upload})
        # Checked in the request, imported by a background job (issue 20).
        job = Job.objects.get()
        assert response.status_code == 303
        assert response["Location"] == reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
        assert (job.kind, job.label, job.params["then"]) == (
            "sessions_import",
            "Import of 1 session",
            LIST,
        )
        assert not Session.objects.exists()
        assert job_services.run(str(job.uuid)) == "succeeded"
        session = Session.objects.get()
        assert session.attendances.count() == 2
        job.refresh_from_db()
        assert (job.done, job.total, "upload" in job.params) == (1, 1, False)
        page = client.get(response["Location"]).content.decode()
        assert "Done" in page and f'href="{LIST}"' in page

    def test_import_needs_permission(self, client_for, safeguarding_lead):
        assert client_for(safeguarding_lead).get(IMPORT).status_code == 403


class TestPermissionMatrix:
    def test_partner_worker_never_sees_other_organisations_sessions(
        self, client_for, partner_worker, group, other_group
    ):
        mine = factories.SessionFactory(group=group, title="Ours")
        theirs = factories.SessionFactory(
            group=other_group, title="Theirs", monitoring_form_complete=False
        )
        client = client_for(partner_worker)
        page = client.get(LIST).content.decode()
        assert "Ours" in page and "Theirs" not in page
        csv = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
        assert "Theirs" not in csv
        assert "Theirs" not in client.get(FOLLOW_UP).content.decode()
        assert client.get(detail(theirs)).status_code == 404
        assert client.get(edit(theirs)).status_code == 404
        assert client.post(edit(theirs), log_form()).status_code == 404
        assert (
            client.post(
                reverse("participation:session-monitoring-complete", args=[theirs.pk])
            ).status_code
            == 404
        )
        theirs.refresh_from_db()
        assert theirs.title == "Theirs" and not theirs.monitoring_form_complete
        assert client.get(detail(mine)).status_code == 200
        assert client.get(edit(mine)).status_code == 200

    def test_board_member_is_kept_out(self, client_for, board_member, group):
        session = factories.SessionFactory(group=group)
        client = client_for(board_member)
        assert client.get(LIST).status_code == 403
        assert client.get(FOLLOW_UP).status_code == 403
        assert client.get(CREATE).status_code == 403
        assert client.get(IMPORT).status_code == 403
        assert client.get(detail(session)).status_code == 404
        assert client.get(edit(session)).status_code == 404

    def test_safeguarding_lead_reads_only(self, client_for, safeguarding_lead, group):
        session = factories.SessionFactory(group=group)
        client = client_for(safeguarding_lead)
        assert client.get(LIST).status_code == 200
        assert client.get(detail(session)).status_code == 200
        assert edit(session) not in client.get(detail(session)).content.decode()
        assert client.get(edit(session)).status_code == 403
        assert client.get(CREATE).status_code == 403

    def test_theme_lead_edits_only_their_sessions(self, client_for, theme_lead, theme_group, group):
        theirs = factories.SessionFactory(group=theme_group)
        other = factories.SessionFactory(group=group)
        client = client_for(theme_lead)
        assert client.get(detail(other)).status_code == 200
        assert client.get(edit(other)).status_code == 403
        assert client.get(edit(theirs)).status_code == 200

    @pytest.mark.parametrize(
        "role", [Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER]
    )
    def test_programme_staff_do_everything(self, client_for, make_user, role, other_group):
        session = factories.SessionFactory(group=other_group)
        client = client_for(make_user(role))
        for url in (LIST, FOLLOW_UP, CREATE, IMPORT, detail(session), edit(session)):
            assert client.get(url).status_code == 200, url

    def test_signed_out_is_sent_to_sign_in(self, client, group):
        session = factories.SessionFactory(group=group)
        for url in (LIST, CREATE, detail(session)):
            response = client.get(url)
            assert response.status_code == 302
            assert reverse("core:sign-in") in response["Location"]
