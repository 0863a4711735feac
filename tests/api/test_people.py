import pytest

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand, Role
from heard.people.models import Organisation, YoungPerson
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

YOUNG_PEOPLE = "/api/v1/young-people/"
ORGANISATIONS = "/api/v1/organisations/"


def one(yp):
    return f"{YOUNG_PEOPLE}{yp.pk}/"


def payload(organisation, **overrides):
    return {"first_name": "Ada", "age_band": AgeBand.AGE_11_13, "organisation": organisation.pk} | (
        overrides
    )


# Young people -------------------------------------------------------------------------------------


def test_list_retrieve_and_filters(api_for, officer, organisation, other_organisation):
    # Fixed last names: a random one ("Adams") would match the search for "ada" below.
    ada = YoungPersonFactory(
        first_name="Ada", last_name="Lovelace", organisation=organisation, area="Ely"
    )
    bo = YoungPersonFactory(
        first_name="Bo",
        last_name="Diddley",
        organisation=other_organisation,
        age_band=AgeBand.AGE_16_17,
    )
    YoungPersonFactory(
        first_name="Cy", last_name="Twombly", organisation=organisation, is_active=False
    )
    api = api_for(officer)
    body = api.get(YOUNG_PEOPLE).json()
    assert body["count"] == 3
    row = next(r for r in body["results"] if r["id"] == ada.pk)
    assert row["reference"] == ada.reference
    assert row["organisation_name"] == organisation.name

    def refs(**params):
        return {r["reference"] for r in api.get(YOUNG_PEOPLE, params).json()["results"]}

    assert refs(organisation=other_organisation.pk) == {bo.reference}
    assert refs(age_band=AgeBand.AGE_16_17) == {bo.reference}
    assert refs(area="el") == {ada.reference}
    assert refs(search="ada") == {ada.reference}
    assert refs(is_active="true", organisation=organisation.pk) == {ada.reference}
    assert api.get(one(ada)).json()["first_name"] == "Ada"


def test_api_list_runs_a_fixed_number_of_queries(api_for, officer, count_queries):
    api = api_for(officer)
    YoungPersonFactory.create_batch(2)
    with_two, _ = count_queries(lambda: api.get(YOUNG_PEOPLE))
    YoungPersonFactory.create_batch(8)
    with_ten, response = count_queries(lambda: api.get(YOUNG_PEOPLE))
    assert response.json()["count"] == 10
    assert with_two == with_ten


def test_create_and_partial_update(api_for, officer, organisation):
    api = api_for(officer)
    response = api.post(YOUNG_PEOPLE, payload(organisation, communication_needs="Uses BSL"))
    assert response.status_code == 201, response.json()
    yp = YoungPerson.objects.get(pk=response.json()["id"])
    assert response.json()["reference"] == yp.reference
    assert yp.communication_needs == "Uses BSL"

    response = api.patch(one(yp), {"area": "March", "is_active": False})
    assert response.status_code == 200, response.json()
    yp.refresh_from_db()
    assert (yp.area, yp.is_active) == ("March", False)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"area": ["", "March"], "is_active": [True, False]}


def test_duplicate_warning_and_confirmation(api_for, officer, organisation):
    existing = YoungPersonFactory(first_name="Ada", organisation=organisation)
    api = api_for(officer)
    response = api.post(YOUNG_PEOPLE, payload(organisation, first_name="ADA"))
    assert response.status_code == 400
    assert existing.reference in response.json()["confirm_not_duplicate"][0]
    assert YoungPerson.objects.count() == 1
    response = api.post(
        YOUNG_PEOPLE, payload(organisation, first_name="ADA", confirm_not_duplicate=True)
    )
    assert response.status_code == 201
    assert response.json()["possible_duplicate_of"] == [existing.reference]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"access_needs": "x" * 2001}, "access_needs"),
        ({"age_band": "eleven"}, "age_band"),
        ({"age_band": ""}, "age_band"),
        ({"date_of_birth": "31/02/2012"}, "date_of_birth"),
        ({"organisation": 999999}, "organisation"),
        ({"organisation": "fenland"}, "organisation"),
        ({"contact_preference": "pigeon"}, "contact_preference"),
        ({"confirm_not_duplicate": "perhaps"}, "confirm_not_duplicate"),
        ({"is_active": False}, "is_active"),
    ],
)
def test_create_bad_input_gets_field_errors_and_changes_nothing(
    api_for, officer, organisation, data, field
):
    response = api_for(officer).post(YOUNG_PEOPLE, payload(organisation) | data)
    assert response.status_code == 400
    assert field in response.json()
    assert not YoungPerson.objects.exists()
    assert not AuditEntry.objects.exists()


