"""Sign-in lockout per account and per address (issue 15, section 5), the client's address
behind proxies, and the password rule against blank passwords."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from heard.core.models import SignInEvent
from heard.core.roles import Role
from heard.core.security import client_address
from tests.conftest import PASSWORD

SIGN_IN = reverse("core:sign-in")
HOME = reverse("home")
NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)
WRONG = "not the password at all"
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def attempt(client, email, password=WRONG, address="192.0.2.10", **meta):
    client.cookies.clear()
    return client.post(
        SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=address, **meta
    )


def signs_in(response):
    return response.status_code == 302 and response["Location"] == HOME


@pytest.fixture
def staff(make_user):
    """Staff who sign in with a password only (board members need no code)."""

    def make(n=1):
        return [make_user(Role.BOARD_MEMBER) for _ in range(n)]

    return make


class TestPerAccount:
    def test_a_sign_in_of_another_account_does_not_wipe_the_victims_failures(self, client, staff):
        victim, attacker = staff(2)
        for _ in range(4):
            assert attempt(client, victim.email).status_code == 200
        assert signs_in(attempt(client, attacker.email, PASSWORD))
        client.post(reverse("core:sign-out"))
        assert attempt(client, victim.email).status_code == 429  # the 5th failure locks
        for _ in range(3):
            assert attempt(client, victim.email).status_code == 429
        # The victim's right password is refused too, from here and from anywhere else.
        assert attempt(client, victim.email, PASSWORD).status_code == 429
        assert attempt(client, victim.email, PASSWORD, address="198.51.100.1").status_code == 429
        # The attacker's own account is not locked.
        assert signs_in(attempt(client, attacker.email, PASSWORD))

    def test_an_account_locks_at_its_fifth_failure_from_any_mix_of_addresses(self, client, staff):
        (user,) = staff()
        for n in range(4):
            assert attempt(client, user.email, address=f"192.0.2.{n + 1}").status_code == 200
        assert attempt(client, user.email, address="192.0.2.99").status_code == 429
        assert attempt(client, user.email, PASSWORD, address="203.0.113.7").status_code == 429
        with time_machine.travel(NOW + datetime.timedelta(minutes=16), tick=False):
            assert signs_in(attempt(client, user.email, PASSWORD, address="203.0.113.7"))

    def test_a_users_own_sign_in_starts_their_count_again(self, client, staff):
        (user,) = staff()
        for _ in range(4):
            attempt(client, user.email)
        assert signs_in(attempt(client, user.email, PASSWORD))
        for _ in range(4):
            assert attempt(client, user.email).status_code == 200
        assert signs_in(attempt(client, user.email, PASSWORD))

    def test_attempts_refused_at_a_locked_address_do_not_count_against_the_account(
        self, client, staff, settings
    ):
        limit = settings.HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT
        assert limit == 4 * settings.AXES_FAILURE_LIMIT == 20
        victim, *others = staff(limit + 1)
        for other in others:  # one failure each: no account is locked, the address is
            attempt(client, other.email, address="192.0.2.50")
        for _ in range(5):
            assert attempt(client, victim.email, PASSWORD, address="192.0.2.50").status_code == 429
        assert signs_in(attempt(client, victim.email, PASSWORD, address="198.51.100.2"))
        refused = SignInEvent.objects.filter(event=SignInEvent.Event.REFUSED)
        assert refused.filter(email=victim.email.lower()).count() == 5


class TestPerAddress:
    def test_one_address_cannot_try_many_accounts(self, client, staff, settings):
        users = staff(settings.HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT + 1)
        for user in users[:-1]:
            assert attempt(client, user.email, address="192.0.2.60").status_code in (200, 429)
        assert attempt(client, users[-1].email, PASSWORD, address="192.0.2.60").status_code == 429
        assert signs_in(attempt(client, users[-1].email, PASSWORD, address="192.0.2.61"))
        assert SignInEvent.objects.filter(
            event=SignInEvent.Event.ADDRESS_LOCKED, address="192.0.2.60"
        ).exists()


class TestBehindAProxy:
    def test_without_a_trusted_proxy_count_a_spoofed_forwarded_header_is_ignored(
        self, client, staff, settings
    ):
        assert settings.HEARD_TRUSTED_PROXY_COUNT == 0
        request = RequestFactory().get(
            "/", REMOTE_ADDR="192.0.2.70", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
        assert client_address(request) == "192.0.2.70"
        users = staff(settings.HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT + 1)
        for n, user in enumerate(users[:-1]):
            attempt(client, user.email, address="192.0.2.70", HTTP_X_FORWARDED_FOR=f"10.9.0.{n}")
        response = attempt(
            client, users[-1].email, PASSWORD, address="192.0.2.70", HTTP_X_FORWARDED_FOR="10.9.9.9"
        )
        assert response.status_code == 429
        assert set(SignInEvent.objects.values_list("address", flat=True)) == {"192.0.2.70"}

    def test_behind_a_trusted_proxy_one_clients_failures_do_not_lock_the_others(
        self, client, staff, settings
    ):
        settings.HEARD_TRUSTED_PROXY_COUNT = 1
        proxy = "10.0.0.1"
        users = staff(settings.HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT + 2)
        # 5 failures from one client (another account each): the others are not locked out.
        for user in users[:5]:
            attempt(client, user.email, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert signs_in(
            attempt(
                client,
                users[-1].email,
                PASSWORD,
                address=proxy,
                HTTP_X_FORWARDED_FOR="198.51.100.7",
            )
        )
        client.post(reverse("core:sign-out"))
        # The client's own address locks at the address limit, whatever it claims to the left.
        for user in users[5:-2]:
            attempt(client, user.email, address=proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
        blocked = attempt(
            client, users[-2].email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
        assert blocked.status_code == 429
        assert signs_in(
            attempt(
                client,
                users[-2].email,
                PASSWORD,
                address=proxy,
                HTTP_X_FORWARDED_FOR="198.51.100.7",
            )
        )
        events = SignInEvent.objects.exclude(event=SignInEvent.Event.SIGNED_OUT)
        assert set(events.values_list("address", flat=True)) == {"203.0.113.5", "198.51.100.7"}

    @pytest.mark.parametrize(
        ("count", "forwarded", "expected"),
        [
            (0, "203.0.113.5", "10.0.0.1"),
            (1, "203.0.113.5", "203.0.113.5"),
            (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
            (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
            (2, "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: the connection's
            (1, "not-an-address", "10.0.0.1"),
            (1, "", "10.0.0.1"),
        ],
    )
    def test_the_client_address(self, settings, count, forwarded, expected):
        settings.HEARD_TRUSTED_PROXY_COUNT = count
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        assert client_address(request) == expected


class TestEventsOfSigningIn:
    def test_failures_record_the_typed_email_never_the_password(self, client, staff):
        (user,) = staff()
        attempt(client, "Nobody@Example.org", "secret guess 1", HTTP_USER_AGENT="Firefox/1")
        attempt(client, user.email, "secret guess 2")
        assert signs_in(attempt(client, user.email, PASSWORD))
        events = list(SignInEvent.objects.order_by("pk"))
        assert [e.event for e in events] == ["failed", "failed", "signed_in"]
        assert events[0].email == "nobody@example.org" and events[0].user is None
        assert events[0].user_agent == "Firefox/1" and events[0].address == "192.0.2.10"
        assert events[2].user == user
        text = str(list(SignInEvent.objects.values()))
        assert "secret guess" not in text and PASSWORD not in text

    def test_signing_out_is_recorded(self, client, staff):
        (user,) = staff()
        assert signs_in(attempt(client, user.email, PASSWORD, HTTP_USER_AGENT="Edge/2"))
        client.post(reverse("core:sign-out"), HTTP_USER_AGENT="Edge/2")
        out = SignInEvent.objects.get(event=SignInEvent.Event.SIGNED_OUT)
        assert out.user == user and out.user_agent == "Edge/2"

    def test_a_lockout_is_recorded(self, client, staff):
        (user,) = staff()
        for _ in range(6):
            attempt(client, user.email)
        events = list(SignInEvent.objects.order_by("pk").values_list("event", flat=True))
        assert events == ["failed"] * 5 + ["account_locked", "refused"]

    def test_events_are_append_only(self, client, staff):
        (user,) = staff()
        attempt(client, user.email)
        event = SignInEvent.objects.get()
        with pytest.raises(ValueError, match="append-only"):
            event.save()
        with pytest.raises(ValueError, match="append-only"):
            event.delete()


class TestBlankPasswords:
    @pytest.mark.parametrize(
        "password", [" " * 12, "\t" * 14, " \u00a0 " * 6, "a" * 12, "ab ab ab ab ab ab"]
    )
    def test_blank_or_trivial_passwords_are_refused(self, make_user, password):
        with pytest.raises(ValidationError):
            validate_password(password, make_user(Role.BOARD_MEMBER))

    def test_a_real_password_with_spaces_passes(self, make_user):
        validate_password("correct horse battery staple", make_user(Role.BOARD_MEMBER))
