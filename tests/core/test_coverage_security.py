"""Sign-in edges: the lockout handler's counts without an email or an address, attempts refused
while locked, the two-factor pages for a user already verified, and the root and History pages'
refusals."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core import lockout
from heard.core.models import SignInEvent
from heard.core.roles import Role
from tests import factories
from tests.conftest import PASSWORD

Event = SignInEvent.Event
NOW = datetime.datetime(2026, 10, 15, 8, 0, tzinfo=datetime.UTC)
TWO_FACTOR = reverse("core:two-factor")
BACKUP = reverse("core:two-factor-backup-code")


@pytest.mark.django_db
def test_no_email_and_no_address_count_no_failures():
    SignInEvent.objects.create(event=Event.FAILED, email="", address=None)
    assert lockout.account_failures("") == 0 and lockout.account_failures(None) == 0
    assert lockout.address_failures("") == 0 and lockout.address_failures(None) == 0
    assert not lockout.account_locked("  ") and not lockout.address_locked(None)


@pytest.mark.django_db
def test_failures_count_from_the_last_sign_in_and_ignore_the_case_of_the_email():
    for _ in range(2):
        SignInEvent.objects.create(event=Event.FAILED, email="ada@example.org", address="10.0.0.1")
    assert lockout.account_failures(" Ada@Example.org ") == 2
    SignInEvent.objects.create(event=Event.SIGNED_IN, email="ada@example.org")
    SignInEvent.objects.create(event=Event.FAILED, email="ada@example.org", address="10.0.0.1")
    assert lockout.account_failures("ada@example.org") == 1
    assert lockout.address_failures("10.0.0.1") == 3


def _failed_sign_in(email, locked_out):
    request = RequestFactory().post("/sign-in/", REMOTE_ADDR="10.0.0.9")
    request.axes_locked_out = locked_out
    request.axes_ip_address = "10.0.0.9"
    lockout.SignInLockoutHandler().user_login_failed(None, {"username": email}, request)
    return request


@pytest.mark.django_db
def test_an_attempt_refused_while_locked_is_recorded_and_counts_for_nothing():
    request = _failed_sign_in("ada@example.org", locked_out=True)
    assert request.axes_credentials == {"username": "ada@example.org"}
    assert list(SignInEvent.objects.values_list("event", "email")) == [
        (Event.REFUSED, "ada@example.org")
    ]
    assert lockout.account_failures("ada@example.org") == 0


@pytest.mark.django_db
def test_a_failed_sign_in_is_counted_and_the_fifth_locks_the_account():
    for _ in range(4):
        assert not _failed_sign_in("ada@example.org", locked_out=False).axes_locked_out
    assert _failed_sign_in("ada@example.org", locked_out=False).axes_locked_out
    assert lockout.account_locked("ada@example.org")


@pytest.mark.django_db
def test_a_failure_signal_without_a_request_records_nothing():
    handler = lockout.SignInLockoutHandler()
    handler.user_login_failed(None, {"username": "ada@example.org"}, request=None)
    assert not SignInEvent.objects.exists()


@pytest.mark.django_db
def test_axes_reads_the_failures_of_the_email_typed():
    SignInEvent.objects.create(event=Event.FAILED, email="ada@example.org")
    request = RequestFactory().post("/sign-in/")
    handler = lockout.SignInLockoutHandler()
    assert handler.get_failures(request, {"username": "ADA@example.org"}) == 1
    assert handler.get_failures(request, {"username": "bob@example.org"}) == 0


@pytest.fixture
def verified(make_user, client):
    """An officer signed in with their authenticator app's code."""
    user = make_user(Role.PARTICIPATION_OFFICER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    with time_machine.travel(NOW, tick=False):
        client.post(reverse("core:sign-in"), {"username": user.email, "password": PASSWORD})
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        assert client.post(TWO_FACTOR, {"code": f"{code:06d}"}).status_code == 302
        yield client


@pytest.mark.parametrize("page", [TWO_FACTOR, BACKUP])
def test_a_verified_user_is_sent_on_from_the_code_pages(verified, page):
    assert verified.get(page, {"next": "/groups/"})["Location"] == "/groups/"
    # Somewhere else than Heard is never where they are sent.
    assert verified.get(page, {"next": "https://evil.example/"})["Location"] == "/home/"


def test_the_backup_code_page_sends_a_user_without_an_app_to_set_one_up(make_user, client):
    user = make_user(Role.PARTICIPATION_OFFICER)
    client.post(reverse("core:sign-in"), {"username": user.email, "password": PASSWORD})
    assert client.get(BACKUP)["Location"] == TWO_FACTOR


def test_the_backup_code_page_asks_for_a_code(make_user, client):
    user = make_user(Role.PARTICIPATION_OFFICER)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("core:sign-in"), {"username": user.email, "password": PASSWORD})
    page = client.get(BACKUP)
    assert page.status_code == 200 and page.context["title"] == "Enter a backup code"
    assert not page.context["form"].is_bound


def test_the_root_sends_the_signed_out_to_sign_in_and_staff_home(client, board_member):
    assert client.get("/")["Location"] == reverse("core:sign-in")
    client.force_login(board_member)
    assert client.get("/")["Location"] == reverse("home")


def test_the_history_of_a_record_the_reader_may_not_open_is_refused(client_for, officer):
    """An officer reads histories, but a safeguarding concern is for safeguarding leads only."""
    concern = factories.ConcernFactory()
    url = reverse("core:history", args=["safeguarding.concern", concern.pk])
    assert client_for(officer).get(url).status_code == 403