def test_create_needs_the_required_fields(api_for, officer):
    response = api_for(officer).post(YOUNG_PEOPLE, {})
    assert response.status_code == 400
    assert {"first_name", "organisation"} <= set(response.json())


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"area": "x" * 101}, "area"),
        ({"first_name": 12345678 * 10**100}, "first_name"),
        ({"age_band": 11}, "age_band"),
        ({"is_active": "sometimes"}, "is_active"),
        ({"organisation": 999999}, "organisation"),
        ({"date_of_birth": "2099-01-01", "age_band": ""}, "date_of_birth"),
    ],
)
def test_patch_bad_input_changes_nothing(api_for, officer, organisation, data, field):
    yp = YoungPersonFactory(organisation=organisation, area="Ely")
    response = api_for(officer).patch(one(yp), data)
    assert response.status_code == 400
    assert field in response.json()
    yp.refresh_from_db()
    assert yp.area == "Ely" and yp.is_active
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("role", "read", "create", "patch"),
    [
        (Role.ADMINISTRATOR, 200, 201, 200),
        (Role.PARTICIPATION_OFFICER, 200, 201, 200),
        (Role.THEME_LEAD, 200, 201, 403),
        (Role.SAFEGUARDING_LEAD, 200, 403, 403),
        (Role.BOARD_MEMBER, 403, 403, 403),
    ],
)
def test_role_matrix(api_for, make_user, organisation, role, read, create, patch):
    yp = YoungPersonFactory(organisation=organisation, area="Ely")
    api = api_for(make_user(role))
    assert api.get(YOUNG_PEOPLE).status_code == read
    assert api.get(one(yp)).status_code == read
    assert api.post(YOUNG_PEOPLE, payload(organisation, first_name="New")).status_code == create
    assert api.patch(one(yp), {"area": "March"}).status_code == patch
    yp.refresh_from_db()
    assert (yp.area == "March") is (patch == 200)


def test_signed_out_callers_are_refused(client, db):
    assert client.get(YOUNG_PEOPLE).status_code in (401, 403)


class TestPartnerWorkerApi:
    @pytest.fixture
    def records(self, partner_worker, other_organisation):
        own = YoungPersonFactory(organisation=partner_worker.organisation)
        other = YoungPersonFactory(organisation=other_organisation, area="Far")
        return own, other

    def test_list_holds_only_their_own_organisation(self, api_for, partner_worker, records):
        own, other = records
        api = api_for(partner_worker)
        refs = {r["reference"] for r in api.get(YOUNG_PEOPLE).json()["results"]}
        assert refs == {own.reference}
        params = {"organisation": other.organisation_id}
        assert api.get(YOUNG_PEOPLE, params).json()["count"] == 0

    def test_retrieve_and_patch_of_another_organisation_are_404(
        self, api_for, partner_worker, records
    ):
        own, other = records
        api = api_for(partner_worker)
        assert api.get(one(own)).status_code == 200
        assert api.get(one(other)).status_code == 404
        assert api.patch(one(other), {"area": "Hacked"}).status_code == 404
        other.refresh_from_db()
        assert other.area == "Far"

    def test_cannot_create_in_or_move_to_another_organisation(
        self, api_for, partner_worker, records, other_organisation
    ):
        own, _ = records
        api = api_for(partner_worker)
        response = api.post(YOUNG_PEOPLE, payload(other_organisation, first_name="New"))
        assert response.status_code == 403
        response = api.patch(one(own), {"organisation": other_organisation.pk})
        assert response.status_code == 403
        own.refresh_from_db()
        assert own.organisation == partner_worker.organisation
        assert not YoungPerson.objects.filter(first_name="New").exists()
        response = api.post(YOUNG_PEOPLE, payload(partner_worker.organisation, first_name="New"))
        assert response.status_code == 201


