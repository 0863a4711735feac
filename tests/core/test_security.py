"""Sign-in security: two-factor sign-in for sensitive roles (and for anyone who opts in, with an
administrator's reset), lockout after repeated failures, strong passwords, idle expiry, the
Content Security Policy and ``check --deploy``; and the "Raise a safeguarding concern" links."""

import datetime
import os
import secrets
import subprocess
import sys
import time

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from heard.core import two_factor
from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.core.security import LAST_SEEN_SESSION_KEY
from tests import factories
from tests.conftest import PASSWORD

SIGN_IN = reverse("core:sign-in")
TWO_FACTOR = reverse("core:two-factor")
HOME = reverse("home")
ACCOUNT = reverse("core:two-factor-account")
SET_UP = reverse("core:two-factor-setup")
ON = 'govuk-tag--green">On</strong>'
OFF = 'govuk-tag--grey">Off</strong>'
NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)
#: Every role that can open a child's record must use two-factor sign-in (issue 15, section 6).
SENSITIVE = [
    Role.ADMINISTRATOR,
    Role.PARTICIPATION_LEAD,
    Role.PARTICIPATION_OFFICER,
    Role.THEME_LEAD,
    Role.PARTNER_WORKER,
    Role.SAFEGUARDING_LEAD,
]
#: Board members cannot open children's records: two-factor sign-in is their choice.
OTHERS = [Role.BOARD_MEMBER]


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": user.email, "password": password, **extra})


