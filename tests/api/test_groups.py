import datetime

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.groups.models import Group, Membership, Theme
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# Themes ------------------------------------------------------------------------------------------


def test_theme_create_list_update(api_for, lead, theme_lead):
    api = api_for(lead)
    response = api.post(
        "/api/v1/themes/",
        {"title": "Transport", "period": "2026-27", "lead": theme_lead.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["lead_name"] == theme_lead.full_name
    assert body["established_group_count"] == 0
    theme_id = body["id"]
    response = api.patch(f"/api/v1/themes/{theme_id}/", {"status": "closed"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["title"] == "Transport"
    response = api.get("/api/v1/themes/", {"status": "closed"})
    assert [t["id"] for t in response.json()["results"]] == [theme_id]
    assert api.get("/api/v1/themes/", {"status": "active"}).json()["count"] == 0
    assert AuditEntry.objects.filter(object_type="groups.theme").count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period": "2026-27"}, "title"),
        ({"title": "x" * 201, "period": "2026-27"}, "title"),
        ({"title": "Transport", "period": "2026-28"}, "period"),
        ({"title": "Transport", "period": 2026}, "period"),
        ({"title": "Transport", "period": "2026-27", "lead": 999999}, "lead"),
        ({"title": "Transport", "period": "2026-27", "lead": "someone"}, "lead"),
        ({"title": "Transport", "period": "2026-27", "status": "paused"}, "status"),
    ],
)
def test_theme_bad_input(api_for, officer, payload, field):
    response = api_for(officer).post("/api/v1/themes/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Theme.objects.exists()


@pytest.mark.parametrize("role_fixture", ["theme_lead", "partner_worker", "board_member"])
def test_theme_create_forbidden(api_for, request, role_fixture):
    api = api_for(request.getfixturevalue(role_fixture))
    response = api.post("/api/v1/themes/", {"title": "T", "period": "2026-27"}, format="json")
    assert response.status_code == 403
    theme = factories.ThemeFactory()
    assert api.get(f"/api/v1/themes/{theme.pk}/").status_code == 200
    assert (
        api.patch(f"/api/v1/themes/{theme.pk}/", {"title": "x"}, format="json").status_code == 403
    )
    assert Theme.objects.get().title == theme.title


def test_theme_reviews(api_for, theme_lead, make_user):
    theme = factories.ThemeFactory(lead=theme_lead)
    url = f"/api/v1/themes/{theme.pk}/reviews/"
    api = api_for(theme_lead)
    response = api.post(
        url, {"date": "2026-11-01", "summary": "Going well", "decision": "continue"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["reviewed_by"] == theme_lead.pk
    assert [r["summary"] for r in api.get(url).json()] == ["Going well"]
    response = api.post(url, {"date": "soon", "summary": "", "decision": "x"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"date", "summary", "decision"}
    response = api.post(
        url, {"date": "2027-01-01", "summary": "Later", "decision": "continue"}, format="json"
    )
    assert response.status_code == 400
    assert "future" in response.json()["date"][0]
    other = api_for(make_user("theme_lead"))
    response = other.post(url, {"date": "2026-11-01", "summary": "x", "decision": "close"})
    assert response.status_code == 403
    assert theme.reviews.count() == 1


# Groups ------------------------------------------------------------------------------------------


def test_group_create_retrieve_update(api_for, officer, organisation):
    working, affected = factories.ThemeFactory(), factories.ThemeFactory()
    api = api_for(officer)
    response = api.post(
        "/api/v1/groups/",
        {
            "name": "Riverside",
            "kind": "buddy_group",
            "host_organisation": organisation.pk,
            "leads": [officer.pk],
            "themes": [
                {"theme": working.pk, "relationship": "working_on"},
                {"theme": affected.pk, "relationship": "affected_by"},
            ],
            "start_date": "2026-09-01",
            "planned_end_date": "2027-07-31",
            "cadence": "monthly",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["stage"] == "proposed"
    assert body["members"] == []
    assert [t["to_stage"] for t in body["transitions"]] == ["proposed"]
    assert {(t["theme"], t["relationship"]) for t in body["themes"]} == {
        (working.pk, "working_on"),
        (affected.pk, "affected_by"),
    }
    group_id = body["id"]
    response = api.patch(
        f"/api/v1/groups/{group_id}/",
        {"name": "Riverside Buddies", "themes": [{"theme": affected.pk}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Riverside Buddies"
    assert response.json()["themes"] == [
        {
            "theme": affected.pk,
            "theme_title": affected.title,
            "period": "2026-27",
            "relationship": "working_on",
        }
    ]
    response = api.patch(f"/api/v1/groups/{group_id}/", {"stage": "active"}, format="json")
    assert response.status_code == 400
    assert "stage" in response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "buddy_group"}, "name"),
        ({"name": "G", "kind": "choir"}, "kind"),
        ({"name": "G", "kind": "buddy_group", "host_organisation": 999999}, "host_organisation"),
        ({"name": "G", "kind": "buddy_group", "leads": ["x"]}, "leads"),
        ({"name": "G", "kind": "buddy_group", "themes": [{"theme": 999999}]}, "themes"),
        ({"name": "G", "kind": "buddy_group", "start_date": "1st Sept"}, "start_date"),
        (
            {
                "name": "G",
                "kind": "buddy_group",
                "start_date": "2026-09-01",
                "planned_end_date": "2028-09-01",
            },
            "planned_end_date",
        ),
        ({"name": "G" * 201, "kind": "buddy_group"}, "name"),
    ],
)
def test_group_bad_input(api_for, officer, organisation, payload, field):
    payload = {"host_organisation": organisation.pk, **payload}
    response = api_for(officer).post("/api/v1/groups/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Group.objects.exists()


def test_group_list_filters(api_for, officer):
    theme = factories.ThemeFactory()
    council = factories.GroupFactory(kind="youth_council", name="Council", stage="planning")
    factories.GroupThemeFactory(group=council, theme=theme)
    factories.GroupFactory(name="Buddies")
    api = api_for(officer)
    for params in (
        {"kind": "youth_council"},
        {"stage": "planning"},
        {"theme": theme.pk},
        {"q": "coun"},
    ):
        names = [g["name"] for g in api.get("/api/v1/groups/", params).json()["results"]]
        assert names == ["Council"], params
    response = api.get("/api/v1/groups/", {"kind": "choir"})
    assert response.status_code == 400


def test_group_move_stage(api_for, officer):
    group = factories.GroupFactory(stage="proposed", stage_changed_on=datetime.date(2026, 9, 1))
    api = api_for(officer)
    url = f"/api/v1/groups/{group.pk}/move-stage/"
    response = api.post(url, {"to_stage": "active", "date": "2026-10-01"}, format="json")
    assert response.status_code == 400
    assert "First visit or Closed" in response.json()["to_stage"][0]
    assert api.post(url, {"to_stage": "asleep", "date": "2026-10-01"}).status_code == 400
    assert api.post(url, {"to_stage": "first_visit"}).status_code == 400
    response = api.post(
        url, {"to_stage": "first_visit", "date": "2026-10-01", "note": "Met"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["from_stage"] == "proposed"
    group.refresh_from_db()
    assert group.stage == "first_visit"


def test_members_in_detail_only_for_roles_that_see_them(api_for, officer, board_member):
    membership = factories.MembershipFactory()
    url = f"/api/v1/groups/{membership.group_id}/"
    members = api_for(officer).get(url).json()["members"]
    assert members[0]["reference"] == membership.young_person.reference
    assert members[0]["display_name"] == membership.young_person.display_name
    assert api_for(officer).get(url).json()["member_count"] == 1
    body = api_for(board_member).get(url).json()
    assert body["members"] is None
    # A board member cannot open the members: the count is protected (ADR 0008), a 1 shows as
    # "fewer than 5" or, one time in five, 5.
    assert body["member_count"] in ("fewer than 5", 5)
    assert membership.young_person.first_name not in str(body)
    assert api_for(board_member).get("/api/v1/memberships/").status_code == 403


def test_partner_worker_cannot_reach_another_organisations_groups(
    api_for, partner_worker, organisation, other_organisation
):
    ours = factories.GroupFactory(host_organisation=organisation)
    theirs = factories.GroupFactory(host_organisation=other_organisation, name="Theirs")
    membership = factories.MembershipFactory(group=theirs)
    mine = factories.YoungPersonFactory(organisation=organisation)
    api = api_for(partner_worker)
    assert [g["id"] for g in api.get("/api/v1/groups/").json()["results"]] == [ours.pk]
    assert api.get(f"/api/v1/groups/{theirs.pk}/").status_code == 404
    assert (
        api.patch(f"/api/v1/groups/{theirs.pk}/", {"name": "x"}, format="json").status_code == 404
    )
    response = api.post(
        f"/api/v1/groups/{theirs.pk}/move-stage/",
        {"to_stage": "closed", "date": "2026-11-01"},
        format="json",
    )
    assert response.status_code == 404
    assert api.get(f"/api/v1/memberships/{membership.pk}/").status_code == 404
    response = api.post(
        f"/api/v1/memberships/{membership.pk}/end/", {"left_on": "2026-11-01"}, format="json"
    )
    assert response.status_code == 404
    response = api.post(
        "/api/v1/memberships/",
        {"group": theirs.pk, "young_person": mine.pk, "joined_on": "2026-11-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "group" in response.json()
    response = api.post(
        "/api/v1/groups/",
        {"name": "Elsewhere", "kind": "buddy_group", "host_organisation": other_organisation.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "host_organisation" in response.json()
    theirs.refresh_from_db()
    assert (theirs.name, theirs.stage) == ("Theirs", "active")
    assert Membership.objects.get(pk=membership.pk).left_on is None
    assert Group.objects.count() == 2


# Memberships -------------------------------------------------------------------------------------


def test_membership_create_and_end(api_for, partner_worker, organisation, other_organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    mine = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    api = api_for(partner_worker)
    response = api.post(
        "/api/v1/memberships/",
        {"group": group.pk, "young_person": theirs.pk, "joined_on": "2026-11-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "young_person" in response.json()
    response = api.post(
        "/api/v1/memberships/",
        {"group": group.pk, "young_person": mine.pk, "joined_on": "2026-11-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    membership_id = response.json()["id"]
    response = api.post(
        "/api/v1/memberships/",
        {"group": group.pk, "young_person": mine.pk, "joined_on": "2026-11-02"},
        format="json",
    )
    assert response.status_code == 400
    assert "already a member" in response.json()["young_person"][0]
    listed = api.get("/api/v1/memberships/", {"group": group.pk, "current": "true"}).json()
    assert [m["id"] for m in listed["results"]] == [membership_id]
    end = f"/api/v1/memberships/{membership_id}/end/"
    assert api.post(end, {"left_on": "2026-10-01"}, format="json").status_code == 400
    assert api.post(end, {"left_on": "yesterday"}, format="json").status_code == 400
    response = api.post(end, {"left_on": "2026-11-10"}, format="json")
    assert response.status_code == 200
    assert response.json()["is_current"] is False
    listed = api.get("/api/v1/memberships/", {"group": group.pk, "current": "true"}).json()
    assert listed["count"] == 0


def test_membership_bad_input(api_for, officer):
    api = api_for(officer)
    response = api.post("/api/v1/memberships/", {"group": "abc"}, format="json")
    assert response.status_code == 400
    assert {"group", "young_person", "joined_on"} <= set(response.json())
    assert not Membership.objects.exists()


def test_group_api_list_runs_a_fixed_number_of_queries(api_for, officer, count_queries):
    api = api_for(officer)

    def make(n):
        for _ in range(n):
            group = factories.GroupFactory()
            group.leads.add(factories.UserFactory())
            factories.GroupThemeFactory(group=group)
            factories.SessionFactory(group=group)

    make(2)
    few, _ = count_queries(lambda: api.get("/api/v1/groups/"))
    make(8)
    many, response = count_queries(lambda: api.get("/api/v1/groups/"))
    assert response.json()["count"] == 10
    assert few == many


def test_openapi_document_includes_the_groups_api(api_for, officer):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema
    from rest_framework.routers import DefaultRouter

    from heard.api import groups
    from heard.api.urls import ROUTES

    router = DefaultRouter()
    for prefix, viewset, basename in ROUTES:
        if viewset.__name__ in groups.__all__:
            router.register(prefix, viewset, basename=basename)
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(
        request=None, public=True
    )
    validate_schema(schema)
    assert "/api/v1/groups/{id}/move-stage/" in schema["paths"]
    assert "/api/v1/memberships/{id}/end/" in schema["paths"]
    assert "/api/v1/themes/{id}/reviews/" in schema["paths"]


def test_board_members_read_member_counts_with_small_ones_suppressed(
    api_for, officer, board_member, organisation
):
    sizes = {}
    for size in (0, 3, 5):
        group = factories.GroupFactory(host_organisation=organisation, name=f"Group of {size}")
        factories.MembershipFactory.create_batch(size, group=group)
        sizes[group.pk] = size
    shown = {
        row["id"]: row["member_count"]
        for row in api_for(board_member).get("/api/v1/groups/").json()["results"]
        if row["id"] in sizes
    }
    # Protected (ADR 0008): 0 exact, otherwise "fewer than 5" or a multiple of 5 within 4.
    for pk, size in sizes.items():
        assert shown[pk] == 0 if size == 0 else shown[pk] in ("fewer than 5", 5, 10)
    exact = {
        row["id"]: row["member_count"]
        for row in api_for(officer).get("/api/v1/groups/").json()["results"]
        if row["id"] in sizes
    }
    assert exact == sizes
