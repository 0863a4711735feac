"""Bad input is answered with 400 and a clear message, never 500 (issue 15, section 3).

Ids beyond 64 bits, negative or not whole numbers, in every id filter and every related field;
permission decided before input is looked up; the documented answers.
"""

import datetime

import pytest
from django.utils import timezone

from heard.core.roles import AgeBand, Role
from heard.people.models import Organisation, YoungPerson
from heard.voice.models import Response
from tests import factories

BIG = "99999999999999999999"  # beyond 64 bits
JUST_OVER = str(2**63)  # one past the largest 64-bit id
BIGGER = 18446744073709551616  # 2**64

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_for, make_user):
    client = api_for(make_user(Role.ADMINISTRATOR))
    client.raise_request_exception = False  # a 500 is an answer to look at, not an exception
    return client


# Filters -----------------------------------------------------------------------------------------

ID_FILTERS = [
    ("/api/v1/memberships/", "group"),
    ("/api/v1/memberships/", "young_person"),
    ("/api/v1/young-people/", "organisation"),
    ("/api/v1/sessions/", "group"),
    ("/api/v1/sessions/", "organisation"),
    ("/api/v1/sessions/", "theme"),
    ("/api/v1/views/", "group"),
    ("/api/v1/views/", "organisation"),
    ("/api/v1/views/", "theme"),
    ("/api/v1/groups/", "host_organisation"),
    ("/api/v1/groups/", "theme"),
    ("/api/v1/themes/", "lead"),
    ("/api/v1/staff/", "organisation"),
    ("/api/v1/consents/", "young_person"),
    ("/api/v1/loop-figures/", "group"),
    ("/api/v1/loop-figures/", "theme"),
    ("/api/v1/loop-figures/", "organisation"),
]


@pytest.mark.parametrize(("url", "name"), ID_FILTERS)
@pytest.mark.parametrize("value", [BIG, JUST_OVER, str(BIGGER)])
def test_an_id_filter_beyond_64_bits_is_a_400_with_a_message(api, url, name, value):
    response = api.get(url, {name: value})
    assert response.status_code == 400, (url, name, response.content[:200])
    assert name in response.json()
    assert response.json()[name][0]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/memberships/", "group"),
        ("/api/v1/memberships/", "young_person"),
        ("/api/v1/young-people/", "organisation"),
        ("/api/v1/consents/", "young_person"),
    ],
)
@pytest.mark.parametrize("value", ["-1", "0", "1.5", "abc"])
def test_a_plain_id_filter_takes_whole_numbers_from_1(api, url, name, value):
    response = api.get(url, {name: value})
    assert response.status_code == 400, (url, name, value, response.content[:200])
    assert response.json()[name] == ["Enter an id: a whole number from 1 to 9223372036854775807."]


def test_a_good_id_filter_still_filters(api):
    membership = factories.MembershipFactory()
    factories.MembershipFactory()
    body = api.get("/api/v1/memberships/", {"group": membership.group_id}).json()
    assert [row["id"] for row in body["results"]] == [membership.pk]
    sessions = api.get("/api/v1/sessions/", {"group": str(membership.group_id)})
    assert sessions.status_code == 200


def test_a_group_filter_still_takes_part_of_a_name(api):
    group = factories.GroupFactory(name="Ely Buddy Group")
    factories.SessionFactory(group=group)
    factories.SessionFactory()
    body = api.get("/api/v1/sessions/", {"group": "ely bud"}).json()
    assert [row["group"] for row in body["results"]] == [group.pk]


def test_the_page_answers_the_same_query_with_200(client_for, make_user):
    client = client_for(make_user(Role.PARTICIPATION_OFFICER))
    assert client.get("/sessions/", {"group": BIG}).status_code == 200


# Related fields in writes ------------------------------------------------------------------------


def _view_body(**extra):
    return {"text": "More buses", "organisation": factories.OrganisationFactory().pk} | extra