class TestTwoFactor:
    @pytest.mark.parametrize("role", SENSITIVE)
    def test_sensitive_roles_cannot_use_any_page_until_they_enter_a_code(
        self, role, make_user, unverified_login
    ):
        client = unverified_login(make_user(role))
        for url in [
            HOME,
            reverse("people:young-person-list"),
            reverse("core:history", args=["x", 1]),
        ]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(TWO_FACTOR), url
        assert client.get("/api/v1/young-people/").status_code == 403

    @pytest.mark.parametrize("role", OTHERS)
    def test_other_roles_may_sign_in_with_a_password_only(self, role, make_user, client):
        user = make_user(role)
        response = sign_in(client, user)
        assert response.status_code == 302 and response["Location"] == HOME
        assert client.get(HOME).status_code == 200

    @time_machine.travel(NOW, tick=False)
    def test_first_sign_in_sets_up_an_authenticator_app_then_codes_are_asked(
        self, make_user, client
    ):
        user = make_user(Role.SAFEGUARDING_LEAD)
        response = sign_in(client, user, next="/people/young/")
        assert response.status_code == 302 and response["Location"].startswith(TWO_FACTOR)
        page = client.get(response["Location"]).content.decode()
        assert "<svg" in page and "QR code" in page and 'id="secret"' in page
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        assert device.config_url.split("secret=")[1][:8] in page.replace(" ", "")
        wrong = client.post(TWO_FACTOR, {"code": "000000", "next": "/people/young/"})
        assert "That code did not work" in wrong.content.decode()
        # django-otp slows down guessing: after a wrong code, the next try waits a second.
        with time_machine.travel(NOW + datetime.timedelta(seconds=2), tick=False):
            right = client.post(TWO_FACTOR, {"code": code_for(device), "next": "/people/young/"})
        # Set up: the backup codes are shown once, then the page asked for.
        assert right.status_code == 200 and "Your backup codes" in right.content.decode()
        assert 'href="/people/young/"' in right.content.decode()
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(HOME).status_code == 200

        client.post(reverse("core:sign-out"))
        with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
            response = sign_in(client, user)
            assert response["Location"].startswith(TWO_FACTOR)
            page = client.get(TWO_FACTOR).content.decode()
            assert "Enter the code from your authenticator app" in page and "<svg" not in page
            assert client.get(HOME).status_code == 302
            response = client.post(TWO_FACTOR, {"code": code_for(device), "next": "//evil.test/"})
            assert response["Location"] == "/home/"
            assert client.get(HOME).status_code == 200

    @time_machine.travel(NOW, tick=False)
    def test_other_staff_may_opt_in_and_are_then_asked_for_a_code(self, make_user, client_for):
        user = make_user(Role.BOARD_MEMBER)
        client = client_for(user)
        assert client.get(reverse("core:two-factor-setup")).status_code == 200
        device = TOTPDevice.objects.get(user=user)
        client.post(reverse("core:two-factor-setup"), {"code": code_for(device)})
        device.refresh_from_db()
        assert device.confirmed
        client.post(reverse("core:sign-out"))
        response = sign_in(client, user)
        assert response["Location"].startswith(TWO_FACTOR)
        assert client.get(HOME)["Location"].startswith(TWO_FACTOR)

    def test_api_tokens_are_exempt(self, make_user, client, db):
        admin = make_user(Role.ADMINISTRATOR)
        token = Token.objects.create(user=admin)
        response = client.get("/api/v1/young-people/", HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == 200

    def test_the_demo_logins_have_the_published_key(self, db):
        from heard.demo import data
        from heard.demo.loader import demo_logins, demo_totp_secret

        secrets_by_role = {login.role: login.totp_secret for login in demo_logins()}
        assert secrets_by_role["Safeguarding lead"] == demo_totp_secret()
        assert secrets_by_role["Participation officer"] == demo_totp_secret()
        assert secrets_by_role["Partner worker"] == demo_totp_secret()
        assert secrets_by_role["Board member"] == ""
        assert bytes.fromhex(data.DEMO_TOTP_KEY)


def reset_url(user):
    return reverse("core:two-factor-reset", args=[user.pk])


def confirmed_device_for(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


class TestOptIn:
    @pytest.mark.parametrize("role", OTHERS)
    def test_the_header_links_every_member_of_staff_to_two_factor_sign_in(
        self, role, make_user, client_for
    ):
        client = client_for(make_user(role))
        assert f'href="{ACCOUNT}"' in client.get(HOME).content.decode()
        page = client.get(ACCOUNT).content.decode()
        assert OFF in page and f'href="{SET_UP}?next={ACCOUNT}"' in page
        assert "Staff who use two-factor sign-in" not in page  # administrators only

    @time_machine.travel(NOW, tick=False)
    def test_opting_in_from_the_account_page(self, make_user, client_for):
        user = make_user(Role.BOARD_MEMBER)
        client = client_for(user)
        assert "QR code" in client.get(SET_UP, {"next": ACCOUNT}).content.decode()
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post(SET_UP, {"code": code_for(device), "next": ACCOUNT})
        assert response.status_code == 200 and f'href="{ACCOUNT}"' in response.content.decode()
        page = client.get(ACCOUNT).content.decode()
        assert ON in page and OFF not in page and "Set up two-factor sign-in" not in page
        assert AuditEntry.objects.filter(
            object_type="otp_totp.totpdevice", action="create", actor=user
        ).exists()

    def test_the_account_and_reset_pages_are_not_open_before_the_code(
        self, make_user, unverified_login
    ):
        admin = make_user(Role.ADMINISTRATOR)
        other = make_user(Role.PARTICIPATION_OFFICER)
        confirmed_device_for(other)
        client = unverified_login(admin)
        for url in (ACCOUNT, reset_url(other)):
            assert client.get(url)["Location"].startswith(TWO_FACTOR), url
        assert client.post(reset_url(other))["Location"].startswith(TWO_FACTOR)
        assert TOTPDevice.objects.filter(user=other).exists()


class TestReset:
    def test_the_service_removes_every_device_and_audits_without_secrets(
        self, make_user, admin_user
    ):
        member = make_user(Role.SAFEGUARDING_LEAD)
        device = confirmed_device_for(member)
        TOTPDevice.objects.create(user=member, name="Half set up", confirmed=False)
        assert two_factor.two_factor_reset(actor=admin_user, user=member) == 2
        assert not TOTPDevice.objects.filter(user=member).exists()
        on_user = AuditEntry.objects.get(object_type="people.user", object_id=str(member.pk))
        assert on_user.actor == admin_user and on_user.event == "user.two_factor_reset"
        assert on_user.metadata == {"devices": 2}
        removed = AuditEntry.objects.filter(object_type="otp_totp.totpdevice", action="delete")
        assert removed.count() == 2
        assert str(device.pk) in set(removed.values_list("object_id", flat=True))
        assert device.key not in str(list(AuditEntry.objects.values_list("changes", flat=True)))

    @pytest.mark.parametrize("role", [*SENSITIVE[1:], *OTHERS])
    def test_only_administrators_may_reset(self, role, make_user):
        member = make_user(Role.PARTICIPATION_OFFICER)
        confirmed_device_for(member)
        with pytest.raises(PermissionDenied):
            two_factor.two_factor_reset(actor=make_user(role), user=member)
        assert TOTPDevice.objects.filter(user=member).exists()
        assert not AuditEntry.objects.exists()

    def test_nothing_to_reset_is_refused(self, make_user, admin_user, client_for):
        member = make_user(Role.PARTICIPATION_OFFICER)
        TOTPDevice.objects.create(user=member, name="Half set up", confirmed=False)
        with pytest.raises(ValidationError) as excinfo:
            two_factor.two_factor_reset(actor=admin_user, user=member)
        assert "nothing to reset" in str(excinfo.value)
        response = client_for(admin_user).post(reset_url(member))
        assert response.status_code == 400 and "nothing to reset" in response.content.decode()
        assert not AuditEntry.objects.exists()

    def test_an_administrator_resets_from_the_account_page_after_confirming(
        self, make_user, admin_user, client_for
    ):
        member = make_user(Role.PARTICIPATION_LEAD, full_name="Priya Lead")
        without = make_user(Role.PARTICIPATION_OFFICER, full_name="Olu Nodevice")
        confirmed_device_for(member)
        client = client_for(admin_user)
        page = client.get(ACCOUNT).content.decode()
        assert "Staff who use two-factor sign-in" in page
        assert reset_url(member) in page and "Priya Lead" in page
        assert reset_url(without) not in page and "Olu Nodevice" not in page
        confirm = client.get(reset_url(member))
        assert confirm.status_code == 200
        text = confirm.content.decode()
        assert "Reset two-factor sign-in?" in text and "set up a new app" in text
        assert TOTPDevice.objects.filter(user=member).exists()  # a GET changes nothing
        done = client.post(reset_url(member), follow=True)
        assert done.redirect_chain[-1][0] == ACCOUNT
        assert "Two-factor sign-in was reset for Priya Lead" in done.content.decode()
        assert not TOTPDevice.objects.filter(user=member).exists()
        assert AuditEntry.objects.filter(
            object_type="people.user", object_id=str(member.pk), actor=admin_user
        ).exists()

    def test_other_staff_get_403_and_unknown_staff_404(self, make_user, client_for, admin_user):
        member = make_user(Role.PARTICIPATION_OFFICER)
        confirmed_device_for(member)
        client = client_for(make_user(Role.PARTICIPATION_LEAD))
        assert client.get(reset_url(member)).status_code == 403
        assert client.post(reset_url(member)).status_code == 403
        assert TOTPDevice.objects.filter(user=member).exists()
        assert (
            client_for(admin_user).get(reverse("core:two-factor-reset", args=[999999])).status_code
            == 404
        )

    @time_machine.travel(NOW, tick=False)
    def test_a_required_role_sets_up_again_at_the_next_sign_in(
        self, make_user, admin_user, client, client_for
    ):
        member = make_user(Role.SAFEGUARDING_LEAD)
        old = confirmed_device_for(member)
        two_factor.two_factor_reset(actor=admin_user, user=member)
        response = sign_in(client, member)
        assert response["Location"].startswith(TWO_FACTOR)
        page = client.get(TWO_FACTOR).content.decode()
        assert "Set up two-factor sign-in" in page and "QR code" in page
        assert client.get(HOME)["Location"].startswith(TWO_FACTOR)
        assert client.get("/api/v1/young-people/").status_code == 403  # the API with the session
        new = TOTPDevice.objects.get(user=member, confirmed=False)
        assert new.key != old.key
        right = client.post(TWO_FACTOR, {"code": code_for(new)})
        assert right.status_code == 200 and "Your backup codes" in right.content.decode()
        assert client.get(HOME).status_code == 200
        assert client.get("/api/v1/young-people/").status_code == 200

    def test_a_session_verified_with_the_removed_app_is_verified_no_longer(
        self, make_user, admin_user, client
    ):
        member = make_user(Role.PARTICIPATION_LEAD)
        client.force_login(member)  # signed in and verified with their app
        assert client.get(HOME).status_code == 200
        two_factor.two_factor_reset(actor=admin_user, user=member)
        assert client.get(HOME)["Location"].startswith(TWO_FACTOR)
        assert client.get("/api/v1/young-people/").status_code == 403

    def test_an_opted_in_user_signs_in_with_a_password_after_a_reset(
        self, make_user, admin_user, client
    ):
        member = make_user(Role.BOARD_MEMBER)
        confirmed_device_for(member)
        assert sign_in(client, member)["Location"].startswith(TWO_FACTOR)
        client.post(reverse("core:sign-out"))
        two_factor.two_factor_reset(actor=admin_user, user=member)
        response = sign_in(client, member)
        assert response["Location"] == HOME
        assert client.get(HOME).status_code == 200
        assert OFF in client.get(ACCOUNT).content.decode()


class TestSafeguardingConcernLinks:
    def test_a_session_and_a_young_persons_page_link_to_raising_a_concern(
        self, officer, client_for, organisation
    ):
        young_person = factories.YoungPersonFactory(organisation=organisation)
        session = factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation)
        )
        client = client_for(officer)
        raise_url = reverse("safeguarding:concern-raise")
        session_page = client.get(reverse("participation:session-detail", args=[session.pk]))
        from_session = reverse("participation:concern-raise", args=[session.pk])
        assert f'href="{from_session}"' in session_page.content.decode()
        person_page = client.get(reverse("people:young-person-detail", args=[young_person.pk]))
        link = f"{raise_url}?young_person={young_person.pk}"
        assert link in person_page.content.decode()
        form = client.get(link)
        assert form.status_code == 200 and young_person.reference in form.content.decode()


