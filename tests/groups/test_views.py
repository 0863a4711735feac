import datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from heard.core.models import AuditEntry
from heard.groups.models import Group, Membership, Theme
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def csv_text(response):
    return b"".join(response.streaming_content).decode()


def body(response):
    """A page's bytes, whether rendered or streamed (CSV and iCalendar exports are streamed)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# Themes ------------------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_theme_list_with_warnings_filters_and_csv(client_for, officer):
    for title in ("Transport", "Mental health", "Youth voice", "Climate"):
        factories.ThemeFactory(title=title, period="2026-27")
    factories.ThemeFactory(title="Old theme", period="2025-26")
    client = client_for(officer)
    response = client.get(reverse("groups:theme-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A partnership runs 6 to 10 themes a year: 2026-27 has 4." in page
    assert "govuk-warning-text" in page
    assert "Transport" in page and "Old theme" in page
    response = client.get(reverse("groups:theme-list"), {"period": "2025-26"})
    page = response.content.decode()
    assert "Old theme" in page and "Transport" not in page
    assert "2025-26 has 1." in page
    response = client.get(reverse("groups:theme-list"), {"q": "trans", "format": "csv"})
    text = csv_text(response)
    assert text.splitlines()[0].startswith("Title,Period,Status")
    assert "Transport" in text and "Climate" not in text


def test_theme_list_page_csv_and_api_count_linked_and_established_groups(
    client_for, api_for, officer
):
    theme = factories.ThemeFactory(title="Transport")
    for stage in ("planning", "established", "active"):
        factories.GroupThemeFactory(theme=theme, group__stage=stage)
    factories.ThemeFactory(title="Climate")
    client = client_for(officer)
    page = client.get(reverse("groups:theme-list")).content.decode()
    row = page[page.index("Transport") :]
    row = row[: row.index("</tr>")]
    assert ">3</td>" in row and ">2</td>" in row
    text = csv_text(client.get(reverse("groups:theme-list"), {"format": "csv"}))
    assert "Groups,Established groups" in text.splitlines()[0]
    transport = next(line for line in text.splitlines() if line.startswith("Transport"))
    climate = next(line for line in text.splitlines() if line.startswith("Climate"))
    assert ",3,2," in transport and ",0,0," in climate
    detail = client.get(reverse("groups:theme-detail", args=[theme.pk])).content.decode()
    assert "2 of 3 linked groups" in detail
    api = api_for(officer)
    listed = {row["title"]: row for row in api.get("/api/v1/themes/").json()["results"]}
    assert (listed["Transport"]["group_count"], listed["Transport"]["established_group_count"]) == (
        3,
        2,
    )
    one = api.get(f"/api/v1/themes/{theme.pk}/").json()
    assert (one["group_count"], one["established_group_count"]) == (3, 2)


def test_theme_list_empty_state(client_for, board_member):
    response = client_for(board_member).get(reverse("groups:theme-list"))
    assert response.status_code == 200
    assert "There are no themes yet." in response.content.decode()


def test_theme_list_needs_sign_in(client):
    response = client.get(reverse("groups:theme-list"))
    assert response.status_code == 302


def test_theme_create_and_edit(client_for, lead, theme_lead):
    client = client_for(lead)
    url = reverse("groups:theme-create")
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Transport", "period": "2026-28", "status": "active"})
    assert response.status_code == 200
    assert "The period must span one year" in response.content.decode()
    assert not Theme.objects.exists()
    response = client.post(
        url,
        {"title": "Transport", "period": "2026-27", "status": "active", "lead": theme_lead.pk},
    )
    theme = Theme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:theme-detail", args=[theme.pk])
    assert theme.lead == theme_lead
    edit = reverse("groups:theme-edit", args=[theme.pk])
    assert "Transport" in client.get(edit).content.decode()
    client.post(edit, {"title": "Getting about", "period": "2026-27", "status": "active"})
    theme.refresh_from_db()
    assert theme.title == "Getting about"
    assert theme.lead is None


@pytest.mark.parametrize("role_fixture", ["theme_lead", "partner_worker", "board_member"])
def test_theme_create_forbidden_outside_the_programme(client_for, request, role_fixture):
    client = client_for(request.getfixturevalue(role_fixture))
    assert client.get(reverse("groups:theme-create")).status_code == 403
    theme = factories.ThemeFactory()
    assert client.get(reverse("groups:theme-edit", args=[theme.pk])).status_code == 403


def test_theme_detail_lists_groups_and_reviews_and_adds_a_review(client_for, theme_lead):
    theme = factories.ThemeFactory(lead=theme_lead)
    factories.GroupThemeFactory(theme=theme, group__name="Riverside", relationship="affected_by")
    factories.ThemeReviewFactory(theme=theme, summary="First quarter went well")
    client = client_for(theme_lead)
    page = client.get(reverse("groups:theme-detail", args=[theme.pk])).content.decode()
    assert "Riverside" in page and "Affected by" in page
    assert "First quarter went well" in page
    assert "Add a review" in page
    response = client.post(
        reverse("groups:theme-review-add", args=[theme.pk]),
        {"date": "2026-11-01", "summary": "Second quarter", "decision": "continue"},
    )
    assert response.status_code == 302
    assert theme.reviews.count() == 2


def test_theme_detail_pages_its_groups_25_at_a_time_in_fixed_queries(
    client_for, officer, count_queries
):
    theme = factories.ThemeFactory()
    client = client_for(officer)
    url = reverse("groups:theme-detail", args=[theme.pk])

    def link(names):
        for name in names:
            group = factories.GroupFactory(name=name)
            group.leads.add(factories.UserFactory())
            factories.GroupThemeFactory(group=group, theme=theme)
            factories.MembershipFactory(group=group)
            factories.SessionFactory(group=group)

    link(["Group 25", "Group 00"])
    client.get(url)
    few, response = count_queries(lambda: client.get(url))
    assert [g.name for g in response.context["groups"]] == ["Group 00", "Group 25"]
    assert "Page 1 of" not in response.content.decode()
    link([f"Group {n:02d}" for n in range(1, 25)])
    first, response = count_queries(lambda: client.get(url))
    names = [g.name for g in response.context["groups"]]
    assert names == [f"Group {n:02d}" for n in range(25)]
    page = response.content.decode()
    assert "Page 1 of 2" in page and "26 groups you can see" in page
    assert 'href="?page=2" rel="next"' in page
    second, response = count_queries(lambda: client.get(url, {"page": 2}))
    assert [g.name for g in response.context["groups"]] == ["Group 25"]
    assert "Page 2 of 2" in response.content.decode()
    assert few == first == second
    assert client.get(url, {"page": "x"}).context["page_obj"].number == 1
    assert client.get(url, {"page": 9}).context["page_obj"].number == 2


def test_theme_detail_counts_only_the_groups_a_partner_worker_sees(
    client_for, partner_worker, organisation
):
    theme = factories.ThemeFactory()
    for n in range(3):
        factories.GroupThemeFactory(
            theme=theme, group__name=f"Ours {n}", group__host_organisation=organisation
        )
    factories.GroupThemeFactory(theme=theme, group__name="Theirs")
    page = client_for(partner_worker).get(reverse("groups:theme-detail", args=[theme.pk]))
    html = page.content.decode()
    assert "3 groups you can see" in html and "Theirs" not in html


def test_theme_review_refused_for_other_theme_leads(client_for, make_user):
    theme = factories.ThemeFactory()
    client = client_for(make_user("theme_lead"))
    page = client.get(reverse("groups:theme-detail", args=[theme.pk])).content.decode()
    assert "Add a review" not in page
    response = client.post(
        reverse("groups:theme-review-add", args=[theme.pk]),
        {"date": "2026-11-01", "summary": "x", "decision": "continue"},
    )
    assert response.status_code == 403
    assert not theme.reviews.exists()


# Groups ------------------------------------------------------------------------------------------


def test_group_list_filters_and_csv(client_for, officer, organisation, other_organisation):
    theme = factories.ThemeFactory(title="Transport")
    alpha = factories.GroupFactory(
        name="Alpha Buddy Group", host_organisation=organisation, stage="established"
    )
    factories.GroupThemeFactory(group=alpha, theme=theme)
    factories.GroupFactory(
        name="Beta Council",
        kind="youth_council",
        host_organisation=other_organisation,
        stage="proposed",
        cadence="termly",
    )
    client = client_for(officer)
    url = reverse("groups:group-list")
    page = client.get(url).content.decode()
    assert "Alpha Buddy Group" in page and "Beta Council" in page
    assert "govuk-tag" in page
    for params in (
        {"kind": "buddy_group"},
        {"stage": "established"},
        {"host_organisation": organisation.pk},
        {"theme": theme.pk},
        {"cadence": "monthly"},
        {"q": "alpha"},
    ):
        page = client.get(url, params).content.decode()
        assert "Alpha Buddy Group" in page, params
        assert "Beta Council" not in page, params
    text = csv_text(client.get(url, {"format": "csv", "kind": "youth_council"}))
    assert "Beta Council" in text and "Alpha" not in text
    assert "Next due" in text.splitlines()[0]


def test_group_list_runs_a_fixed_number_of_queries(client_for, officer, count_queries):
    client = client_for(officer)
    url = reverse("groups:group-list")

    def make(n):
        for _ in range(n):
            group = factories.GroupFactory()
            group.leads.add(factories.UserFactory())
            factories.GroupThemeFactory(group=group)
            factories.MembershipFactory(group=group)
            factories.SessionFactory(group=group)

    make(2)
    client.get(url)
    few, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    make(8)
    many, response = count_queries(lambda: client.get(url))
    assert len(response.context["object_list"]) == 10
    assert few == many


def test_group_detail_for_staff_shows_members(client_for, officer):
    group = factories.GroupFactory(name="Riverside", stage="active")
    member = factories.MembershipFactory(
        group=group, young_person__first_name="Zephyrine", young_person__preferred_name=""
    )
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    page = client_for(officer).get(reverse("groups:group-detail", args=[group.pk])).content
    page = page.decode()
    assert "Zephyrine" in page and member.young_person.reference in page
    assert "1 November 2026" in page  # the next visit due, a month after 1 October
    assert "overdue" in page.lower()
    assert reverse("core:history", args=["groups.group", group.pk]) in page
    assert reverse("groups:group-move-stage", args=[group.pk]) in page
    assert f"{reverse('participation:session-create')}?group={group.pk}" in page


def test_log_a_session_link_only_for_those_who_may_log(client_for, board_member, theme_lead):
    group = factories.GroupFactory(name="Riverside")
    log_url = f"{reverse('participation:session-create')}?group={group.pk}"
    for user in (board_member, theme_lead):  # the theme lead does not lead this group's theme
        page = client_for(user).get(reverse("groups:group-detail", args=[group.pk])).content
        assert log_url not in page.decode()
    factories.GroupThemeFactory(group=group, theme__lead=theme_lead)
    page = client_for(theme_lead).get(reverse("groups:group-detail", args=[group.pk])).content
    assert log_url in page.decode()


def test_group_detail_for_board_members_hides_member_names(client_for, board_member):
    group = factories.GroupFactory(name="Riverside")
    member = factories.MembershipFactory(group=group, young_person__first_name="Zephyrine")
    response = client_for(board_member).get(reverse("groups:group-detail", args=[group.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Riverside" in page
    assert "Zephyrine" not in page
    assert member.young_person.reference not in page
    assert "Edit group" not in page


def test_group_lifecycle_timeline(client_for, officer):
    group = factories.GroupFactory(stage="proposed", stage_changed_on=datetime.date(2026, 9, 1))
    client = client_for(officer)
    url = reverse("groups:group-move-stage", args=[group.pk])
    form = client.get(url).context["form"]
    assert [value for value, _ in form.fields["to_stage"].choices] == ["first_visit", "closed"]
    response = client.post(url, {"to_stage": "active", "date": "2026-10-01"})
    assert response.status_code == 200
    assert not group.transitions.exists()
    response = client.post(url, {"to_stage": "first_visit", "date": "2026-10-01", "note": "Met"})
    assert response.status_code == 302
    page = client.get(reverse("groups:group-detail", args=[group.pk])).content.decode()
    assert "First visit" in page and "1 October 2026" in page and "Met" in page


def test_group_create_and_edit_pages(client_for, officer, organisation):
    working, affected = factories.ThemeFactory(), factories.ThemeFactory()
    client = client_for(officer)
    url = reverse("groups:group-create")
    assert client.get(url).status_code == 200
    data = {
        "name": "Riverside",
        "kind": "buddy_group",
        "host_organisation": organisation.pk,
        "leads": [officer.pk],
        "working_on": [working.pk],
        "affected_by": [affected.pk],
        "stage": "proposed",
        "start_date": "2026-09-01",
        "planned_end_date": "2028-09-01",
        "cadence": "monthly",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A Buddy Group runs for up to one year" in response.content.decode()
    data["affected_by"] = [working.pk]
    response = client.post(url, data)
    assert "Choose each theme once" in response.content.decode()
    data.update(affected_by=[affected.pk], planned_end_date="2027-07-31")
    response = client.post(url, data)
    group = Group.objects.get()
    assert response.status_code == 302
    assert set(group.theme_links.values_list("theme_id", "relationship")) == {
        (working.pk, "working_on"),
        (affected.pk, "affected_by"),
    }
    edit = reverse("groups:group-edit", args=[group.pk])
    form = client.get(edit).context["form"]
    assert "stage" not in form.fields
    assert form.initial["working_on"] == [working.pk]
    data.pop("stage")
    data.update(name="Riverside Buddies", working_on=[], affected_by=[working.pk])
    assert client.post(edit, data).status_code == 302
    group.refresh_from_db()
    assert group.name == "Riverside Buddies"
    assert list(group.theme_links.values_list("theme_id", "relationship")) == [
        (working.pk, "affected_by")
    ]


def test_partner_worker_group_form_offers_only_their_organisation(
    client_for, partner_worker, organisation
):
    form = client_for(partner_worker).get(reverse("groups:group-create")).context["form"]
    assert list(form.fields["host_organisation"].queryset) == [organisation]


def test_membership_add_and_end_pages(client_for, partner_worker, organisation, other_organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    current = factories.MembershipFactory(group=group)
    mine = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    client = client_for(partner_worker)
    url = reverse("groups:membership-add", args=[group.pk])
    choices = set(client.get(url).context["form"].fields["young_person"].queryset)
    assert mine in choices
    assert current.young_person not in choices
    assert theirs not in choices
    response = client.post(url, {"young_person": theirs.pk, "joined_on": "2026-11-01"})
    assert response.status_code == 200
    assert not Membership.objects.filter(young_person=theirs).exists()
    response = client.post(url, {"young_person": mine.pk, "joined_on": "2026-11-01"})
    assert response.status_code == 302
    membership = Membership.objects.get(young_person=mine)

    end = reverse("groups:membership-end", args=[group.pk, membership.pk])
    page = client.get(end).content.decode()
    assert "They will no longer be a current member" in page
    assert Membership.objects.get(pk=membership.pk).left_on is None  # GET changes nothing
    response = client.post(end, {"left_on": "2026-10-01"})
    assert "cannot be before they joined" in response.content.decode()
    response = client.post(end, {"left_on": "2026-11-15"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).left_on == datetime.date(2026, 11, 15)
    assert AuditEntry.objects.filter(object_type="groups.membership").count() == 2


def test_partner_worker_gets_404_for_every_page_of_another_organisations_group(
    client_for, partner_worker, other_organisation
):
    group = factories.GroupFactory(host_organisation=other_organisation, name="Hidden Group")
    membership = factories.MembershipFactory(group=group)
    client = client_for(partner_worker)
    urls = [
        reverse("groups:group-detail", args=[group.pk]),
        reverse("groups:group-edit", args=[group.pk]),
        reverse("groups:group-move-stage", args=[group.pk]),
        reverse("groups:membership-add", args=[group.pk]),
        reverse("groups:membership-end", args=[group.pk, membership.pk]),
        reverse("groups:group-calendar-ics", args=[group.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x", "to_stage": "closed"}).status_code == 404, url
    for url in (
        reverse("groups:group-list"),
        reverse("groups:calendar"),
        reverse("groups:calendar-ics"),
    ):
        assert b"Hidden Group" not in body(client.get(url))
    assert "Hidden Group" not in csv_text(
        client.get(reverse("groups:group-list"), {"format": "csv"})
    )
    group.refresh_from_db()
    assert group.name == "Hidden Group" and group.stage == "active"


@pytest.mark.parametrize("role_fixture", ["board_member", "safeguarding_lead"])
def test_readers_cannot_change_groups(client_for, request, role_fixture):
    group = factories.GroupFactory()
    client = client_for(request.getfixturevalue(role_fixture))
    assert client.get(reverse("groups:group-detail", args=[group.pk])).status_code == 200
    for name in ("groups:group-edit", "groups:group-move-stage", "groups:membership-add"):
        assert client.get(reverse(name, args=[group.pk])).status_code == 403
    assert client.get(reverse("groups:group-create")).status_code == 403


# The engagement calendar -------------------------------------------------------------------------


def test_calendar_page_with_overdue_filter_and_csv(client_for, officer):
    late = factories.GroupFactory(name="Late Group")
    factories.SessionFactory(group=late, date=datetime.date(2026, 10, 1))
    fine = factories.GroupFactory(name="Fine Group")
    factories.SessionFactory(group=fine, date=datetime.date(2026, 11, 10))
    factories.GroupFactory(name="Closed Group", stage="closed")
    client = client_for(officer)
    url = reverse("groups:calendar")
    response = client.get(url)
    page = response.content.decode()
    assert "Late Group" in page and "Fine Group" in page and "Closed Group" not in page
    assert "Overdue" in page
    assert [g.name for g in response.context["object_list"]] == ["Late Group", "Fine Group"]
    page = client.get(url, {"overdue": "yes"}).content.decode()
    assert "Late Group" in page and "Fine Group" not in page
    text = csv_text(client.get(url, {"format": "csv", "overdue": "yes"}))
    assert "Late Group" in text and "2026-11-01" in text and "Fine Group" not in text


def _events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(body(response))
    assert calendar.name == "VCALENDAR"
    assert str(calendar["PRODID"])
    assert str(calendar["VERSION"]) == "2.0"
    events = list(calendar.walk("VEVENT"))
    for event in events:
        assert str(event["UID"])
        assert event["DTSTAMP"].dt
        start = event["DTSTART"].dt
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
    return events


def test_icalendar_export(client_for, officer):
    group = factories.GroupFactory(name="Riverside")
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1), title="Planning day")
    factories.GroupFactory(name="Other")
    client = client_for(officer)
    events = _events(client.get(reverse("groups:calendar-ics")))
    summaries = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events}
    assert summaries["Overdue visit: Riverside"] == datetime.date(2026, 11, 1)
    assert summaries["Planning day: Riverside"] == datetime.date(2026, 10, 1)
    assert "Overdue visit: Other" in summaries
    events = _events(client.get(reverse("groups:group-calendar-ics", args=[group.pk])))
    assert {str(e["SUMMARY"]) for e in events} == {
        "Overdue visit: Riverside",
        "Planning day: Riverside",
    }
    assert len({str(e["UID"]) for e in events}) == 2


def test_icalendar_for_partner_workers_and_board_members(
    client_for, partner_worker, board_member, organisation, other_organisation
):
    ours = factories.GroupFactory(name="Ours", host_organisation=organisation)
    factories.SessionFactory(group=ours, date=datetime.date(2026, 10, 1), title="Visit")
    factories.GroupFactory(name="Theirs", host_organisation=other_organisation)
    events = _events(client_for(partner_worker).get(reverse("groups:calendar-ics")))
    assert {str(e["SUMMARY"]) for e in events} == {"Overdue visit: Ours", "Visit: Ours"}
    events = _events(client_for(board_member).get(reverse("groups:calendar-ics")))
    assert {str(e["SUMMARY"]) for e in events} == {"Overdue visit: Ours", "Overdue visit: Theirs"}


def test_calendar_pages_25_groups_at_a_time_in_sql_order(client_for, officer, count_queries):
    organisation = factories.OrganisationFactory()
    for n in range(3):
        late = factories.GroupFactory(name=f"Late {n}", host_organisation=organisation)
        factories.SessionFactory(group=late, date=datetime.date(2026, 9, n + 1))
    client = client_for(officer)
    url = reverse("groups:calendar")
    few, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    for n in range(27):
        factories.GroupFactory(
            name=f"Group {n:02d}",
            host_organisation=organisation,
            start_date=datetime.date(2026, 11, 1),
        )
    many, response = count_queries(lambda: client.get(url))
    assert few == many
    names = [g.name for g in response.context["object_list"]]
    assert len(names) == 25 and names[:3] == ["Late 0", "Late 1", "Late 2"]
    page = response.content.decode()
    assert "Page 1 of 2" in page and "30 records" in page
    second = client.get(url, {"page": 2})
    assert [g.name for g in second.context["object_list"]] == [
        f"Group {n:02d}" for n in range(22, 27)
    ]
    overdue = client.get(url, {"overdue": "yes"})
    assert [g.name for g in overdue.context["object_list"]] == ["Late 0", "Late 1", "Late 2"]
    due_2_3_and_4_october = [49, 48, 47]
    assert [g.days_overdue for g in overdue.context["object_list"]] == due_2_3_and_4_october


def test_calendar_csv_streams_every_row_not_just_a_page(client_for, officer):
    for n in range(30):
        factories.GroupFactory(name=f"Group {n:02d}", start_date=datetime.date(2026, 11, 1))
    late = factories.GroupFactory(name="Late Group")
    factories.SessionFactory(group=late, date=datetime.date(2026, 10, 1))
    response = client_for(officer).get(reverse("groups:calendar"), {"format": "csv"})
    lines = csv_text(response).splitlines()
    assert lines[0] == (
        "Group,Kind,Stage,Host organisation,Cadence,Last contact,Next due,Overdue,Days overdue"
    )
    assert len(lines) == 32
    assert lines[1].startswith("Late Group,") and lines[1].endswith(",2026-10-01,2026-11-01,Yes,19")


def test_calendar_groups_i_answer_for_narrows_a_theme_leads_calendar(client_for, theme_lead):
    led = factories.GroupFactory(name="Led Group")
    led.leads.add(theme_lead)
    factories.GroupFactory(name="Another Group")
    client = client_for(theme_lead)
    url = reverse("groups:calendar")
    everyone = client.get(url, {"overdue": "yes"}).context["object_list"]
    assert {g.name for g in everyone} == {"Led Group", "Another Group"}
    mine = client.get(url, {"overdue": "yes", "mine": "yes"}).context["object_list"]
    assert [g.name for g in mine] == ["Led Group"]


def test_icalendar_is_streamed_and_equals_the_whole_calendar_built_at_once(
    client_for, officer, count_queries, monkeypatch
):
    from heard.groups import selectors
    from heard.groups.calendar import build_ics
    from heard.groups.views import calendar as views

    for n in range(5):
        group = factories.GroupFactory(name=f"Group {n}")
        factories.SessionFactory(group=group, date=datetime.date(2026, 10, n + 1), title="Visit")
    factories.GroupFactory(name="Closed", stage="closed")
    client = client_for(officer)

    def download():
        return b"".join(client.get(reverse("groups:calendar-ics")).streaming_content)

    whole, response = count_queries(download)
    monkeypatch.setattr(views, "ICS_CHUNK", 2)
    chunked, chunked_response = count_queries(download)
    assert chunked_response == response
    # Six groups read two at a time: their past sessions are prefetched a chunk at a time.
    assert chunked == whole + 2
    rows = list(selectors.calendar_feed(user=officer, today=datetime.date(2026, 11, 20)))
    assert response == build_ics(rows, now=NOW)
    assert len(_events_of(response)) == 10  # each group's next visit and its past session
    assert Calendar.from_ical(response).walk("VEVENT")


def _events_of(content):
    return Calendar.from_ical(content).walk("VEVENT")


def test_group_list_and_calendar_filters_keep_their_order_and_labels(rf, officer):
    from heard.groups.filters import CalendarFilter, GroupFilter

    request = rf.get("/")
    request.user = officer
    groups = GroupFilter(request.GET, queryset=Group.objects.all(), request=request)
    assert list(groups.form.fields) == [
        "q",
        "kind",
        "stage",
        "host_organisation",
        "theme",
        "cadence",
    ]
    assert groups.form.fields["host_organisation"].label == "Host organisation"
    calendar = CalendarFilter(request.GET, queryset=Group.objects.all(), request=request)
    assert list(calendar.form.fields)[:3] == ["host_organisation", "theme", "kind"]
    assert calendar.form.fields["host_organisation"].label == "Organisation"


def test_pages_send_back_what_cannot_move_or_end(client_for, officer):
    closed = factories.GroupFactory(stage=Group.Stage.CLOSED)
    client = client_for(officer)
    detail = reverse("groups:group-detail", args=[closed.pk])
    assert client.get(reverse("groups:group-move-stage", args=[closed.pk])).url == detail
    group = factories.GroupFactory()
    elsewhere = factories.MembershipFactory()
    left = factories.MembershipFactory(group=group, left_on=datetime.date(2026, 6, 1))
    detail = reverse("groups:group-detail", args=[group.pk])
    for membership in (elsewhere, left):
        url = reverse("groups:membership-end", args=[group.pk, membership.pk])
        assert client.get(url).url == detail
    assert Membership.objects.get(pk=elsewhere.pk).left_on is None
