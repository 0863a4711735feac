"""The resources API: the library read by all staff, kept by programme staff and partner workers
(their own organisation's); a session's resources recorded by those who may change it; others'
drafts 404; bad input 400 with a message per field."""

from heard.resources.models import Resource, SessionResource
from tests import factories
from tests.resources.factories import ResourceFactory, SessionResourceFactory

RESOURCES = "/api/v1/resources/"
USES = "/api/v1/session-resources/"


def body(**extra):
    return {
        "title": "Budget game",
        "kind": "session_plan",
        "summary": "Spend a pretend million.",
        "age_bands": ["16_17"],
        "link": "https://example.org/budget-game",
    } | extra


def test_a_partner_adds_changes_and_deletes_their_organisations_resource(
    api_for, partner_worker, organisation
):
    api = api_for(partner_worker)
    refused = api.post(RESOURCES, body(), format="json")
    assert refused.status_code == 400
    assert "partnership's own" in refused.json()["organisation"][0]
    response = api.post(RESOURCES, body(organisation=organisation.pk), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["download_url"], data["age_bands"]) == (None, ["16_17"])
    url = f"{RESOURCES}{data['id']}/"
    assert api.patch(url, {"published": True}, format="json").json()["published"] is True
    bad = api.patch(url, {"link": "javascript:alert(1)"}, format="json")
    assert bad.json() == {"link": ["Enter a link starting with http:// or https://."]}
    assert api.delete(url).status_code == 204
    assert not Resource.objects.exists()


def test_the_library_is_searched_and_filtered_and_drafts_stay_private(
    api_for, partner_worker, board_member, other_organisation
):
    ResourceFactory(title="Budget game", summary="money")
    draft = ResourceFactory(organisation=other_organisation, published=False)
    board = api_for(board_member)
    assert board.get(RESOURCES, {"q": "money"}).json()["count"] == 1
    assert board.get(f"{RESOURCES}{draft.pk}/").status_code == 404
    assert board.post(RESOURCES, body(), format="json").status_code == 403
    assert api_for(partner_worker).get(f"{RESOURCES}{draft.pk}/").status_code == 404


def test_a_session_records_a_resource(api_for, partner_worker, organisation, other_organisation):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    resource = ResourceFactory()
    api = api_for(partner_worker)
    response = api.post(USES, {"session": session.pk, "resource": resource.pk}, format="json")
    assert response.status_code == 201, response.content
    again = api.post(USES, {"session": session.pk, "resource": resource.pk}, format="json")
    assert again.json() == {"resource": ["The session already records this resource."]}
    assert api.get(USES).json()["count"] == 1
    theirs = SessionResourceFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        )
    )
    assert api.delete(f"{USES}{theirs.pk}/").status_code == 404
    assert api.delete(f"{USES}{response.json()['id']}/").status_code == 204
    assert SessionResource.objects.count() == 1