class TestLockout:
    def test_sign_in_locks_after_five_failures_with_a_clear_message(self, make_user, client):
        user = make_user(Role.BOARD_MEMBER)
        with time_machine.travel(NOW, tick=False):
            for _ in range(4):
                response = sign_in(client, user, password="wrong password here")
                assert response.status_code == 200
                assert "Enter a correct email address and password" in response.content.decode()
            response = sign_in(client, user, password="wrong password here")
            assert response.status_code == 429
            response = sign_in(client, user)  # even the right password, while locked
            assert response.status_code == 429
            page = response.content.decode()
            assert "Sign-in locked" in page and "locked for 15 minutes" in page
        with time_machine.travel(NOW + datetime.timedelta(minutes=16), tick=False):
            response = sign_in(client, user)
            assert response.status_code == 302 and response["Location"] == HOME


class TestPasswordsAndSessions:
    def test_weak_passwords_are_refused(self, make_user):
        user = make_user(Role.PARTICIPATION_OFFICER)
        for weak in ("short1!", "password1234", "123456789012"):
            with pytest.raises(ValidationError):
                validate_password(weak, user)
        validate_password("correct horse battery staple", user)

    def test_sessions_expire_after_8_hours_and_at_browser_close(self):
        assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    def test_an_idle_session_is_signed_out(self, make_user, client_for):
        client = client_for(make_user(Role.PARTICIPATION_OFFICER))
        assert client.get(HOME).status_code == 200
        session = client.session
        session[LAST_SEEN_SESSION_KEY] = int(time.time()) - settings.HEARD_IDLE_TIMEOUT - 5
        session.save()
        response = client.get(HOME)
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
        assert client.get(HOME)["Location"].startswith(SIGN_IN)


class TestHeaders:
    def test_pages_have_a_strict_content_security_policy(self, client_for, officer):
        response = client_for(officer).get(HOME)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"

    def test_the_api_docs_page_has_the_same_strict_policy(self, client_for, officer):
        """The API reference is drawn on the server: nothing to relax for it (Redoc needed to)."""
        page = client_for(officer).get(reverse("api-docs"))
        home = client_for(officer).get(HOME)
        assert page.status_code == 200
        assert page["Content-Security-Policy"] == home["Content-Security-Policy"]
        assert "unsafe-inline" not in page["Content-Security-Policy"]

    def test_check_deploy_reports_nothing_with_production_settings(self, tmp_path):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "heard.config.settings",
            "HEARD_HTTPS": "1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "HEARD_VAR_DIR": str(tmp_path),
            "ALLOWED_HOSTS": "heard.example.org",
        }
        for name in ("HEARD_TESTING", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # test-only switches
            env.pop(name, None)
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues (0 silenced)." in result.stdout
