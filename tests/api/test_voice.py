import datetime

import pytest
import time_machine

from heard.core.roles import Role
from heard.voice import services
from heard.voice.models import Feedback, Response, View
from tests import factories
from tests.voice.crafted import craft_loop, protected_reader_finds


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def group(organisation):
    return factories.GroupFactory(host_organisation=organisation)


@pytest.fixture
def member(group):
    return factories.MembershipFactory(group=group).young_person


@pytest.fixture
def session(group, member):
    session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    factories.AttendanceFactory(session=session, young_person=member)
    return session


@pytest.fixture
def other_view(other_organisation):
    other = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    return services.view_record(actor=None, text="Elsewhere", session=other, is_anonymous=True)


def test_record_list_retrieve_and_patch_a_view(api_for, officer, session, member):
    api = api_for(officer)
    created = api.post(
        "/api/v1/views/",
        {"text": "More trips", "session": session.pk, "young_people": [member.pk]},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["organisation"] == session.organisation_id
    assert body["status"] == "open"
    listed = api.get("/api/v1/views/", {"q": "trips"}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    patched = api.patch(f"/api/v1/views/{body['id']}/", {"kind": "idea"}, format="json")
    assert patched.status_code == 200 and patched.json()["kind"] == "idea"


def test_a_view_of_many_givers_and_themes_runs_the_queries_of_one(
    api_for, officer, group, count_queries
):
    # The givers' and themes' ids are looked up in one query each, not one per id.
    def record(size):
        session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
        people = [factories.MembershipFactory(group=group).young_person for _ in range(size)]
        for person in people:
            factories.AttendanceFactory(session=session, young_person=person)
        themes = factories.ThemeFactory.create_batch(size)
        data = {
            "text": "More trips",
            "session": session.pk,
            "young_people": [person.pk for person in people],
            "themes": [theme.pk for theme in themes],
        }
        queries, response = count_queries(
            lambda: api_for(officer).post("/api/v1/views/", data, format="json")
        )
        assert response.status_code == 201, response.content
        assert sorted(response.json()["young_people"]) == sorted(p.pk for p in people)
        return queries

    assert record(1) == record(5)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"text": "ok", "kind": "shout"}, "kind"),
        ({"text": "ok", "session": 999999}, "session"),
        ({"text": "ok", "young_people": ["abc"]}, "young_people"),
        ({"text": "ok", "recorded_on": "yesterday"}, "recorded_on"),
    ],
)
def test_bad_view_input_is_refused(api_for, officer, session, payload, field):
    response = api_for(officer).post(
        "/api/v1/views/", payload | {"is_anonymous": True}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not View.objects.exists()


def test_service_errors_come_back_per_field(api_for, officer, session):
    response = api_for(officer).post(
        "/api/v1/views/", {"text": "Who said it?", "session": session.pk}, format="json"
    )
    assert response.status_code == 400
    assert "Say who gave the view" in response.json()["young_people"][0]


def test_respond_and_feed_back(api_for, officer, session, group):
    view = services.view_record(actor=None, text="More trips", session=session, group=group)
    api = api_for(officer)
    refused = api.post(
        "/api/v1/responses/",
        {
            "views": [view.pk],
            "decision_maker": "Council",
            "outcome": "not_possible",
            "explanation": "",
            "plain_language": "We cannot.",
            "date": "2026-10-20",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert "Explain why it was not possible" in refused.json()["explanation"][0]
    assert not Response.objects.exists()
    made = api.post(
        "/api/v1/responses/",
        {
            "views": [view.pk],
            "decision_maker": "Council",
            "outcome": "not_possible",
            "explanation": "No money for a minibus this year.",
            "plain_language": "We have no money for a bus this year.",
            "date": "2026-10-20",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["views"] == [view.pk]
    assert made.json()["readability_warning"] is None
    told = api.post(
        "/api/v1/feedback/",
        {
            "response": made.json()["id"],
            "date": "2026-11-01",
            "channel": "letter",
            "groups": [group.pk],
        },
        format="json",
    )
    assert told.status_code == 201, told.content
    view.refresh_from_db()
    assert view.status == "fed_back"
    assert len(api.get("/api/v1/feedback/").json()["results"]) == 1
    figures = api.get("/api/v1/loop-figures/").json()
    # ADR 0008: exact for a reader who may open every view behind the figures.
    assert figures["exact"] is True and figures["views_recorded"] == 1
    assert figures["share_fed_back"] == 1.0
    assert figures["not_possible_with_reason_share"] == 1.0
    assert isinstance(figures["median_days_view_to_feedback"], float)


def test_partner_worker_sees_only_own_organisation(
    api_for, partner_worker, session, group, other_view
):
    mine = services.view_record(actor=None, text="Ours", session=session, group=group)
    api = api_for(partner_worker)
    ids = [row["id"] for row in api.get("/api/v1/views/").json()["results"]]
    assert ids == [mine.pk]
    assert api.get(f"/api/v1/views/{other_view.pk}/").status_code == 404
    assert (
        api.patch(f"/api/v1/views/{other_view.pk}/", {"text": "x"}, format="json").status_code
        == 404
    )
    other_response = services.response_record(
        actor=None,
        views=[other_view],
        decision_maker="x",
        outcome="changed",
        explanation="Done.",
        plain_language="Done.",
        date=datetime.date(2026, 10, 20),
    )
    assert api.get(f"/api/v1/responses/{other_response.pk}/").status_code == 404
    refused = api.post(
        "/api/v1/feedback/",
        {"response": other_response.pk, "date": "2026-11-01", "channel": "letter"},
        format="json",
    )
    assert refused.status_code == 400  # an unknown response to them
    assert not Feedback.objects.exists()
    for i in range(4):  # five of their own (a count not suppressed), and the other one
        services.view_record(actor=None, text=f"Ours {i}", session=session, group=group)
    assert api.get("/api/v1/loop-figures/").json()["views_recorded"] == 5


def test_board_member_reads_only_loop_figures(api_for, board_member, session, group):
    for i in range(5):
        services.view_record(actor=None, text=f"Ours {i}", session=session, group=group)
    api = api_for(board_member)
    assert api.get("/api/v1/views/").status_code == 403
    assert api.get("/api/v1/responses/").status_code == 403
    assert api.get("/api/v1/feedback/").status_code == 403
    figures = api.get("/api/v1/loop-figures/")
    # ADR 0008: protected, for the year to the last complete quarter (before these views).
    assert figures.status_code == 200 and figures.json()["exact"] is False


def test_loop_figures_filters_are_checked(api_for, officer):
    api = api_for(officer)
    assert api.get("/api/v1/loop-figures/", {"start": "soon"}).status_code == 400
    assert api.get("/api/v1/loop-figures/", {"theme": 999999}).status_code == 400
    assert api.get("/api/v1/loop-figures/", {"start": "2026-01-01"}).status_code == 200


def test_theme_lead_cannot_respond_outside_their_themes(api_for, make_user, session, group):
    view = services.view_record(actor=None, text="x", session=session, group=group)
    response = api_for(make_user(Role.THEME_LEAD)).post(
        "/api/v1/responses/",
        {
            "views": [view.pk],
            "decision_maker": "x",
            "outcome": "changed",
            "explanation": "Done.",
            "plain_language": "Done.",
            "date": "2026-10-20",
        },
        format="json",
    )
    assert response.status_code == 403


# Consent: quotes and publishing need it; photos are withheld without it -------------------------


def _consent(young_person, purpose):
    from heard.privacy import services as privacy_services

    return privacy_services.consent_record(
        actor=None,
        young_person=young_person,
        purpose=purpose,
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 9, 1),
        how="written",
    )


def test_quoting_or_publishing_without_consent_is_a_400_on_the_field(
    api_for, officer, session, member, group
):
    api = api_for(officer)
    payload = {"text": "Lights in the park", "session": session.pk, "young_people": [member.pk]}
    refused = api.post("/api/v1/views/", payload | {"consent": "publish"}, format="json")
    assert refused.status_code == 400
    assert (
        f"{member.reference} has no current consent to publishing" in (refused.json()["consent"][0])
    )
    assert not View.objects.exists()
    created = api.post("/api/v1/views/", payload | {"consent": "internal"}, format="json")
    view_id = created.json()["id"]
    refused = api.patch(
        f"/api/v1/views/{view_id}/", {"consent": "quote_anonymously"}, format="json"
    )
    assert refused.status_code == 400 and "consent to quotes" in refused.json()["consent"][0]
    _consent(member, "quotes")
    allowed = api.patch(
        f"/api/v1/views/{view_id}/", {"consent": "quote_anonymously"}, format="json"
    )
    assert allowed.status_code == 200 and allowed.json()["consent"] == "quote_anonymously"
    newcomer = factories.MembershipFactory(group=group).young_person
    refused = api.patch(
        f"/api/v1/views/{view_id}/", {"young_people": [member.pk, newcomer.pk]}, format="json"
    )
    assert refused.status_code == 400
    assert newcomer.reference in refused.json()["young_people"][0]
    by_group = api.post(
        "/api/v1/views/",
        {"text": "Ours", "session": session.pk, "group": group.pk, "consent": "quote_first_name"},
        format="json",
    )
    assert by_group.status_code == 400 and "no first name" in by_group.json()["consent"][0]


def test_image_evidence_is_withheld_without_photographs_consent(
    api_for, officer, session, member, count_queries
):
    from heard.privacy import services as privacy_services

    view = factories.ViewFactory(session=session, young_people=[member])
    photo = factories.EvidenceFactory(view=view, description="Ami at the skate park")
    document = factories.EvidenceFactory(
        view=view, kind="document", content_type="application/pdf", description="Notes"
    )
    api = api_for(officer)

    def evidence_of(body):
        return {item["id"]: item for item in body["evidence"]}

    shown = evidence_of(api.get(f"/api/v1/views/{view.pk}/").json())
    assert shown[photo.pk]["withheld"] is True
    assert shown[photo.pk]["withheld_reason"] == (
        "Photo withheld: consent for photographs was not given"
    )
    assert shown[photo.pk]["download"] is None and shown[photo.pk]["description"] == ""
    assert shown[document.pk]["withheld"] is False
    assert shown[document.pk]["download"] == f"/voice/evidence/{document.pk}/"

    given = _consent(member, "photographs")
    shown = evidence_of(api.get(f"/api/v1/views/{view.pk}/").json())
    assert shown[photo.pk]["withheld"] is False
    assert shown[photo.pk]["description"] == "Ami at the skate park"
    privacy_services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=datetime.date(2026, 11, 20),
        withdrawn_by="parent_or_carer",
        withdrawn_how="written",
    )
    (row,) = api.get("/api/v1/views/").json()["results"]
    assert evidence_of(row)[photo.pk]["withheld_reason"] == (
        "Photo withheld: consent for photographs was withdrawn"
    )

    one, _ = count_queries(lambda: api.get("/api/v1/views/"))
    for _ in range(3):
        other = factories.ViewFactory(session=session, young_people=[member])
        factories.EvidenceFactory(view=other)
        factories.EvidenceFactory(view=other)
    many, response = count_queries(lambda: api.get("/api/v1/views/"))
    assert len(response.json()["results"]) == 4
    assert many == one


LOOP_CASES = [
    {"open_views": 1, "responded": 0, "fed_back": 5, "not_possible": 1, "ratings": (3, 0, 9)},
    {"open_views": 1, "responded": 5, "fed_back": 0},
    {"open_views": 0, "responded": 0, "fed_back": 7, "ratings": (5, 0, 0)},
    {"open_views": 1, "responded": 0, "fed_back": 2, "not_possible": 1, "ratings": (1, 1, 0)},
    {"open_views": 2, "responded": 2, "fed_back": 10, "not_possible": 2},
    {"open_views": 10, "responded": 5, "fed_back": 6, "not_possible": 5, "ratings": (5, 6, 7)},
]


@pytest.mark.parametrize("case", LOOP_CASES)
def test_loop_figures_show_and_give_away_no_small_count(api_for, board_member, session, case):
    """Crafted data; a protected reader (ADR 0008, tests/voice/crafted.py) tries every split
    that fits what the API shows and finds no count from 1 to 4."""
    craft_loop(session, **case)
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)):
        figures = api_for(board_member).get("/api/v1/loop-figures/").json()
    assert figures["exact"] is False
    assert protected_reader_finds(figures) == []


def test_loop_figures_crafted_six_views_five_responded(api_for, board_member, session):
    craft_loop(session, open_views=1, responded=0, fed_back=5, not_possible=1, ratings=(3, 0, 9))
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)):
        figures = api_for(board_member).get("/api/v1/loop-figures/").json()
    assert figures["views_recorded"] in (5, 10)
    assert figures["views_not_responded"] in ("fewer than 5", 5)
    assert figures["not_possible_with_reason_share"] == 1.0  # nobody without a reason: a 0
    assert figures["ratings"]["not_sure"] == 0