@pytest.mark.parametrize("value", [int(BIG), BIGGER, 2**63, -1, 0])
def test_a_view_naming_young_people_beyond_64_bits_is_a_400(api, value):
    response = api.post("/api/v1/views/", _view_body(young_people=[value]), format="json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["young_people"]


@pytest.mark.parametrize("value", [BIGGER, int(BIG), -5])
def test_an_organisation_with_a_champion_beyond_64_bits_is_a_400(api, value):
    response = api.post(
        "/api/v1/organisations/", {"name": "Ely Youth", "champions": [value]}, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "champions" in response.json()
    assert not Organisation.objects.filter(name="Ely Youth").exists()


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/groups/", {"name": "G", "kind": "buddy_group", "leads": [BIGGER]}),
        ("/api/v1/groups/", {"name": "G", "kind": "buddy_group", "host_organisation": BIGGER}),
        (
            "/api/v1/groups/",
            {"name": "G", "kind": "buddy_group", "themes": [{"theme": BIGGER}]},
        ),
        ("/api/v1/memberships/", {"group": BIGGER, "young_person": 1, "joined_on": "2026-11-01"}),
        ("/api/v1/memberships/", {"group": 1, "young_person": BIGGER, "joined_on": "2026-11-01"}),
        ("/api/v1/themes/", {"title": "Health", "period": "2026-27", "lead": BIGGER}),
        ("/api/v1/young-people/", {"first_name": "A", "age_band": "8_10", "organisation": BIGGER}),
        ("/api/v1/sessions/", {"date": "2026-11-01", "kind": "visit", "staff_present": [BIGGER]}),
        ("/api/v1/sessions/", {"date": "2026-11-01", "kind": "visit", "methods": [BIGGER]}),
        ("/api/v1/sessions/", {"date": "2026-11-01", "kind": "visit", "themes": [BIGGER]}),
        ("/api/v1/sessions/", {"date": "2026-11-01", "kind": "visit", "group": BIGGER}),
        (
            "/api/v1/sessions/",
            {"date": "2026-11-01", "kind": "visit", "attendees": [{"young_person": BIGGER}]},
        ),
        ("/api/v1/views/", {"text": "x", "session": BIGGER}),
        ("/api/v1/views/", {"text": "x", "themes": [BIGGER]}),
        ("/api/v1/views/", {"text": "x", "group": BIGGER}),
        ("/api/v1/responses/", {"views": [BIGGER], "decision_maker": "Board"}),
        ("/api/v1/feedback/", {"response": BIGGER, "date": "2026-11-01"}),
        ("/api/v1/feedback/", {"response": 1, "groups": [BIGGER]}),
        ("/api/v1/feedback/", {"response": 1, "young_people": [BIGGER]}),
        ("/api/v1/consents/", {"young_person": BIGGER, "purpose": "quotes"}),
    ],
)
def test_every_related_field_refuses_an_id_beyond_64_bits(api, url, body):
    response = api.post(url, body, format="json")
    assert response.status_code == 400, (url, response.content[:300])
    field = next(iter(key for key in body if key in response.json()))
    assert response.json()[field]


@pytest.mark.parametrize("value", [True, 1.5, "1.5", "abc", None, {"id": 1}])
def test_a_list_of_ids_refuses_what_is_not_an_id(api, value):
    response = api.post("/api/v1/views/", _view_body(young_people=[value]), format="json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["young_people"]


def test_an_id_given_as_a_numeral_string_is_still_an_id(api):
    young_person = factories.YoungPersonFactory()
    body = _view_body(young_people=[str(young_person.pk)])
    response = api.post("/api/v1/views/", body, format="json")
    assert response.status_code == 201, response.content[:300]
    assert response.json()["young_people"] == [young_person.pk]


@pytest.mark.parametrize("path", [f"/api/v1/groups/{BIG}/", "/api/v1/sessions/abc/"])
def test_a_path_id_that_is_no_id_is_a_404(api, path):
    assert api.get(path).status_code == 404
    assert api.patch(path, {}, format="json").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/sessions/{BIG}/",
        f"/api/v1/views/{BIG}/",
        "/api/v1/sessions/abc/",
        "/api/v1/views/abc/",
        f"/api/v1/memberships/{BIG}/end/",
        f"/api/v1/groups/{BIG}/move-stage/",
        f"/api/v1/themes/{BIG}/reviews/",
        f"/api/v1/consents/{BIG}/withdraw/",
    ],
)
def test_every_write_to_an_id_that_is_no_id_is_a_404(api, path):
    response = api.patch(path, {}, format="json") if path.count("/") == 5 else None
    if response is None:
        response = api.post(path, {}, format="json")
    assert response.status_code == 404, (path, response.status_code, response.content[:200])


