"""The resources services: files checked as evidence is, links http(s) only, who may write,
and the audit of each change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.core.models import AuditEntry
from heard.participation.models import Method
from heard.resources import services
from heard.resources.models import Resource, SessionResource
from tests import factories
from tests.resources.conftest import PDF
from tests.resources.factories import ResourceFactory, SessionResourceFactory


def values(**extra):
    return {
        "title": " Session plan: <b>budgets</b> ",
        "kind": Resource.Kind.SESSION_PLAN,
        "summary": "Ninety minutes on how the council spends money.",
        "age_bands": ["16_17", "14_15"],
    } | extra


def errors_of(exc):
    return exc.value.message_dict


def test_a_partner_adds_their_organisations_resource_with_a_file(partner_worker, organisation, pdf):
    theme = factories.ThemeFactory()
    method = Method.objects.create(name="Role play")
    added = services.resource_add(
        actor=partner_worker,
        organisation=organisation,
        themes=[theme],
        methods=[method],
        file=pdf(),
        **values(),
    )
    assert added.title == "Session plan: <b>budgets</b>"
    assert (added.content_type, added.size) == ("application/pdf", len(PDF))
    assert added.file.name.endswith(".pdf") and "toolkit" not in added.file.name
    assert added.age_bands == ["14_15", "16_17"]
    assert list(added.themes.all()) == [theme] and list(added.methods.all()) == [method]
    entry = AuditEntry.objects.get(event="resource.created")
    assert entry.metadata == {"original_name": "toolkit.pdf"}


def test_a_resource_is_refused_with_a_message_per_problem(
    partner_worker, officer, other_organisation, pdf
):
    with pytest.raises(ValidationError) as exc:
        services.resource_add(actor=partner_worker, **values(age_bands=["old"]))
    errors = errors_of(exc)
    assert errors["organisation"] == [services.resources.PARTNERSHIP]
    assert errors["file"] == [services.resources.FILE_OR_LINK]
    assert errors["age_bands"] == ["Choose age bands from the list."]
    with pytest.raises(ValidationError) as exc:
        services.resource_add(
            actor=partner_worker,
            organisation=other_organisation,
            link="javascript:alert(1)",
            themes=["x"],
            methods=[None],
            **values(),
        )
    errors = errors_of(exc)
    assert errors["organisation"] == [services.resources.NOT_YOURS]
    assert errors["link"] == [services.resources.LINK_SCHEME]
    assert errors["themes"] == ["Choose themes from the list."]
    assert errors["methods"] == ["Choose methods from the list."]
    with pytest.raises(ValidationError) as exc:
        services.resource_add(actor=officer, organisation="nope", file="text", **values())
    assert errors_of(exc)["file"] == ["Choose a file to upload."]
    assert errors_of(exc)["organisation"] == [services.resources.NOT_YOURS]
    for upload, message in (
        (pdf("plan.docx"), "rename it to end .pdf"),
        (pdf("plan.pdf", b"MZ\x90\x00 not a document"), "The file must be"),
        (pdf("plan.pdf", b""), "The file is empty"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.resource_add(actor=officer, file=upload, **values())
    assert not Resource.objects.exists()


def test_readers_cannot_add_resources(board_member, theme_lead):
    for user in (board_member, theme_lead):
        with pytest.raises(PermissionDenied):
            services.resource_add(actor=user, link="https://example.org", **values())


def test_a_resource_changes_its_file_and_link_with_its_audit(officer, pdf, settings):
    resource = services.resource_add(actor=officer, file=pdf(), **values())
    old = resource.file.name
    new = SimpleUploadedFile("new.pdf", PDF + b"more")
    changed = services.resource_update(
        actor=officer, resource=resource, file=new, title=" New plan ", age_bands=["8_10"]
    )
    assert changed.file.name != old and changed.size == len(PDF) + 4
    assert not changed.file.storage.exists(old)
    assert (changed.title, changed.age_bands) == ("New plan", ["8_10"])
    with pytest.raises(ValidationError) as exc:
        services.resource_update(actor=officer, resource=changed, remove_file=True)
    assert errors_of(exc)["file"] == [services.resources.FILE_OR_LINK]
    changed = services.resource_update(
        actor=officer, resource=changed, remove_file=True, link="https://example.org/plan"
    )
    assert not changed.file and changed.content_type == "" and changed.size is None
    entry = AuditEntry.objects.filter(event="resource.changed").latest("pk")
    assert entry.changes["link"] == ["", "https://example.org/plan"]
    with pytest.raises(ValidationError) as exc:
        services.resource_update(
            actor=officer,
            resource=changed,
            link="ftp://example.org",
            summary=" ",
            themes=[1],
            methods=[2],
            organisation="x",
        )
    assert set(errors_of(exc)) >= {"link", "themes", "methods", "organisation", "summary"}


def test_a_partner_cannot_change_the_partnerships_resources(partner_worker, organisation):
    shared = ResourceFactory()
    with pytest.raises(PermissionDenied):
        services.resource_update(actor=partner_worker, resource=shared, title="Mine")
    with pytest.raises(PermissionDenied):
        services.resource_delete(actor=partner_worker, resource=shared)


def test_deleting_a_resource_removes_its_file_and_uses(
    officer, pdf, django_capture_on_commit_callbacks
):
    resource = services.resource_add(actor=officer, file=pdf(), **values())
    SessionResourceFactory(resource=resource)
    name, storage = resource.file.name, resource.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_delete(actor=officer, resource=resource)
    assert not Resource.objects.exists() and not SessionResource.objects.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(event="resource.deleted").exists()
    services.resource_delete(actor=officer, resource=ResourceFactory())


def test_a_session_records_the_resources_it_used(partner_worker, organisation, other_organisation):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    resource = ResourceFactory()
    use = services.session_resource_add(actor=partner_worker, session=session, resource=resource)
    assert use.added_by == partner_worker
    entry = AuditEntry.objects.get(event="session_resource.created")
    assert entry.changes == {"resources": [None, resource.title]}
    with pytest.raises(ValidationError) as exc:
        services.session_resource_add(actor=partner_worker, session=session, resource=resource)
    assert errors_of(exc)["resource"] == [services.sessions.ALREADY]
    hidden = ResourceFactory(organisation=other_organisation, published=False)
    with pytest.raises(ValidationError) as exc:
        services.session_resource_add(actor=partner_worker, session=session, resource=hidden)
    assert errors_of(exc)["resource"] == [services.sessions.UNSEEN]
    theirs = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    with pytest.raises(PermissionDenied):
        services.session_resource_add(actor=partner_worker, session=theirs, resource=resource)
    services.session_resource_remove(actor=partner_worker, use=use)
    assert not SessionResource.objects.exists()
    assert AuditEntry.objects.filter(event="session_resource.deleted").exists()