# Organisations ------------------------------------------------------------------------------------


def test_organisations_read_by_every_role_with_counts_for_allowed_roles(
    api_for, board_member, partner_worker, officer, organisation, other_organisation
):
    YoungPersonFactory.create_batch(2, organisation=organisation)
    YoungPersonFactory(organisation=other_organisation)

    def counts(user):
        rows = api_for(user).get(ORGANISATIONS).json()["results"]
        return {row["id"]: row["young_people_count"] for row in rows}

    assert counts(officer) == {organisation.pk: 2, other_organisation.pk: 1}
    assert counts(partner_worker) == {organisation.pk: 2, other_organisation.pk: None}
    assert counts(board_member) == {organisation.pk: None, other_organisation.pk: None}


def test_organisation_create_and_update(api_for, lead):
    champion = UserFactory()
    api = api_for(lead)
    response = api.post(
        ORGANISATIONS,
        {"name": "Fenland Youth Trust", "kind": "youth_service", "champions": [champion.pk]},
    )
    assert response.status_code == 201, response.json()
    org_id = response.json()["id"]
    assert response.json()["champions"] == [champion.pk]
    response = api.patch(f"{ORGANISATIONS}{org_id}/", {"area": "Fenland", "champions": []})
    assert response.status_code == 200, response.json()
    org = Organisation.objects.get(pk=org_id)
    assert org.area == "Fenland" and org.champions.count() == 0
    response = api.put(f"{ORGANISATIONS}{org_id}/", {"name": "Fenland Trust"})
    assert response.status_code == 200
    assert Organisation.objects.get(pk=org_id).name == "Fenland Trust"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Taken"}, "name"),
        ({"name": "New", "kind": "castle"}, "kind"),
        ({"name": "New", "contact_email": "nope"}, "contact_email"),
        ({"name": "New", "champions": [999999]}, "champions"),
        ({"name": "New", "champions": "everyone"}, "champions"),
    ],
)
def test_organisation_bad_input(api_for, lead, data, field):
    OrganisationFactory(name="taken")
    response = api_for(lead).post(ORGANISATIONS, data)
    assert response.status_code == 400
    assert field in response.json()
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("role", [Role.THEME_LEAD, Role.PARTNER_WORKER, Role.BOARD_MEMBER])
def test_only_programme_staff_change_organisations(api_for, make_user, organisation, role):
    user = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    api = api_for(user)
    assert api.get(f"{ORGANISATIONS}{organisation.pk}/").status_code == 200
    assert api.post(ORGANISATIONS, {"name": "New"}).status_code == 403
    assert api.patch(f"{ORGANISATIONS}{organisation.pk}/", {"area": "X"}).status_code == 403
    organisation.refresh_from_db()
    assert organisation.area != "X"


def test_staff_api_is_for_administrators(api_for, admin_user, lead):
    assert api_for(admin_user).get("/api/v1/staff/").json()["count"] == 2
    assert api_for(lead).get("/api/v1/staff/").status_code == 403


def test_openapi_document_describes_the_people_endpoints(api_for, officer):
    response = api_for(officer).get("/api/v1/openapi.json", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/young-people/" in paths
    create = paths["/api/v1/young-people/"]["post"]
    ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("YoungPersonInputRequest")