# The young person's age band ---------------------------------------------------------------------


def test_a_young_person_with_a_date_of_birth_and_no_age_band_gets_the_band(api):
    organisation = factories.OrganisationFactory()
    today = timezone.localdate()
    born = today.replace(year=today.year - 12) - datetime.timedelta(days=30)
    response = api.post(
        "/api/v1/young-people/",
        {"first_name": "Ada", "date_of_birth": born.isoformat(), "organisation": organisation.pk},
        format="json",
    )
    assert response.status_code == 201, response.content[:300]
    assert response.json()["age_band"] == AgeBand.AGE_11_13
    assert YoungPerson.objects.get().age_band == AgeBand.AGE_11_13


def test_a_young_person_with_neither_band_nor_date_of_birth_is_a_400(api):
    organisation = factories.OrganisationFactory()
    response = api.post(
        "/api/v1/young-people/",
        {"first_name": "Ada", "organisation": organisation.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["age_band"] == ["Choose an age band, or give a date of birth."]


# Evidence links ----------------------------------------------------------------------------------


def test_a_response_without_an_evidence_link_says_null_as_documented(api, client, make_user):
    view = factories.ViewFactory()
    response = api.post(
        "/api/v1/responses/",
        {
            "views": [view.pk],
            "decision_maker": "Youth Services",
            "outcome": "changed",
            "explanation": "The youth club opens later.",
            "plain_language": "The club is open later now.",
            "date": "2026-11-10",
        },
        format="json",
    )
    assert response.status_code == 201, response.content[:300]
    assert response.json()["evidence_link"] is None
    assert Response.objects.get().evidence_link == ""
    document = api.get("/api/v1/openapi.json").json()
    link = document["components"]["schemas"]["ResponseOutput"]["properties"]["evidence_link"]
    assert link["format"] == "uri"
    assert link["nullable"] is True


def test_a_response_with_an_evidence_link_returns_it(api):
    view = factories.ViewFactory()
    response = api.post(
        "/api/v1/responses/",
        {
            "views": [view.pk],
            "decision_maker": "Youth Services",
            "outcome": "changed",
            "explanation": "The youth club opens later.",
            "plain_language": "The club is open later now.",
            "date": "2026-11-10",
            "evidence_link": "https://example.org/minutes",
        },
        format="json",
    )
    assert response.status_code == 201, response.content[:300]
    assert response.json()["evidence_link"] == "https://example.org/minutes"
    assert api.get("/api/v1/responses/").json()["results"][0]["evidence_link"] == (
        "https://example.org/minutes"
    )


# Permission is decided before input is looked up -------------------------------------------------

MISSING = 999_999


def _writes(world):
    """(role, method, url, body with the id as ``{id}``, field) of changes the role may not make."""
    return [
        ("partner", "patch", f"/api/v1/organisations/{world['org'].pk}/", {"champions": ["{id}"]}),
        (
            "partner",
            "put",
            f"/api/v1/organisations/{world['org'].pk}/",
            {"name": "N", "champions": ["{id}"]},
        ),
        ("partner", "post", "/api/v1/organisations/", {"name": "New", "champions": ["{id}"]}),
        ("theme_lead", "patch", f"/api/v1/groups/{world['group'].pk}/", {"leads": ["{id}"]}),
        ("theme_lead", "patch", f"/api/v1/themes/{world['theme'].pk}/", {"lead": "{id}"}),
        (
            "theme_lead",
            "patch",
            f"/api/v1/sessions/{world['session'].pk}/",
            {"staff_present": ["{id}"]},
        ),
        ("theme_lead", "patch", f"/api/v1/views/{world['view'].pk}/", {"themes": ["{id}"]}),
        ("partner", "post", "/api/v1/responses/", {"views": ["{id}"], "decision_maker": "x"}),
        ("partner", "post", "/api/v1/themes/", {"title": "T", "period": "2026-27", "lead": "{id}"}),
        ("board", "post", "/api/v1/memberships/", {"group": "{id}", "young_person": "{id}"}),
        ("board", "post", "/api/v1/feedback/", {"response": "{id}"}),
        (
            "safeguarding",
            "post",
            "/api/v1/consents/",
            {"young_person": "{id}", "purpose": "quotes"},
        ),
    ]


def _fill(body, value):
    def one(item):
        if item == "{id}":
            return value
        if isinstance(item, list):
            return [one(x) for x in item]
        return item

    return {key: one(item) for key, item in body.items()}


def test_a_user_who_may_not_make_a_change_gets_403_whatever_the_ids(api_for, make_user):
    org = factories.OrganisationFactory()
    theme = factories.ThemeFactory()
    group = factories.GroupFactory(host_organisation=org)
    session = factories.SessionFactory(group=group)
    view = factories.ViewFactory(session=session)
    theme_lead = make_user(Role.THEME_LEAD)
    factories.ThemeFactory(lead=theme_lead)
    users = {
        "partner": make_user(Role.PARTNER_WORKER, organisation=org),
        "theme_lead": theme_lead,
        "board": make_user(Role.BOARD_MEMBER),
        "safeguarding": make_user(Role.SAFEGUARDING_LEAD),
    }
    real = {  # an id that exists for each body: a staff member, a theme, a view...
        "champions": users["board"].pk,
        "leads": users["board"].pk,
        "lead": users["theme_lead"].pk,
        "staff_present": users["board"].pk,
        "themes": theme.pk,
        "views": view.pk,
        "group": group.pk,
        "response": factories.ResponseFactory().pk,
        "young_person": factories.YoungPersonFactory(organisation=org).pk,
    }
    world = {"org": org, "group": group, "theme": theme, "session": session, "view": view}
    answers = []
    for role, method, url, body in _writes(world):
        api = api_for(users[role])
        field = next(key for key, item in body.items() if "{id}" in str(item))
        for value in (MISSING, real[field], BIG):
            response = getattr(api, method)(url, _fill(body, value), format="json")
            answers.append((role, method, url, value == MISSING, response.status_code))
    assert {answer[-1] for answer in answers} == {403}, [a for a in answers if a[-1] != 403]
    assert not Organisation.objects.filter(name__in=["N", "New"]).exists()


# Found by fuzzing (tests/api/test_fuzz.py) -------------------------------------------------------


def test_a_group_change_with_a_theme_link_without_its_theme_is_a_400(api):
    """PATCH skips a nested item's required fields: a link without ``theme`` was a KeyError."""
    group = factories.GroupFactory()
    theme = factories.ThemeFactory()
    body = {"themes": [{"theme": theme.pk}, {"relationship": "affected_by"}]}
    response = api.patch(f"/api/v1/groups/{group.pk}/", body, format="json")
    assert response.status_code == 400, response.content[:300]
    assert response.json() == {"themes": [{}, {"theme": ["This field is required."]}]}
    assert not group.theme_links.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [True, "1.0", -1, 2**64])
def test_safeguarding_and_reach_ids_follow_the_one_id_rule(api_for, lead, value):
    """The training, check, concern and reach endpoints read ids with Heard's one id field, as
    every other endpoint does: the same 400 and message for whatever is not an id, even where
    the id 1 exists (DRF's own field answered each kind of bad value in its own words)."""
    from heard.api.fields import ID_MESSAGE
    from heard.people.models import User

    staff = User.objects.filter(pk=1).first() or factories.UserFactory(pk=1)
    organisation = Organisation.objects.filter(pk=1).first() or factories.OrganisationFactory(pk=1)
    assert staff.pk == organisation.pk == 1
    answer = api_for(lead).post(
        "/api/v1/training-records/",
        {"staff": value, "course": "Child protection", "completed_on": "2026-11-01"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert answer.json()["staff"] == [ID_MESSAGE]
    reach = api_for(lead).get("/api/v1/reach/", {"organisation": value})
    assert reach.status_code == 400, reach.content
    assert reach.json()["organisation"] == [ID_MESSAGE]
