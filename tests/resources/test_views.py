"""The resources pages: the library searched, filtered and exported; a resource added with a
file, downloaded only by those who may read it, edited and deleted; a session's resources
recorded from the session's page; others' drafts answer 404."""

import io

import openpyxl
import pytest
from django.urls import reverse

from heard.participation.models import Method
from heard.resources.models import Resource, SessionResource
from tests import factories
from tests.resources.conftest import PDF
from tests.resources.factories import ResourceFactory, SessionResourceFactory

LIBRARY = reverse("resources:resource-list")
SIGNED_IN = 3


def resource_form(**extra):
    return {
        "title": "Case study: <i>youth panel</i>",
        "kind": "case_study",
        "summary": "How young people recruited a manager.",
        "organisation": "",
        "age_bands": ["14_15"],
        "link": "",
        "published": "on",
    } | extra


def test_an_officer_adds_downloads_edits_and_deletes_a_resource(client_for, officer, pdf):
    client = client_for(officer)
    theme = factories.ThemeFactory()
    refused = client.post(reverse("resources:resource-create"), resource_form())
    assert "Upload a file or give a link" in refused.content.decode()
    data = resource_form(themes=[theme.pk], file=pdf())
    response = client.post(reverse("resources:resource-create"), data)
    resource = Resource.objects.get()
    assert response["Location"] == reverse("resources:resource-detail", args=[resource.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Case study: &lt;i&gt;youth panel&lt;/i&gt;" in page and "14 to 15" in page
    download = client.get(reverse("resources:resource-download", args=[resource.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    edit = reverse("resources:resource-edit", args=[resource.pk])
    assert "Remove the current file" in client.get(edit).content.decode()
    kept = client.post(edit, resource_form(title="Panel case study", themes=[theme.pk]))
    assert kept.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Panel case study" and resource.file
    bad = client.post(edit, resource_form(link="ftp://example.org", themes=[theme.pk]))
    assert "starting with http:// or https://" in bad.content.decode()
    delete = reverse("resources:resource-delete", args=[resource.pk])
    assert "Delete the resource" in client.get(delete).content.decode()
    assert client.post(delete)["Location"] == LIBRARY
    assert not Resource.objects.exists()


def test_a_resource_without_a_file_has_no_download(client_for, officer):
    resource = ResourceFactory()
    url = reverse("resources:resource-download", args=[resource.pk])
    assert client_for(officer).get(url).status_code == 404


def test_another_organisations_draft_is_not_found_by_a_partner(
    client_for, partner_worker, other_organisation
):
    draft = ResourceFactory(organisation=other_organisation, published=False)
    client = client_for(partner_worker)
    for name in ("detail", "edit", "delete", "download"):
        url = reverse(f"resources:resource-{name}", args=[draft.pk])
        assert client.get(url).status_code == 404, name
    published = ResourceFactory(organisation=other_organisation)
    assert client.get(reverse("resources:resource-detail", args=[published.pk])).status_code == 200
    edit = reverse("resources:resource-edit", args=[published.pk])
    assert client.get(edit).status_code == 403


def test_the_library_searches_filters_and_exports_in_a_fixed_number_of_queries(
    client_for, board_member, django_assert_num_queries
):
    client = client_for(board_member)
    theme = factories.ThemeFactory(title="Mental health")
    method = Method.objects.create(name="Art")
    for count in (1, 3):
        for _ in range(count):
            tagged = ResourceFactory(age_bands=["8_10"])
            tagged.themes.add(theme)
            tagged.methods.add(method)
        # count, page, themes, methods, the method filter's choices
        with django_assert_num_queries(SIGNED_IN + 5):
            assert client.get(LIBRARY).status_code == 200
    ResourceFactory(title="Budget game", summary="Spend a pretend million", age_bands=["16_17"])
    ResourceFactory(title="Unpublished", published=False)
    page = client.get(LIBRARY, {"q": "million"}).content.decode()
    assert "Budget game" in page and "Youth panel toolkit" not in page
    filtered = client.get(
        LIBRARY, {"theme": theme.pk, "method": method.pk, "age_band": "8_10", "kind": "toolkit"}
    ).content.decode()
    assert filtered.count("Youth panel toolkit") == 4 and "Budget game" not in filtered
    assert "Budget game" not in client.get(LIBRARY, {"age_band": "8_10"}).content.decode()
    csv = b"".join(client.get(LIBRARY, {"format": "csv"}).streaming_content).decode()
    assert "Budget game" in csv and "Mental health" in csv and "Unpublished" not in csv
    xlsx = client.get(LIBRARY, {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert book.active.max_row == 6


def test_a_session_records_its_resources_from_its_page(client_for, partner_worker, organisation):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    resource = ResourceFactory(title="Consultation toolkit")
    client = client_for(partner_worker)
    detail = client.get(reverse("participation:session-detail", args=[session.pk]))
    url = reverse("resources:session-resources", args=[session.pk])
    assert url in detail.content.decode()
    page = client.get(url).content.decode()
    assert "The session has recorded no resources yet" in page and "Consultation toolkit" in page
    assert "Choose the resource" in client.post(url, {"resource": ""}).content.decode()
    assert client.post(url, {"resource": resource.pk})["Location"] == url
    use = SessionResource.objects.get()
    assert "Consultation toolkit" in client.get(url).content.decode()
    shown = client.get(reverse("resources:resource-detail", args=[resource.pk])).content.decode()
    assert reverse("participation:session-detail", args=[session.pk]) in shown
    remove = reverse("resources:session-resource-remove", args=[use.pk])
    assert "Remove the resource" in client.get(remove).content.decode()
    assert client.post(remove)["Location"] == url
    assert not SessionResource.objects.exists()


@pytest.mark.parametrize("role", ["safeguarding_lead", "board_member"])
def test_readers_see_a_sessions_resources_but_do_not_add_them(
    request, client_for, role, organisation
):
    use = SessionResourceFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation)
        )
    )
    client = client_for(request.getfixturevalue(role))
    url = reverse("resources:session-resources", args=[use.session_id])
    response = client.get(url)
    if role == "board_member":
        assert response.status_code == 404
        shown = client.get(reverse("resources:resource-detail", args=[use.resource_id]))
        assert "No session you can see" in shown.content.decode()
        return
    assert use.resource.title in response.content.decode()
    assert "Add resource" not in response.content.decode()
    assert client.post(url, {"resource": use.resource_id}).status_code == 403
    remove = reverse("resources:session-resource-remove", args=[use.pk])
    assert client.get(remove).status_code == 403
