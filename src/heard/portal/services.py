"""Writes for the young person's portal (M19): sign-in codes, and ratings through voice.

A sign-in code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
as ``XXXX-XXXX``. Only a keyed hash (HMAC-SHA256 under the site's secret key) is stored, so a copy
of the database does not give anyone a way in, and a code is found by its hash. A code signs in
once and is then spent: one that was passed on, photographed or overheard does not open the
young person's portal again, on any device.

Attempts are limited per address and per code tried (``sign_in_attempt_allowed``), counted by
``heard.core.ratelimit`` (in the database, or in Redis with REDIS_URL) so that every worker,
thread and server sees the same count.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_noop

from heard.core import audit, ratelimit
from heard.core.permissions import require
from heard.core.updates import Change, lock
from heard.people.models import YoungPerson
from heard.portal import events
from heard.portal.models import SignInAttempts, SignInCode

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_VALID_DAYS = 90
#: The one message for every refused code: it never says whether the code exists.
CODE_REFUSED = gettext_noop(
    "That code did not work. Check it and try again, or ask your worker for a new code."
)
#: A spent code: it has signed in once. Saying so tells a guesser nothing that opens a door.
CODE_SPENT = gettext_noop(
    "That code has been used already. Each code works only once: ask your worker for a new code."
)
#: Wrong codes allowed in a window from one address, and tries of one code from anywhere. An
#: address is shared by every child on a youth club's connection, so it is allowed ten times
#: as many as one code, which a guesser would need many tries at.
ATTEMPT_WINDOW_SECONDS = 10 * 60
WRONG_CODES_PER_ADDRESS = 50
TRIES_PER_CODE = 5
_ATTEMPT_SALT = "heard.portal.sign-in-attempts"
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


def _unique_code() -> str:
    """A new code whose hash no stored code has."""
    code = _new_code()
    while SignInCode.objects.filter(code_hash=hash_code(code)).exists():  # pragma: no cover
        code = _new_code()  # the same code twice: vanishingly rare, draw again
    return code


def _record_issue(actor: Any, sign_in_code: SignInCode, code: str) -> tuple[SignInCode, str]:
    """Audit a code given (by ``actor``, or by Heard itself when None); the row and the code as
    shown (once, never stored)."""
    audit.record(
        actor=actor,
        event=events.SIGN_IN_CODE_ISSUED,
        obj=sign_in_code,
        changes={
            "young_person": [None, sign_in_code.young_person_id],
            "expires_at": [None, sign_in_code.expires_at.isoformat()],
        },
    )
    return sign_in_code, format_code(code)


@transaction.atomic
def sign_in_code_issue(
    *, actor: Any, young_person: YoungPerson, valid_days: int = 14
) -> tuple[SignInCode, str]:
    """A new code for the young person. Returns the row and the code (shown once, never stored)."""
    require(actor, "portal.add_signincode", young_person)
    if isinstance(valid_days, bool) or not isinstance(valid_days, int):
        raise ValidationError(
            {"valid_days": gettext("Enter the number of days as a whole number.")}
        )
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(
            {
                "valid_days": gettext("A code can last from 1 to %(max_valid_days)s days.")
                % {"max_valid_days": MAX_VALID_DAYS}
            }
        )
    if not young_person.is_active:
        raise ValidationError(
            {
                "young_person": gettext(
                    "This young person's record is not active: make it active first."
                )
            }
        )
    expires_at = timezone.now() + datetime.timedelta(days=valid_days)
    code = _unique_code()
    sign_in_code = SignInCode(
        young_person=young_person,
        code_hash=hash_code(code),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=expires_at,
    )
    sign_in_code.full_clean(exclude=["created_by"])  # None when Heard itself gives it
    sign_in_code.save()
    return _record_issue(actor, sign_in_code, code)


_REVOKE = Change("sign_in_code_revoke", events.SIGN_IN_CODE_REVOKED, ("revoked_at",))


@transaction.atomic
def sign_in_code_revoke(*, actor: Any, code: SignInCode) -> SignInCode:
    """Take a code back at once: it no longer signs in, and portal sessions it opened end."""
    require(actor, "portal.change_signincode", code)
    code = lock(code)
    if code.revoked_at is not None:
        return code
    revoked = {"revoked_at": timezone.now()}
    return _REVOKE.apply(code, actor=actor, fields=revoked, locked=True)


@transaction.atomic
def sign_in_code_use(*, code: str) -> SignInCode:
    """A young person signs in: the valid code's row, or one message that reveals nothing.

    The code is spent by this sign-in: marked used in one conditional UPDATE, so of two
    devices sending it at once only one signs in. Rate limits are ``sign_in_attempt_allowed``'s.
    """
    plain = normalise_code(code)
    refused = ValidationError({"code": gettext(CODE_REFUSED)})
    if len(plain) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in plain):
        raise refused
    now = timezone.now()
    sign_in_code = (
        SignInCode.objects.select_related("young_person").filter(code_hash=hash_code(plain)).first()
    )
    if (
        sign_in_code is None
        or not sign_in_code.is_valid(now)
        or not sign_in_code.young_person.is_active
    ):
        raise refused
    spent = SignInCode.objects.filter(pk=sign_in_code.pk, last_used_at__isnull=True).update(
        last_used_at=now
    )
    if not spent:
        raise ValidationError({"code": gettext(CODE_SPENT)})
    sign_in_code.last_used_at = now
    audit.record(actor=None, event=events.SIGN_IN_CODE_USED, obj=sign_in_code)
    return sign_in_code


def _attempt_key(kind: str, value: str, window: int) -> str:
    digest = salted_hmac(_ATTEMPT_SALT, f"{kind}:{value}", algorithm="sha256").hexdigest()
    return f"{kind}:{digest}:{window}"


def _window(now: datetime.datetime) -> tuple[int, datetime.datetime]:
    return ratelimit.window(ATTEMPT_WINDOW_SECONDS, now)


def _limits() -> tuple[int, int]:
    return (
        int(getattr(settings, "HEARD_PORTAL_WRONG_CODES_PER_ADDRESS", WRONG_CODES_PER_ADDRESS)),
        int(getattr(settings, "HEARD_PORTAL_TRIES_PER_CODE", TRIES_PER_CODE)),
    )


@transaction.atomic
def sign_in_attempt_allowed(
    *, address: str | None, code: str, now: datetime.datetime | None = None
) -> bool:
    """Count one sign-in attempt against its address and the code tried; False when either is
    over its limit in this 10-minute window (the attempt must then not be looked at).

    Each count is ``heard.core.ratelimit.count``'s: in Redis when the cache is Redis (one
    atomic INCR, across servers), otherwise one ``UPDATE ... SET count = count + 1`` on a row
    made if missing, read back in the same transaction: the row stays locked until the commit,
    so 40 parallel attempts get 40 different counts and no more than the limit go on. A
    successful sign-in gives its address's attempt back (``sign_in_attempt_refund``), so the
    address limit counts wrong codes only.
    """
    now = now or timezone.now()
    window, ends = _window(now)
    per_address, per_code = _limits()
    allowed = True
    # Always the address first, then the code: two attempts never lock the rows in turn.
    for kind, value, limit in (
        ("address", address or "unknown", per_address),
        ("code", normalise_code(code), per_code),
    ):
        count = ratelimit.count(_attempt_key(kind, value, window), ends, rows=SignInAttempts)
        allowed = allowed and count <= limit
    return allowed


def sign_in_attempts_forget(*, now: datetime.datetime | None = None) -> int:
    """Delete the counts of windows that have ended: on its own, outside the counting
    transaction, so two attempts never wait on each other's clean-up."""
    return ratelimit.forget(rows=SignInAttempts, now=now)


@transaction.atomic
def sign_in_attempt_refund(*, address: str | None, now: datetime.datetime | None = None) -> None:
    """A code that signed in was not a wrong code: its address's count goes back down."""
    window, _ends = _window(now or timezone.now())
    key = _attempt_key("address", address or "unknown", window)
    ratelimit.uncount(key, rows=SignInAttempts)
