"""Two-factor sign-in for every role that opens children's records, backup codes, the 12-hour
session limit, changing and resetting a password, and the administrator's "Sign-in events"
page (issue 15, sections 5 and 6)."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from heard.core import security, two_factor
from heard.core.models import AuditEntry, SignInEvent
from heard.core.roles import Role
from tests import factories
from tests.conftest import PASSWORD

SIGN_IN = reverse("core:sign-in")
TWO_FACTOR = reverse("core:two-factor")
BACKUP = reverse("core:two-factor-backup-code")
ACCOUNT = reverse("core:two-factor-account")
REGENERATE = reverse("core:backup-codes-regenerate")
CHANGE = reverse("core:password-change")
RESET = reverse("core:password-reset")
EVENTS = reverse("core:sign-in-events")
HOME = reverse("home")
NOW = datetime.datetime(2026, 10, 15, 8, 0, tzinfo=datetime.UTC)
NEW_PASSWORD = "a brand new staple battery"
Event = SignInEvent.Event


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user, password=PASSWORD):
    return client.post(SIGN_IN, {"username": user.email, "password": password})


def events(**filters):
    return list(
        SignInEvent.objects.filter(**filters).order_by("pk").values_list("event", flat=True)
    )


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


class TestTwoFactorForEveryRoleThatOpensChildrensRecords:
    @pytest.mark.parametrize(
        "role", [Role.PARTICIPATION_OFFICER, Role.THEME_LEAD, Role.PARTNER_WORKER]
    )
    def test_officers_theme_leads_and_partner_workers_must_enter_a_code(
        self, role, make_user, client
    ):
        user = make_user(role, organisation=factories.OrganisationFactory())
        response = sign_in(client, user)
        assert response.status_code == 302 and response["Location"].startswith(TWO_FACTOR)
        assert client.get(HOME)["Location"].startswith(TWO_FACTOR)
        assert client.get("/api/v1/young-people/").status_code == 403

    def test_board_members_may_still_sign_in_with_a_password(self, make_user, client):
        response = sign_in(client, make_user(Role.BOARD_MEMBER))
        assert response["Location"] == HOME

    def test_two_factor_events_are_recorded_without_the_code(self, make_user, client, _frozen):
        user = make_user(Role.PARTICIPATION_OFFICER)
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        sign_in(client, user)
        client.post(TWO_FACTOR, {"code": "000000"})
        with time_machine.travel(NOW + datetime.timedelta(seconds=5), tick=False):
            code = code_for(device)
            assert client.post(TWO_FACTOR, {"code": code})["Location"] == HOME
        assert events(user=user) == ["signed_in", "two_factor_failed", "two_factor_verified"]
        assert code not in str(list(SignInEvent.objects.values()))


class TestBackupCodes:
    def _set_up(self, client, user):
        """Sign in and set up an authenticator app; returns the backup codes shown."""
        sign_in(client, user)
        client.get(TWO_FACTOR)  # the set-up page makes the device
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        page = client.post(TWO_FACTOR, {"code": code_for(device)}).content.decode()
        return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)

    def test_setting_up_gives_ten_codes_stored_hashed_each_working_once(
        self, make_user, client, _frozen
    ):
        user = make_user(Role.PARTICIPATION_OFFICER)
        codes = self._set_up(client, user)
        assert len(codes) == len(set(codes)) == 10
        stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        assert len(stored) == 10
        assert not stored & {c for code in codes for c in (code, code.replace("-", ""))}
        client.post(reverse("core:sign-out"))

        # A lost phone: sign in with a backup code instead of the app's code.
        sign_in(client, user)
        assert 'href="/two-factor/backup-code/' in client.get(TWO_FACTOR).content.decode()
        wrong = client.post(BACKUP, {"code": "aaaaa-bbbbb"})
        assert "That backup code did not work" in wrong.content.decode()
        with time_machine.travel(NOW + datetime.timedelta(seconds=5), tick=False):
            used = client.post(BACKUP, {"code": codes[0].upper().replace("-", " ")})
        assert used.status_code == 302 and used["Location"] == HOME
        assert client.get(HOME).status_code == 200
        assert StaticToken.objects.filter(device__user=user).count() == 9
        client.post(reverse("core:sign-out"))

        # The same code does not work twice.
        with time_machine.travel(NOW + datetime.timedelta(seconds=20), tick=False):
            sign_in(client, user)
            again = client.post(BACKUP, {"code": codes[0]})
            assert "That backup code did not work" in again.content.decode()
            assert client.get(HOME)["Location"].startswith(TWO_FACTOR)
        assert "backup_code_used" in events(user=user)
        assert "two_factor_failed" in events(user=user)
        text = str(list(SignInEvent.objects.values())) + str(list(AuditEntry.objects.values()))
        assert not any(code in text or code.replace("-", "") in text for code in codes)

    def test_making_new_codes_stops_the_old_ones(self, make_user, client, _frozen):
        user = make_user(Role.PARTICIPATION_LEAD)
        old = self._set_up(client, user)
        page = client.get(ACCOUNT).content.decode()
        assert "You have 10 backup codes left" in page and REGENERATE in page
        new_page = client.post(REGENERATE).content.decode()
        new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", new_page)
        assert len(new) == 10 and not set(new) & set(old)
        client.post(reverse("core:sign-out"))
        sign_in(client, user)
        assert "did not work" in client.post(BACKUP, {"code": old[1]}).content.decode()
        with time_machine.travel(NOW + datetime.timedelta(seconds=5), tick=False):
            assert client.post(BACKUP, {"code": new[1]})["Location"] == HOME
        assert events(user=user).count("backup_codes_generated") == 2

    def test_without_an_app_there_are_no_backup_codes(self, make_user, client_for):
        client = client_for(make_user(Role.BOARD_MEMBER))
        response = client.post(REGENERATE, follow=True)
        assert "Set up two-factor sign-in with an authenticator app first" in (
            response.content.decode()
        )
        assert not StaticToken.objects.exists()

    def test_an_administrators_reset_removes_the_backup_codes(
        self, make_user, admin_user, client, _frozen
    ):
        user = make_user(Role.SAFEGUARDING_LEAD)
        self._set_up(client, user)
        two_factor.two_factor_reset(actor=admin_user, user=user)
        assert not StaticToken.objects.filter(device__user=user).exists()
        reset = SignInEvent.objects.get(event=Event.TWO_FACTOR_RESET)
        assert reset.user == user and reset.actor == admin_user


class TestAbsoluteSessionLimit:
    def test_a_busy_session_still_ends_twelve_hours_after_signing_in(self, make_user, client):
        user = make_user(Role.BOARD_MEMBER)
        with time_machine.travel(NOW, tick=False) as traveller:
            assert sign_in(client, user)["Location"] == HOME
            # A request every 20 minutes: never idle for 30.
            for _ in range(35):
                traveller.shift(datetime.timedelta(minutes=20))
                assert client.get(HOME).status_code == 200
            traveller.shift(datetime.timedelta(minutes=20))  # 12 hours 0 minutes: still in
            assert client.get(HOME).status_code == 200
            traveller.shift(datetime.timedelta(minutes=2))  # 12 hours 2 minutes
            response = client.get(HOME)
            assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
            assert SESSION_KEY not in client.session
            assert client.get(HOME)["Location"].startswith(SIGN_IN)
            api = client.get("/api/v1/young-people/")
            assert api.status_code in (401, 403)
        expired = SignInEvent.objects.get(event=Event.SESSION_EXPIRED)
        assert expired.user == user and expired.detail == "absolute limit"

    def test_the_limit_is_measured_from_signing_in_not_from_the_last_request(
        self, make_user, client_for
    ):
        with time_machine.travel(NOW, tick=False) as traveller:
            client = client_for(make_user(Role.PARTICIPATION_OFFICER))
            assert client.get(HOME).status_code == 200
            traveller.shift(datetime.timedelta(hours=12, minutes=1))
            # Idle-checks aside (set the last request to now), the absolute limit applies.
            session = client.session
            session[security.LAST_SEEN_SESSION_KEY] = int(NOW.timestamp()) + 12 * 3600
            session.save()
            assert client.get(HOME)["Location"].startswith(SIGN_IN)


class TestChangePassword:
    def test_staff_change_their_own_password_and_other_sessions_end(self, make_user, client_for):
        user = make_user(Role.PARTICIPATION_OFFICER)
        elsewhere = Client()
        elsewhere.force_login(user)
        assert elsewhere.get(HOME).status_code == 200
        client = client_for(user)
        assert f'href="{CHANGE}"' in client.get(ACCOUNT).content.decode()
        assert client.get(CHANGE).status_code == 200
        response = client.post(
            CHANGE,
            {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "new_password_again": NEW_PASSWORD,
            },
        )
        assert response.status_code == 302 and response["Location"] == ACCOUNT
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert client.get(HOME).status_code == 200  # this session stays
        assert elsewhere.get(HOME)["Location"].startswith(SIGN_IN)  # the other one ended
        entry = AuditEntry.objects.get(object_type="people.user", object_id=str(user.pk))
        assert entry.event == "user.password_set" and entry.actor == user
        assert entry.changes == {} and entry.metadata == {"how": "changed"}
        assert SignInEvent.objects.filter(event=Event.PASSWORD_CHANGED, user=user).exists()
        text = str(list(AuditEntry.objects.values())) + str(list(SignInEvent.objects.values()))
        assert NEW_PASSWORD not in text and PASSWORD not in text and user.password not in text

    @pytest.mark.parametrize(
        ("current", "new", "again", "message"),
        [
            ("wrong current password", NEW_PASSWORD, NEW_PASSWORD, "current password is not right"),
            (PASSWORD, " " * 12, " " * 12, "cannot be only spaces"),
            (PASSWORD, "short", "short", "too short"),
            (PASSWORD, "password1234", "password1234", "too common"),
            (PASSWORD, NEW_PASSWORD, "something else", "not the same"),
        ],
    )
    def test_the_current_password_and_the_same_rules_as_at_creation(
        self, make_user, client_for, current, new, again, message
    ):
        user = make_user(Role.PARTICIPATION_OFFICER)
        response = client_for(user).post(
            CHANGE, {"current_password": current, "new_password": new, "new_password_again": again}
        )
        assert response.status_code == 200 and message in response.content.decode()
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    def test_guessing_the_current_password_locks_the_account(self, make_user, client_for):
        user = make_user(Role.BOARD_MEMBER)
        client = client_for(user)
        for _ in range(5):
            client.post(
                CHANGE,
                {
                    "current_password": "a wrong guess here",
                    "new_password": NEW_PASSWORD,
                    "new_password_again": NEW_PASSWORD,
                },
            )
        right = client.post(
            CHANGE,
            {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "new_password_again": NEW_PASSWORD,
            },
        )
        assert "Too many wrong passwords" in right.content.decode()
        assert sign_in(Client(), user).status_code == 429


class TestResetPassword:
    def _link(self):
        body = mail.outbox[-1].body
        return re.search(r"https?://[^/\s]+(/password-reset/\S+/)", body).group(1)

    def test_a_forgotten_password_is_reset_by_an_emailed_single_use_link(self, make_user, client):
        user = make_user(Role.PARTICIPATION_OFFICER)
        elsewhere = Client()
        elsewhere.force_login(user)
        assert f'href="{RESET}"' in client.get(SIGN_IN).content.decode()
        response = client.post(RESET, {"email": user.email.upper()})
        assert response["Location"] == reverse("core:password-reset-done")
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
        link = self._link()
        form = client.get(link, follow=True)
        assert "Set a new password" in form.content.decode()
        set_url = form.redirect_chain[-1][0]
        weak = client.post(set_url, {"new_password1": " " * 12, "new_password2": " " * 12})
        assert "cannot be only spaces" in weak.content.decode()
        done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert done["Location"] == reverse("core:password-reset-complete")
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert elsewhere.get(HOME)["Location"].startswith(SIGN_IN)
        # Single use: the same link no longer works.
        again = Client().get(link, follow=True).content.decode()
        assert "This link does not work" in again
        assert events(event__startswith="password") == [
            "password_reset_requested",
            "password_reset",
        ]
        assert AuditEntry.objects.filter(
            object_id=str(user.pk), event="user.password_set", metadata={"how": "reset"}
        ).exists()

    def test_the_link_expires_after_an_hour(self, make_user, client):
        user = make_user(Role.BOARD_MEMBER)
        with time_machine.travel(NOW, tick=False):
            client.post(RESET, {"email": user.email})
        link = self._link()
        with time_machine.travel(NOW + datetime.timedelta(minutes=61), tick=False):
            assert "This link does not work" in client.get(link, follow=True).content.decode()

    def test_unknown_addresses_get_the_same_answer_and_no_email(self, make_user, client):
        user = make_user(Role.BOARD_MEMBER)
        known = client.post(RESET, {"email": user.email}, follow=True)
        unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
        assert known.redirect_chain == unknown.redirect_chain
        assert known.content == unknown.content
        assert len(mail.outbox) == 1
        requested = SignInEvent.objects.filter(event=Event.PASSWORD_RESET_REQUESTED)
        assert set(requested.values_list("email", flat=True)) == {
            user.email.lower(),
            "nobody@example.org",
        }


class TestSignInEventsPage:
    @pytest.mark.parametrize(
        "role",
        [
            Role.PARTICIPATION_LEAD,
            Role.PARTICIPATION_OFFICER,
            Role.THEME_LEAD,
            Role.PARTNER_WORKER,
            Role.SAFEGUARDING_LEAD,
            Role.BOARD_MEMBER,
        ],
    )
    def test_every_role_but_the_administrator_gets_403(self, role, make_user, client_for):
        client = client_for(make_user(role, organisation=factories.OrganisationFactory()))
        assert client.get(EVENTS).status_code == 403
        assert client.get(EVENTS, {"format": "csv"}).status_code == 403
        assert f'href="{EVENTS}"' not in client.get(HOME).content.decode()

    def test_the_administrator_reviews_filters_pages_and_downloads(
        self, make_user, admin_user, client_for
    ):
        officer = make_user(Role.BOARD_MEMBER, email="olu@example.org")
        with time_machine.travel(NOW - datetime.timedelta(days=2), tick=False):
            sign_in(Client(), officer, password="wrong guess one")
        with time_machine.travel(NOW, tick=False):
            for _ in range(60):
                sign_in(Client(REMOTE_ADDR="192.0.2.9"), officer)
        client = client_for(admin_user)
        assert f'href="{EVENTS}"' in client.get(HOME).content.decode()
        page = client.get(EVENTS).content.decode()
        assert "Sign-in events" in page and "Page 1 of 2" in page
        failed = client.get(EVENTS, {"user": "olu@", "event": "failed"}).content.decode()
        assert failed.count("Sign-in failed</strong>") == 1 and "Page 1 of" not in failed
        dated = client.get(EVENTS, {"user": "olu", "start": "2026-10-14", "end": "2026-10-15"})
        assert "Sign-in failed</strong>" not in dated.content.decode()
        response = client.get(EVENTS, {"user": "olu", "event": "signed_in", "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0][:4] == ["When", "Event", "Outcome", "Email address"]
        assert len(rows) == 61 and {row[1] for row in rows[1:]} == {"Signed in"}
        assert {row[6] for row in rows[1:]} == {"192.0.2.9"}
        bad = client.get(EVENTS, {"start": "not a date"})
        assert (
            bad.status_code == 200 and "The start date must be a real date" in bad.content.decode()
        )


class TestTokens:
    def test_creating_an_api_token_is_recorded_without_the_key(self, make_user, admin_user):
        user = make_user(Role.PARTICIPATION_LEAD)
        call_command("drf_create_token", user.email, stdout=io.StringIO())
        token = Token.objects.get(user=user)
        event = SignInEvent.objects.get(event=Event.TOKEN_CREATED)
        assert event.user == user
        assert token.key not in str(list(SignInEvent.objects.values()))
