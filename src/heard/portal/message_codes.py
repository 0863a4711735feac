"""Sign-in codes Heard itself gives a young person in a message it sends them (issue 20:
``heard.messaging``), beside the codes a worker gives (``heard.portal.services``).

The same code as a worker's: only its keyed hash is stored, it signs in once, and it lasts
``MESSAGE_CODE_VALID_DAYS``. No member of staff acts: the caller has checked the young person's
consent to be contacted and their address. The link in the message fills the code in on the
sign-in page; only pressing the button signs in, so a mail scanner that opens links does not
spend it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.people.models import YoungPerson
from heard.portal.models import SignInCode
from heard.portal.services import _record_issue, _unique_code, hash_code

#: A sign-in code sent in a message lasts a week.
MESSAGE_CODE_VALID_DAYS = 7


@transaction.atomic
def sign_in_code_issue_for_message(
    *, young_person: YoungPerson, valid_days: int = MESSAGE_CODE_VALID_DAYS
) -> tuple[SignInCode, str]:
    """A new code for the young person, given by Heard. Returns the row and the code (shown in
    the message, never stored)."""
    if not young_person.is_active:
        raise ValidationError({"young_person": _("This young person's record is not active.")})
    code = _unique_code()
    expires_at = timezone.now() + datetime.timedelta(days=valid_days)
    sign_in_code = SignInCode.objects.create(
        young_person=young_person, code_hash=hash_code(code), expires_at=expires_at
    )
    return _record_issue(None, sign_in_code, code)


def sign_in_code_void(code: SignInCode) -> None:
    """Take back a code whose message did not go (it opens nothing)."""
    SignInCode.objects.filter(pk=code.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
