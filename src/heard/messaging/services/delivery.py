"""Sending what is due: claimed once, sent once, retried with back-off, status recorded.

**At most once.** A message is claimed by one UPDATE that moves it from due (queued, or failed
and due again) to sending under a claim of this sweep's own; ``select_for_update(skip_locked)``
on PostgreSQL spares two workers from waiting on each other, and the UPDATE's condition on the
status means that even without it only one of them gets the row. A worker that dies while a
message is sending leaves it in ``sending``: Heard cannot know whether the mail server accepted
it, so after ``STALE_AFTER`` it is marked failed (never sent again on its own), and staff may
send it again by hand (``message_retry``). Never sending twice wins over always sending.

An error from the backend is retried after 1, 2, 4, 8 and 16 minutes, then the message has
failed for good (``MAX_ATTEMPTS``); a refusal (:class:`PermanentError`) fails it at once. The
error recorded is its kind, never an address or a child's name.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heard.messaging.backends import Backend, Outgoing, PermanentError, get_backend
from heard.messaging.models import Message
from heard.messaging.rendering import render
from heard.messaging.services.queueing import contactable
from heard.people.models import YoungPerson
from heard.portal.message_codes import (
    MESSAGE_CODE_VALID_DAYS,
    sign_in_code_issue_for_message,
    sign_in_code_void,
)
from heard.portal.models import SignInCode

Status = Message.Status
DUE = (Status.QUEUED, Status.RETRYING)
MAX_ATTEMPTS = 6
FIRST_RETRY = datetime.timedelta(minutes=1)
STALE_AFTER = datetime.timedelta(minutes=15)
BATCH = 100
INTERRUPTED = "Interrupted while sending: not sent again, so that it is never sent twice."


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4, 8, 16 minutes."""
    return FIRST_RETRY * 2 ** (attempts - 1)


def _site(path: str) -> str:
    return f"{getattr(settings, 'HEARD_SITE_URL', '')}{path}"


def _feedback_told(message: Message) -> tuple[Outgoing | None, SignInCode | None]:
    """The young person's message, if they may still be messaged: with a new sign-in code."""
    young_person = (
        contactable(YoungPerson.objects.filter(messages=message)).select_related(None).first()
    )
    if young_person is None or message.feedback is None:
        return None, None
    code, plain = sign_in_code_issue_for_message(young_person=young_person)
    context = {
        "response": message.feedback.response.plain_language,
        "link": _site(reverse("portal:sign-in") + f"?code={plain}"),
        "valid_days": MESSAGE_CODE_VALID_DAYS,
    }
    return _outgoing(message, young_person.contact_email, context), code


def _reminder(message: Message) -> Outgoing | None:
    user = message.user
    if user is None or not user.is_active or not user.email:
        return None
    context = {
        "count": int(message.details.get("count", 0)),
        "link": _site("/"),
        "settings_link": _site(reverse("messaging:reminders")),
    }
    return _outgoing(message, user.email, context)


def _outgoing(message: Message, to: str, context: dict[str, Any]) -> Outgoing:
    subject, text, html = render(message.kind, context)
    return Outgoing(
        kind=message.kind,
        to=to,
        subject=subject,
        text=text,
        html=html,
        personalisation={name: str(value) for name, value in context.items()},
        reference=f"heard-message-{message.pk}",
    )


def _finish(message: Message, **values: Any) -> None:
    """Record the end of this claim's attempt (only while the claim is still this one's)."""
    Message.objects.filter(pk=message.pk, claim=message.claim).update(
        claim="", updated_at=timezone.now(), **values
    )


def _failed(message: Message, error: Exception, now: datetime.datetime) -> str:
    attempts = message.attempts + 1
    kind = type(error).__name__
    code = getattr(error, "smtp_code", None) or getattr(error, "status_code", None)
    last_error = f"{kind} ({code})" if code else kind
    if isinstance(error, PermanentError) or attempts >= MAX_ATTEMPTS:
        _finish(message, status=Status.FAILED, attempts=attempts, last_error=last_error[:200])
        return Status.FAILED
    _finish(
        message,
        status=Status.RETRYING,
        attempts=attempts,
        next_attempt_at=now + backoff(attempts),
        last_error=last_error[:200],
    )
    return Status.RETRYING


def _send_one(message: Message, backend: Backend, now: datetime.datetime) -> str:
    code = None
    if message.kind == Message.Kind.FEEDBACK_TOLD:
        outgoing, code = _feedback_told(message)
    else:
        outgoing = _reminder(message)
    if outgoing is None:
        _finish(message, status=Status.CANCELLED)
        return Status.CANCELLED
    try:
        reference = backend.send(outgoing)
    except Exception as error:
        if code is not None:  # the code in a message that did not go opens nothing
            sign_in_code_void(code)
        return _failed(message, error, now)
    _finish(
        message,
        status=Status.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        provider_reference=reference[:200],
        last_error="",
    )
    return Status.SENT


def _claim(now: datetime.datetime, limit: int) -> str:
    claim = uuid.uuid4().hex
    with transaction.atomic():
        due = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(status__in=DUE, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        Message.objects.filter(pk__in=list(due), status__in=DUE).update(
            status=Status.SENDING, claim=claim, claimed_at=now
        )
    return claim


def release_stale(*, now: datetime.datetime) -> int:
    """Messages left sending by a worker that stopped: failed, not sent again (see above)."""
    return Message.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_AFTER).update(
        status=Status.FAILED, claim="", last_error=INTERRUPTED, updated_at=now
    )


def deliver_due(*, now: datetime.datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send the messages that are due (at most ``limit``); returns how many ended how."""
    now = now or timezone.now()
    release_stale(now=now)
    claim = _claim(now, limit)
    outcome: dict[str, int] = {}
    claimed = Message.objects.filter(claim=claim, status=Status.SENDING).select_related(
        "user", "feedback__response"
    )
    backend = get_backend() if claimed.exists() else None
    for message in claimed.order_by("pk"):
        ended = _send_one(message, backend, now)  # type: ignore[arg-type]
        outcome[ended] = outcome.get(ended, 0) + 1
    return outcome


def poll_statuses(*, limit: int = BATCH) -> int:
    """Read back the provider's status of sent messages (Notify; SMTP has none: accepted is
    sent). Returns how many changed."""
    backend = get_backend()
    if not backend.reports_status:
        return 0
    changed = 0
    sent = Message.objects.filter(status=Status.SENT).exclude(provider_reference="")
    for message in sent.order_by("sent_at", "pk")[:limit]:
        status = backend.status(message.provider_reference)
        if status is None:
            continue
        values: dict[str, Any] = {"status": status, "updated_at": timezone.now()}
        if status == Status.DELIVERED:
            values["delivered_at"] = timezone.now()
        else:
            values["last_error"] = "The provider could not deliver it."
        changed += Message.objects.filter(pk=message.pk, status=Status.SENT).update(**values)
    return changed
