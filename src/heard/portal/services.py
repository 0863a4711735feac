"""Writes for the young person's portal (M19): sign-in codes, and ratings through voice.

A sign-in code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
as ``XXXX-XXXX``. Only a keyed hash (HMAC-SHA256 under the site's secret key) is stored, so a copy
of the database does not give anyone a way in, and a code is found by its hash.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import require
from heard.people.models import YoungPerson
from heard.portal.models import SignInCode

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_VALID_DAYS = 90
#: The one message for every refused code: it never says whether the code exists.
CODE_REFUSED = "That code did not work. Check it and try again, or ask your worker for a new code."
_HASH_SALT = "heard.portal.sign-in-code"


def normalise_code(code: str) -> str:
    """The code as stored before hashing: capitals, without spaces or dashes."""
    return "".join(ch for ch in str(code).upper() if ch not in " -\t\n")


def format_code(code: str) -> str:
    """``ABCD2345`` -> ``ABCD-2345``: easier to read out and to type."""
    plain = normalise_code(code)
    return f"{plain[:4]}-{plain[4:]}"


def hash_code(code: str) -> str:
    return salted_hmac(_HASH_SALT, normalise_code(code), algorithm="sha256").hexdigest()


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def sign_in_code_issue(
    *, actor: Any, young_person: YoungPerson, valid_days: int = 14
) -> tuple[SignInCode, str]:
    """A new code for the young person. Returns the row and the code (shown once, never stored)."""
    require(actor, "portal.add_signincode", young_person)
    if isinstance(valid_days, bool) or not isinstance(valid_days, int):
        raise ValidationError({"valid_days": "Enter the number of days as a whole number."})
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError({"valid_days": f"A code can last from 1 to {MAX_VALID_DAYS} days."})
    if not young_person.is_active:
        raise ValidationError(
            {"young_person": "This young person's record is not active: make it active first."}
        )
    expires_at = timezone.now() + datetime.timedelta(days=valid_days)
    code = _new_code()
    while SignInCode.objects.filter(code_hash=hash_code(code)).exists():
        code = _new_code()  # the same code twice: vanishingly rare, draw again
    sign_in_code = SignInCode(
        young_person=young_person,
        code_hash=hash_code(code),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=expires_at,
    )
    sign_in_code.full_clean(exclude=["created_by"])  # None when Heard itself gives it
    sign_in_code.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=sign_in_code,
        changes={
            "young_person": [None, young_person.pk],
            "expires_at": [None, expires_at.isoformat()],
        },
    )
    return sign_in_code, format_code(code)


@transaction.atomic
def sign_in_code_revoke(*, actor: Any, code: SignInCode) -> SignInCode:
    """Take a code back at once: it no longer signs in, and portal sessions it opened end."""
    require(actor, "portal.change_signincode", code)
    if code.revoked_at is not None:
        return code
    before = audit.snapshot(code, ["revoked_at"])
    code.revoked_at = timezone.now()
    code.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=code,
        changes=audit.diff(before, audit.snapshot(code, ["revoked_at"])),
    )
    return code


@transaction.atomic
def sign_in_code_use(*, code: str) -> SignInCode:
    """A young person signs in: the valid code's row, or one message that reveals nothing.

    Rate limits are the view's job (they are about requests); this checks the code itself.
    """
    plain = normalise_code(code)
    refused = ValidationError({"code": CODE_REFUSED})
    if len(plain) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in plain):
        raise refused
    now = timezone.now()
    sign_in_code = (
        SignInCode.objects.select_for_update(of=("self",))
        .select_related("young_person")
        .filter(code_hash=hash_code(plain))
        .first()
    )
    if (
        sign_in_code is None
        or not sign_in_code.is_valid(now)
        or not sign_in_code.young_person.is_active
    ):
        raise refused
    sign_in_code.last_used_at = now
    sign_in_code.save(update_fields=["last_used_at"])
    audit.record(actor=None, action=AuditEntry.Action.SIGN_IN, obj=sign_in_code)
    return sign_in_code
