"""The OpenAPI document validates, and every operation it lists answers as it documents.

Each operation is called once as an administrator with real data, and its response (status,
content type and body) is checked against the document with openapi-core. A new operation without a
request here fails the test, so the document and the API cannot drift apart.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from heard.core.roles import Role
from heard.participation.headcounts import Headcount
from heard.participation.models import Method
from heard.privacy import services as privacy_services
from tests import factories
from tests.api.world import voice_world

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def schema(api_for, make_user):
    response = api_for(make_user(Role.BOARD_MEMBER)).get(reverse("openapi"))
    assert response.status_code == 200
    return response.json()


def test_document_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_the_document_and_its_page_are_for_signed_in_staff_only(client, make_user, db):
    """They list every operation and field (the attack surface): a token or a staff sign-in."""
    assert client.get(reverse("openapi")).status_code == 401
    response = client.get(reverse("api-docs"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign-in"))
    token = Token.objects.create(user=make_user(Role.PARTNER_WORKER))
    answer = client.get(reverse("openapi"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert answer.status_code == 200
    assert answer.json()["openapi"].startswith("3.")
    assert client.get(reverse("openapi"), HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_every_operation_needs_sign_in(client, schema):
    for path, operations in schema["paths"].items():
        for method in operations:
            if method not in {"get", "post", "put", "patch"}:
                continue
            url = path.replace("{id}", "1")
            response = getattr(client, method)(url, data={}, content_type="application/json")
            assert response.status_code in (401, 403), (method, path, response.status_code)


def test_docs_page_serves_without_external_assets(client_for, make_user):
    response = client_for(make_user(Role.BOARD_MEMBER)).get(reverse("api-docs"))
    assert response.status_code == 200
    assert b"cdn." not in response.content


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_every_operation_answers_as_documented(schema, api_for, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    org = factories.OrganisationFactory()
    # Voice: one view answered (awaiting feedback) and one open view to respond to.
    world = voice_world(theme_lead=make_user(Role.THEME_LEAD), organisation=org)
    theme, group, membership, session = world.theme, world.group, world.membership, world.session
    young_person, answered, still_open = world.young_person, world.answered, world.still_open
    voice_response, consent = world.response, world.consent
    other = factories.YoungPersonFactory(organisation=org)
    factories.ThemeReviewFactory(theme=theme)
    # Safeguarding: concerns are for safeguarding leads only; each action gets its own concern.
    safeguarding_lead = make_user(Role.SAFEGUARDING_LEAD)
    concern = factories.ConcernFactory(young_person=young_person)
    to_decide = factories.ConcernFactory(young_person=young_person)
    to_close = factories.ConcernFactory(
        young_person=young_person, status="decided", decision="advice_given"
    )
    check = factories.BackgroundCheckFactory(staff=admin)
    training = factories.TrainingRecordFactory(staff=admin)
    # Privacy: a consent that lets a new view be published (the world's consent to quotes is read
    # and then withdrawn).
    privacy_services.consent_record(
        actor=None,
        young_person=young_person,
        purpose="publishing",
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 9, 1),
        how="written",
    )

    from tests.involvement.factories import ActivityFactory, EvaluationFactory  # involvement

    activity = ActivityFactory(organisation=org)
    evaluation = EvaluationFactory(session=session)
    ids = {
        "/api/v1/involvement-activities/": activity.pk,
        "/api/v1/evaluations/": evaluation.pk,
        "/api/v1/consents/": consent.pk,
        "/api/v1/groups/": group.pk,
        "/api/v1/memberships/": membership.pk,
        "/api/v1/organisations/": org.pk,
        "/api/v1/sessions/": session.pk,
        "/api/v1/headcounts/": Headcount.objects.create(
            session=session, age_band="8_10", count=12
        ).pk,
        "/api/v1/staff/": admin.pk,
        "/api/v1/themes/": theme.pk,
        "/api/v1/young-people/": young_person.pk,
        "/api/v1/safeguarding-concerns/": concern.pk,
        "/api/v1/safeguarding-concerns/{id}/decide/": to_decide.pk,
        "/api/v1/safeguarding-concerns/{id}/close/": to_close.pk,
        "/api/v1/background-checks/": check.pk,
        "/api/v1/training-records/": training.pk,
        "/api/v1/views/": answered.pk,
        "/api/v1/responses/": voice_response.pk,
    }
    today = TODAY.isoformat()
    bodies = {
        ("post", "/api/v1/groups/"): {
            "name": "New Buddy Group",
            "kind": "buddy_group",
            "host_organisation": org.pk,
            "themes": [{"theme": theme.pk, "relationship": "affected_by"}],
            "start_date": today,
        },
        ("patch", "/api/v1/groups/{id}/"): {"description": "Meets at the youth club."},
        ("post", "/api/v1/groups/{id}/move-stage/"): {"to_stage": "active", "date": today},
        ("post", "/api/v1/memberships/"): {
            "group": group.pk,
            "young_person": other.pk,
            "joined_on": today,
        },
        ("post", "/api/v1/memberships/{id}/end/"): {"left_on": today},
        ("post", "/api/v1/organisations/"): {"name": "Norfolk Young Carers", "kind": "voluntary"},
        ("put", "/api/v1/organisations/{id}/"): {
            "name": "Renamed organisation",
            "kind": "voluntary",
        },
        ("patch", "/api/v1/organisations/{id}/"): {"area": "Norfolk"},
        ("post", "/api/v1/sessions/"): {
            "date": today,
            "kind": "visit",
            "degree": "cyp_initiated_shared",
            "participation_type": "public",
            "group": group.pk,
            "attendees": [{"young_person": young_person.pk, "status": "attended"}],
            "methods": [Method.objects.first().pk],
            "standards": ["systems"],
            "themes": [theme.pk],
        },
        ("patch", "/api/v1/sessions/{id}/"): {"monitoring_form_complete": False},
        ("post", "/api/v1/headcounts/"): {"session": session.pk, "age_band": "11_13", "count": 40},
        ("post", "/api/v1/themes/"): {"title": "Health", "period": "2026-27"},
        ("patch", "/api/v1/themes/{id}/"): {"description": "What young people said."},
        ("post", "/api/v1/themes/{id}/reviews/"): {
            "date": today,
            "summary": "Two groups are working well.",
            "decision": "continue",
        },
        ("post", "/api/v1/young-people/"): {
            "first_name": "Amara",
            "age_band": "14_15",
            "organisation": org.pk,
        },
        ("patch", "/api/v1/young-people/{id}/"): {"area": "Norwich"},
        ("post", "/api/v1/safeguarding-concerns/"): {
            "young_person": young_person.pk,
            "what_happened": "Said an older boy takes their dinner money.",
            "happened_at": "2026-11-19T15:30:00Z",
            "who_was_present": "The group's two youth workers.",
            "immediate_action": "Listened, did not ask leading questions.",
            "child_told": "That I would tell the safeguarding lead today.",
        },
        ("post", "/api/v1/safeguarding-concerns/{id}/assign/"): {
            "assigned_to": safeguarding_lead.pk
        },
        ("post", "/api/v1/safeguarding-concerns/{id}/decide/"): {
            "decision": "local_authority_referral",
            "referral_date": today,
            "referral_reference": "MASH-2026-0412",
        },
        ("post", "/api/v1/safeguarding-concerns/{id}/close/"): {},
        ("post", "/api/v1/background-checks/"): {
            "staff": admin.pk,
            "kind": "enhanced_dbs",
            "certificate_number": "001234567890",
            "issued_on": "2026-01-10",
            "renewal_due": "2029-01-10",
        },
        ("patch", "/api/v1/background-checks/{id}/"): {"renewal_due": "2029-02-01"},
        ("post", "/api/v1/training-records/"): {
            "staff": admin.pk,
            "course": "Child protection training (level 2)",
            "completed_on": today,
        },
        ("patch", "/api/v1/training-records/{id}/"): {"expires_on": "2029-11-20"},
        ("post", "/api/v1/views/"): {
            "text": "The park needs lights",
            "kind": "recommendation",
            "session": session.pk,
            "young_people": [young_person.pk],
            "themes": [theme.pk],
            "consent": "publish",
        },
        ("patch", "/api/v1/views/{id}/"): {"consent": "quote_anonymously"},
        ("post", "/api/v1/responses/"): {
            "views": [still_open.pk],
            "decision_maker": "Youth Services",
            "outcome": "not_possible",
            "explanation": "The building is shared with a school in the evenings.",
            "plain_language": "We cannot open later, because a school uses the building.",
            "date": today,
        },
        ("post", "/api/v1/feedback/"): {
            "response": voice_response.pk,
            "date": today,
            "channel": "in_person",
            "groups": [group.pk],
        },
    }

    bodies[("post", "/api/v1/involvement-activities/")] = {
        "title": "Recruiting a youth worker",
        "kind": "recruitment",
        "date": today,
        "organisation": org.pk,
        "young_people_involved": True,
        "how": ["on_panel"],
    }
    bodies[("patch", "/api/v1/involvement-activities/{id}/")] = {"notes": "Panel of three."}
    bodies[("post", "/api/v1/evaluations/")] = {"session": session.pk, "rating": "positive"}
    bodies[("patch", "/api/v1/evaluations/{id}/")] = {"rating": "neutral"}
    bodies[("post", "/api/v1/consents/")] = {
        "young_person": other.pk,
        "purpose": "taking_part",
        "given_by": "young_person",
        "given_on": today,
        "how": "verbal",
    }
    from tests.audits.openapi import audit_requests  # audits, reviews and training (M11, M21)

    audit_ids, audit_bodies = audit_requests(org, young_person, today)
    ids.update(audit_ids)
    bodies.update(audit_bodies)
    from tests.plans.openapi import plan_requests  # action plans (M10)

    plan_ids, plan_bodies = plan_requests(org, today)
    ids.update(plan_ids)
    bodies.update(plan_bodies)
    from tests.indicators.openapi import indicator_requests  # indicators (M12)

    indicator_ids, indicator_bodies = indicator_requests()
    ids.update(indicator_ids)
    bodies.update(indicator_bodies)
    from tests.indicators.reports.openapi import report_requests  # issued reports (M22)

    report_ids, report_bodies = report_requests(admin, TODAY)
    ids.update(report_ids)
    bodies.update(report_bodies)
    from tests.opportunities.openapi import opportunity_requests  # opportunities (M18)

    opportunity_ids, opportunity_bodies = opportunity_requests(org, today)
    ids.update(opportunity_ids)
    bodies.update(opportunity_bodies)
    from tests.consultations.openapi import consultation_requests  # consultations (M9)

    consultation_ids, consultation_bodies = consultation_requests(org, other, today)
    ids.update(consultation_ids)
    bodies.update(consultation_bodies)
    from tests.rewards.openapi import reward_requests  # recognition and expenses (M16)

    reward_ids, reward_bodies = reward_requests(org, other, session, today)
    ids.update(reward_ids)
    bodies.update(reward_bodies)
    from tests.decisions.openapi import decision_requests  # budgets and votes (M17)

    decision_ids, decision_bodies = decision_requests(org, today)
    ids.update(decision_ids)
    bodies.update(decision_bodies)
    from tests.resources.openapi import resource_requests  # the resources library (M20)

    resource_ids, resource_bodies = resource_requests(org, session, theme)
    ids.update(resource_ids)
    bodies.update(resource_bodies)
    bodies[("post", "/api/v1/consents/{id}/withdraw/")] = {
        "withdrawn_on": today,
        "withdrawn_by": "parent_or_carer",
        "withdrawn_how": "written",
    }

    spec = OpenAPI.from_dict(schema)
    api = api_for(admin)
    order = {"get": 0, "put": 1, "patch": 2, "post": 3}  # reads first, then writes
    operations = sorted(
        (
            (method, path)
            for path, ops in schema["paths"].items()
            for method in ops
            if method in order
        ),
        key=lambda op: (order[op[0]], op[1]),
    )
    assert len(operations) >= 25
    for method, path in operations:
        base = path.split("{id}")[0]
        url = path.replace("{id}", str(ids.get(path, ids.get(base)))) if "{id}" in path else path
        api = api_for(safeguarding_lead if base == "/api/v1/safeguarding-concerns/" else admin)
        if method == "get":
            response = api.get(url)
        else:
            assert (method, path) in bodies, f"no request for {method.upper()} {path}: add one"
            response = getattr(api, method)(url, bodies[(method, path)], format="json")
        documented = schema["paths"][path][method]["responses"]
        assert str(response.status_code) in documented, (method, path, response.content[:300])
        spec.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    "views",
    [
        {"open_views": 1, "responded": 0, "fed_back": 5, "not_possible": 1, "ratings": (3, 0, 9)},
        {"open_views": 0, "responded": 0, "fed_back": 0},
        {"open_views": 10, "responded": 5, "fed_back": 6, "ratings": (5, 6, 7)},
    ],
)
def test_suppressed_figures_answer_as_documented(schema, api_for, make_user, views):
    """Counts that are numbers or markers, shares that are numbers, null or "withheld"."""
    from tests.voice.crafted import craft_loop

    group = factories.GroupFactory(stage="established")
    session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    for _ in range(6):
        factories.AttendanceFactory(session=session)
    council = factories.GroupFactory(kind="youth_council")
    factories.AttendanceFactory(session=factories.SessionFactory(group=council))
    craft_loop(session, **views)
    spec = OpenAPI.from_dict(schema)
    api = api_for(make_user(Role.BOARD_MEMBER))
    for url in ("/api/v1/loop-figures/", "/api/v1/home-counts/"):
        response = api.get(url)
        assert response.status_code == 200
        spec.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )


def test_every_operation_documents_its_error_answers_with_one_body(schema):
    error = {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["properties"]["detail"] == {"type": "string"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"401", "403"}
            if "{id}" in path:
                expected.add("404")
            if method in {"post", "put", "patch"}:
                expected.add("400")
            assert expected <= set(responses), (method, path, sorted(responses))
            for code in expected:
                body = responses[code]["content"]["application/json"]["schema"]
                assert body == error, (method, path, code)


def test_the_document_says_what_input_is_taken(schema):
    components = schema["components"]["schemas"]
    period = components["ThemeInputRequest"]["properties"]["period"]
    assert period["pattern"] == "^[0-9]{4}-[0-9]{2}$"
    title = components["ThemeInputRequest"]["properties"]["title"]
    assert (title["minLength"], title["pattern"]) == (1, r"\S")  # not blank, not spaces only
    # An id is a whole number from 1 to the largest 64-bit integer; beyond it is a 400.
    champion = components["OrganisationInputRequest"]["properties"]["champions"]["items"]
    assert champion == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    # A new record is always active: is_active is documented only where it can be changed.
    assert "is_active" not in components["YoungPersonInputRequest"]["properties"]
    assert "is_active" in components["PatchedYoungPersonChangeRequest"]["properties"]
    assert "is_active" not in components["OrganisationInputRequest"]["properties"]
    assert "is_active" in components["OrganisationChangeRequest"]["properties"]


def test_is_active_on_a_new_record_is_refused_and_a_period_must_be_a_year_span(api_for, lead):
    api = api_for(lead)
    org = factories.OrganisationFactory()
    response = api.post(
        "/api/v1/young-people/",
        {"first_name": "Ada", "age_band": "8_10", "organisation": org.pk, "is_active": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"is_active": ["A new record is always active: leave is_active out."]}
    response = api.post("/api/v1/organisations/", {"name": "New", "is_active": False})
    assert response.status_code == 400 and "is_active" in response.json()
    for period, message in [
        ("2026/27", "Enter the period as a year span, like 2025-26."),
        ("2026-28", "The period must span one year: 2026-27, not 2026-28."),
    ]:
        response = api.post("/api/v1/themes/", {"title": "Health", "period": period})
        assert response.status_code == 400
        assert response.json() == {"period": [message]}
