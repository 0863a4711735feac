"""Sign-in codes: issue, hash, expiry, revoke, use; who may give them; what the audit keeps."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.portal import services
from heard.portal.models import SignInCode
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def young_person(organisation):
    return YoungPersonFactory(organisation=organisation, preferred_name="Sam")


def test_issue_returns_a_readable_code_and_stores_only_its_keyed_hash(officer, young_person):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert len(plain) == 9 and plain[4] == "-"
    assert all(ch in services.CODE_ALPHABET for ch in plain.replace("-", ""))
    code.refresh_from_db()
    assert code.code_hash == services.hash_code(plain)
    assert len(code.code_hash) == 64
    assert plain.replace("-", "") not in code.code_hash
    assert code.created_by == officer
    # Keyed: the same code under another secret key hashes differently.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "SECRET_KEY", "another secret key entirely, for this test only")
        assert services.hash_code(plain) != code.code_hash


def test_codes_differ_and_lookup_is_forgiving_about_case_and_dashes(officer, young_person):
    _, first = services.sign_in_code_issue(actor=officer, young_person=young_person)
    _, second = services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert first != second
    typed = " " + first.lower().replace("-", " ") + " "
    assert services.sign_in_code_use(code=typed).young_person == young_person


@time_machine.travel(NOW, tick=False)
def test_code_expires_after_the_days_given(officer, young_person):
    code, plain = services.sign_in_code_issue(
        actor=officer, young_person=young_person, valid_days=7
    )
    assert code.expires_at == NOW + datetime.timedelta(days=7)
    with time_machine.travel(NOW + datetime.timedelta(days=6, hours=23), tick=False):
        assert services.sign_in_code_use(code=plain) == code
    with (
        time_machine.travel(NOW + datetime.timedelta(days=7, seconds=1), tick=False),
        pytest.raises(ValidationError) as excinfo,
    ):
        services.sign_in_code_use(code=plain)
    assert excinfo.value.message_dict == {"code": [services.CODE_REFUSED]}


@pytest.mark.parametrize("days", [0, -1, 91, "7", 2.5, True, None])
def test_bad_valid_days_are_refused_and_nothing_is_saved(officer, young_person, days):
    with pytest.raises(ValidationError) as excinfo:
        services.sign_in_code_issue(actor=officer, young_person=young_person, valid_days=days)
    assert "valid_days" in excinfo.value.message_dict
    assert not SignInCode.objects.exists()


def test_inactive_young_person_gets_no_code(officer, young_person):
    young_person.is_active = False
    young_person.save()
    with pytest.raises(ValidationError):
        services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert not SignInCode.objects.exists()


def test_revoked_code_is_refused_with_the_same_message(officer, young_person):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    services.sign_in_code_revoke(actor=officer, code=code)
    code.refresh_from_db()
    assert code.revoked_at is not None
    with pytest.raises(ValidationError) as excinfo:
        services.sign_in_code_use(code=plain)
    assert excinfo.value.message_dict == {"code": [services.CODE_REFUSED]}


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-23456", "0000-0000", "ABCD-2345", "ÀBCD-2345"])
def test_unknown_or_malformed_codes_get_the_same_message(typed, officer, young_person):
    services.sign_in_code_issue(actor=officer, young_person=young_person)
    with pytest.raises(ValidationError) as excinfo:
        services.sign_in_code_use(code=typed)
    assert excinfo.value.message_dict == {"code": [services.CODE_REFUSED]}


def test_code_of_an_inactive_record_no_longer_signs_in(officer, young_person):
    _, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    young_person.is_active = False
    young_person.save()
    with pytest.raises(ValidationError):
        services.sign_in_code_use(code=plain)


@time_machine.travel(NOW, tick=False)
def test_use_marks_the_code_used_and_audits_without_the_code(officer, young_person):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    services.sign_in_code_use(code=plain)
    code.refresh_from_db()
    assert code.last_used_at == NOW
    entries = AuditEntry.objects.filter(object_type="portal.signincode", object_id=str(code.pk))
    assert {entry.action for entry in entries} == {
        AuditEntry.Action.CREATE,
        AuditEntry.Action.SIGN_IN,
    }
    created = entries.get(action=AuditEntry.Action.CREATE)
    assert created.actor == officer
    assert created.changes["young_person"] == [None, young_person.pk]
    dump = str([(entry.changes, entry.object_label) for entry in entries])
    assert plain not in dump and plain.replace("-", "") not in dump
    assert code.code_hash not in dump
    assert entries.get(action=AuditEntry.Action.SIGN_IN).actor is None


def test_revoke_is_audited_and_revoking_again_changes_nothing(officer, young_person):
    code, _ = services.sign_in_code_issue(actor=officer, young_person=young_person)
    first = services.sign_in_code_revoke(actor=officer, code=code).revoked_at
    assert first is not None
    again = services.sign_in_code_revoke(actor=officer, code=code)
    assert again.revoked_at == first
    updates = AuditEntry.objects.filter(
        object_type="portal.signincode", action=AuditEntry.Action.UPDATE
    )
    assert updates.count() == 1
    assert "revoked_at" in updates.get().changes


ALLOWED = {
    Role.ADMINISTRATOR: True,
    Role.PARTICIPATION_LEAD: True,
    Role.PARTICIPATION_OFFICER: True,
    Role.THEME_LEAD: False,
    Role.SAFEGUARDING_LEAD: False,
    Role.BOARD_MEMBER: False,
}


@pytest.mark.parametrize(("role", "allowed"), ALLOWED.items())
def test_who_may_issue_and_revoke(role, allowed, officer, young_person):
    user = UserFactory(role=role)
    if allowed:
        code, _ = services.sign_in_code_issue(actor=user, young_person=young_person)
        services.sign_in_code_revoke(actor=user, code=code)
        return
    with pytest.raises(PermissionDenied):
        services.sign_in_code_issue(actor=user, young_person=young_person)
    code, _ = services.sign_in_code_issue(actor=officer, young_person=young_person)
    with pytest.raises(PermissionDenied):
        services.sign_in_code_revoke(actor=user, code=code)
    code.refresh_from_db()
    assert code.revoked_at is None
    assert SignInCode.objects.count() == 1


def test_partner_worker_only_for_their_own_organisations_young_people(
    partner_worker, officer, young_person, other_organisation
):
    code, _ = services.sign_in_code_issue(actor=partner_worker, young_person=young_person)
    services.sign_in_code_revoke(actor=partner_worker, code=code)
    stranger = YoungPersonFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.sign_in_code_issue(actor=partner_worker, young_person=stranger)
    theirs, _ = services.sign_in_code_issue(actor=officer, young_person=stranger)
    with pytest.raises(PermissionDenied):
        services.sign_in_code_revoke(actor=partner_worker, code=theirs)


def test_anonymous_user_may_not_issue(young_person):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.sign_in_code_issue(actor=AnonymousUser(), young_person=young_person)


def test_system_may_issue_with_no_creator(young_person):
    code, _ = services.sign_in_code_issue(actor=None, young_person=young_person)
    assert code.created_by is None
    assert code.expires_at > timezone.now()


# --- A code signs in once (issue 15, section 5) ---------------------------------------------------


def test_a_code_signs_in_once_then_is_spent(officer, young_person):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert services.sign_in_code_use(code=plain) == code
    code.refresh_from_db()
    assert code.is_spent and code.is_valid()  # the session it opened goes on
    with pytest.raises(ValidationError) as excinfo:
        services.sign_in_code_use(code=plain)
    assert excinfo.value.message_dict == {"code": [services.CODE_SPENT]}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SIGN_IN).count() == 1
    # The worker gives a new code, which works (once).
    _, new = services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert services.sign_in_code_use(code=new).young_person == young_person


def test_a_revoked_or_expired_spent_code_still_says_only_that_it_did_not_work(
    officer, young_person
):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    services.sign_in_code_use(code=plain)
    services.sign_in_code_revoke(actor=officer, code=code)
    with pytest.raises(ValidationError) as excinfo:
        services.sign_in_code_use(code=plain)
    assert excinfo.value.message_dict == {"code": [services.CODE_REFUSED]}


# --- Counting attempts --------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_attempts_are_limited_per_code_and_per_address(settings):
    settings.HEARD_PORTAL_WRONG_CODES_PER_ADDRESS = 4
    settings.HEARD_PORTAL_TRIES_PER_CODE = 2
    allowed = services.sign_in_attempt_allowed
    assert [allowed(address="10.0.0.1", code="ABCD-EFGH") for _ in range(3)] == [True, True, False]
    # The same code from anywhere is held back; other codes from that address go on.
    assert not allowed(address="10.0.0.2", code="abcd efgh")
    assert allowed(address="10.0.0.1", code="ZZZZ-ZZZ2")  # the 4th from this address
    assert not allowed(address="10.0.0.1", code="ZZZZ-ZZZ4")  # the 5th
    assert allowed(address="10.0.0.3", code="ZZZZ-ZZZ3")
    # A sign-in that worked gives its address's attempt back: only wrong codes count.
    services.sign_in_attempt_refund(address="10.0.0.3")
    assert [allowed(address="10.0.0.3", code=f"ZZZZ-ZZ{n}Z") for n in range(5)] == [
        True,
        True,
        True,
        True,
        False,
    ]
    # The next window starts again, and the ended one is forgotten.
    later = NOW + datetime.timedelta(seconds=services.ATTEMPT_WINDOW_SECONDS)
    assert allowed(address="10.0.0.1", code="ABCD-EFGH", now=later)
    # 3 addresses and 9 codes counted in the first window.
    assert services.sign_in_attempts_forget(now=later + datetime.timedelta(seconds=1)) == 12


def test_the_counts_hold_neither_an_address_nor_a_code(officer, young_person):
    from heard.portal.models import SignInAttempts

    services.sign_in_attempt_allowed(address="192.0.2.44", code="ABCD-EFGH")
    keys = " ".join(SignInAttempts.objects.values_list("key", flat=True))
    assert "192.0.2.44" not in keys and "ABCDEFGH" not in keys and "ABCD-EFGH" not in keys


def test_a_code_already_given_is_drawn_again(officer, young_person, monkeypatch):
    first, code = services.sign_in_code_issue(actor=officer, young_person=young_person)
    draws = iter([services.normalise_code(code), "ABCD2345"])
    monkeypatch.setattr(services, "_new_code", lambda: next(draws))
    second, again = services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert again == "ABCD-2345" and second.code_hash != first.code_hash
