import datetime

import pytest
import time_machine

from heard.core.roles import AgeBand
from heard.core.suppression import SMALL
from heard.privacy import services
from heard.privacy.models import Consent
from heard.voice.models import View
from tests import factories

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _consent(young_person, purpose="taking_part"):
    return services.consent_record(
        actor=None,
        young_person=young_person,
        purpose=purpose,
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 9, 1),
        how="written",
    )


def test_partner_workers_see_and_record_only_their_organisations_consents(
    api_for, partner_worker, organisation, other_organisation
):
    own = factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_16_17)
    other = factories.YoungPersonFactory(organisation=other_organisation)
    mine, theirs = _consent(own), _consent(other)
    api = api_for(partner_worker)
    listed = api.get("/api/v1/consents/").json()["results"]
    assert [c["id"] for c in listed] == [mine.pk]
    assert api.get(f"/api/v1/consents/{theirs.pk}/").status_code == 404
    body = {"withdrawn_on": "2026-11-19", "withdrawn_by": "young_person", "withdrawn_how": "verbal"}
    assert (
        api.post(f"/api/v1/consents/{theirs.pk}/withdraw/", body, format="json").status_code == 404
    )
    new = {
        "young_person": other.pk,
        "purpose": "quotes",
        "given_by": "young_person",
        "given_on": "2026-11-01",
        "how": "online",
    }
    response = api.post("/api/v1/consents/", new, format="json")
    assert response.status_code == 400 and "young_person" in response.json()
    response = api.post("/api/v1/consents/", {**new, "young_person": own.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["is_current"] is True


def test_withdraw_over_the_api_stops_publishing(api_for, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    view = factories.ViewFactory(young_people=[young_person], consent="publish")
    consent = _consent(young_person, "publishing")
    response = api_for(officer).post(
        f"/api/v1/consents/{consent.pk}/withdraw/",
        {
            "withdrawn_on": "2026-11-20",
            "withdrawn_by": "parent_or_carer",
            "withdrawn_how": "written",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["withdrawn_on"] == "2026-11-20"
    view.refresh_from_db()
    assert view.consent == View.Consent.INTERNAL


@pytest.mark.parametrize(
    "bad",
    [
        {"purpose": "selling"},
        {"given_on": "not a date"},
        {"young_person": 999999},
        {"young_person": "abc"},
        {"notes": "x" * 2001},
        {"how": None},
    ],
)
def test_bad_consent_input_is_a_clear_400_and_changes_nothing(api_for, officer, bad):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    body = {
        "young_person": young_person.pk,
        "purpose": "quotes",
        "given_by": "young_person",
        "given_on": "2026-11-01",
        "how": "online",
        **bad,
    }
    response = api_for(officer).post("/api/v1/consents/", body, format="json")
    assert response.status_code == 400
    assert set(bad) <= set(response.json())
    assert not Consent.objects.exists()


def test_service_refusals_come_back_per_field(api_for, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.UNDER_8)
    body = {
        "young_person": young_person.pk,
        "purpose": "photographs",
        "given_by": "young_person",
        "given_on": "2026-11-01",
        "how": "online",
    }
    response = api_for(officer).post("/api/v1/consents/", body, format="json")
    assert response.status_code == 400
    assert "parent's or carer's consent is needed" in response.json()["given_by"][0]


def test_reach_api_is_exact_or_protected_and_for_roles_allowed(
    api_for, officer, board_member, theme_lead
):
    """ADR 0008: exact for programme staff; for a board member fixed periods only (400 else)
    and protected counts."""
    session = factories.SessionFactory(date=datetime.date(2026, 9, 1))
    for band in (AgeBand.UNDER_8, AgeBand.UNDER_8, AgeBand.AGE_14_15, *[AgeBand.AGE_16_17] * 7):
        factories.AttendanceFactory(
            session=session, young_person=factories.YoungPersonFactory(age_band=band)
        )
    url = "/api/v1/reach/?start=2026-04-01&end=2026-11-20"
    assert api_for(theme_lead).get(url).status_code == 403
    data = api_for(officer).get(url).json()
    assert data["took_part"] == 10
    age = {
        row["value"]: row
        for row in next(t for t in data["tables"] if t["characteristic"] == "age_band")["rows"]
    }
    assert (age["under_8"]["took_part"], age["14_15"]["took_part"]) == (2, 1)
    assert age["16_17"]["took_part"] == 7

    refused = api_for(board_member).get(url)
    assert refused.status_code == 400 and "fixed reporting periods" in refused.json()["start"][0]
    data = api_for(board_member).get("/api/v1/reach/?start=2026-04-01&end=2026-09-30").json()
    assert data["took_part"] == 10
    default = api_for(board_member).get("/api/v1/reach/").json()
    assert (default["start"], default["end"]) == ("2026-04-01", "2026-09-30")
    for table in data["tables"]:
        for row in table["rows"]:
            for value in (row["took_part"], row["active"]):
                assert value == SMALL or value % 5 == 0
            if not isinstance(row["took_part"], int):
                assert row["share"] is None and row["gap"] is None
    bad = api_for(officer).get("/api/v1/reach/?start=2026-11-20&end=2026-01-01")
    assert bad.status_code == 400 and "end" in bad.json()
    assert api_for(officer).get("/api/v1/reach/?start=yesterday").status_code == 400


def test_withdrawing_photographs_over_the_api_withholds_the_image_at_once(api_for, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    view = factories.ViewFactory(young_people=[young_person])
    photo = factories.EvidenceFactory(view=view)
    consent = _consent(young_person, "photographs")
    api = api_for(officer)

    def photo_in_api():
        (item,) = api.get(f"/api/v1/views/{view.pk}/").json()["evidence"]
        assert item["id"] == photo.pk
        return item

    assert photo_in_api()["withheld"] is False
    response = api.post(
        f"/api/v1/consents/{consent.pk}/withdraw/",
        {
            "withdrawn_on": "2026-11-20",
            "withdrawn_by": "parent_or_carer",
            "withdrawn_how": "written",
        },
        format="json",
    )
    assert response.status_code == 200
    item = photo_in_api()
    assert item["withheld"] is True and item["download"] is None
    assert item["withheld_reason"] == "Photo withheld: consent for photographs was withdrawn"
