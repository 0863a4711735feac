"""Password rules beyond Django's: a password must not be blank in disguise."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heard.core import audit, events, lockout, sign_in_events
from heard.core.security import client_address

Event = sign_in_events.Event

#: Fewer different characters than this, spaces aside, is not a password.
MIN_DISTINCT_CHARACTERS = 4


class NotBlankPasswordValidator:
    """Refuses a password made only of spaces (or other whitespace), or of fewer than
    ``MIN_DISTINCT_CHARACTERS`` different characters once whitespace is left out
    ("            ", "aaaaaaaaaaaa", "ab ab ab ab ab")."""

    def validate(self, password: str, user: Any = None) -> None:
        visible = "".join(password.split())
        if not visible:
            raise ValidationError(_("Your password cannot be only spaces."), code="password_blank")
        if len(set(visible)) < MIN_DISTINCT_CHARACTERS:
            raise ValidationError(
                ngettext(
                    "Your password must use at least %(count)d different character, not "
                    "counting spaces.",
                    "Your password must use at least %(count)d different characters, not "
                    "counting spaces.",
                    MIN_DISTINCT_CHARACTERS,
                )
                % {"count": MIN_DISTINCT_CHARACTERS},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password cannot be only spaces, and must use at least %(count)d different "
            "character.",
            "Your password cannot be only spaces, and must use at least %(count)d different "
            "characters.",
            MIN_DISTINCT_CHARACTERS,
        ) % {"count": MIN_DISTINCT_CHARACTERS}


# Changing and resetting a password (services) ----------------------------------------------------


def _password_set(*, request: HttpRequest, user: Any, new_password: str, event: str) -> None:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    how = "changed" if event == sign_in_events.Event.PASSWORD_CHANGED else "reset"
    audit.record(actor=user, event=events.PASSWORD_SET, obj=user, metadata={"how": how})
    sign_in_events.record(event, request=request, user=user)


def password_change(
    *, request: HttpRequest, user: Any, current_password: str, new_password: str
) -> None:
    """A member of staff changes their own password: the current one first, then the rules of
    ``AUTH_PASSWORD_VALIDATORS``. Their other sessions end (Django checks each session's
    password hash at its next request); this one stays signed in. An audit entry and a sign-in
    event, neither with a password. A wrong current password counts as a failed sign-in, so it
    cannot be guessed here either."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    email = user.email
    if lockout.account_locked(email):
        raise ValidationError(
            {"current_password": _("Too many wrong passwords. Wait 15 minutes, then try again.")}
        )
    if not user.check_password(current_password):
        lockout.record_failure(
            request, email=email, address=client_address(request), detail="password change"
        )
        raise ValidationError({"current_password": _("Your current password is not right.")})
    with transaction.atomic():  # the failure above is kept; the change is all or nothing
        _password_set(
            request=request, user=user, new_password=new_password, event=Event.PASSWORD_CHANGED
        )
    update_session_auth_hash(request, user)


@transaction.atomic
def password_reset(*, request: HttpRequest, user: Any, new_password: str) -> None:
    """A new password from an emailed reset link (checked by the view: single use, expires after
    ``PASSWORD_RESET_TIMEOUT``). Every session of the user ends."""
    _password_set(request=request, user=user, new_password=new_password, event=Event.PASSWORD_RESET)


def password_reset_requested(*, request: HttpRequest, email: str) -> None:
    """Someone asked for a reset link for ``email`` (an account or not: the page says the same)."""
    sign_in_events.record(Event.PASSWORD_RESET_REQUESTED, request=request, email=email)
