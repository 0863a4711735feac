from django.urls import reverse

from heard.core import audit
from heard.core.events import PASSWORD_SET
from heard.core.models import AuditEntry
from heard.core.roles import Role
from tests.factories import OrganisationFactory


def test_sign_in_page_renders(client, db):
    response = client.get(reverse("core:sign-in"))
    assert response.status_code == 200
    assert b"Sign in to Heard" in response.content


def test_wrong_password_shows_a_clear_error(client, officer):
    response = client.post(
        reverse("core:sign-in"), {"username": officer.email, "password": "wrong password!"}
    )
    assert response.status_code == 200
    assert b"Enter a correct email address and password" in response.content
    assert b"govuk-error-summary" in response.content


def test_sign_in_and_out(client, board_member):
    # A board member: every other role also enters a two-factor code (tests/core/test_security).
    response = client.post(
        reverse("core:sign-in"),
        {"username": board_member.email, "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    response = client.post(reverse("core:sign-out"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_pages_need_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("core:sign-in") in response["Location"]


def test_history_page_shows_changes_to_programme_staff(client_for, officer):
    org = OrganisationFactory(name="Changed name")
    audit.record(
        actor=officer,
        event=PASSWORD_SET,
        obj=org,
        changes={"name": ["Old", "Changed name"]},
    )
    response = client_for(officer).get(
        reverse("core:history", args=["people.organisation", org.pk])
    )
    assert response.status_code == 200
    assert b"Old" in response.content


def test_history_refused_to_other_roles_and_404_for_unknown(client_for, make_user, officer):
    org = OrganisationFactory()
    board = make_user(Role.BOARD_MEMBER)
    url = reverse("core:history", args=["people.organisation", org.pk])
    assert client_for(board).get(url).status_code == 403
    client = client_for(officer)
    assert client.get(reverse("core:history", args=["nope.model", 1])).status_code == 404
    assert (
        client.get(reverse("core:history", args=["people.organisation", "abc"])).status_code == 404
    )
    assert (
        client.get(reverse("core:history", args=["people.organisation", 999999])).status_code == 404
    )


def test_audit_entries_cannot_be_changed_in_the_admin(client_for, make_user):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    entry = audit.record(actor=admin, event=PASSWORD_SET, obj=OrganisationFactory())
    client = client_for(admin)
    change = client.post(
        reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "delete"}
    )
    assert change.status_code in (302, 403) or b"readonly" in change.content.lower()
    assert (
        client.post(
            reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk, event=PASSWORD_SET).exists()


def test_healthz(client, db):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}
