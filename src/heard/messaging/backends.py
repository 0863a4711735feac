"""Where messages go: Django's mail framework (SMTP in production) or GOV.UK Notify.

``HEARD_MESSAGE_BACKEND`` chooses: ``email`` or ``notify``. Each backend's ``send`` returns the
provider's reference for the message, or raises :class:`PermanentError` (the provider refused
it: sending it again would fail the same way) or any other exception (try again later).
``status`` reads the provider's delivery status of a sent message, when it has one.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid


class PermanentError(Exception):
    """The provider refused the message for good (a bad address, a wrong template)."""


@dataclasses.dataclass(frozen=True)
class Outgoing:
    """One message as its backend sends it (built at send time, never stored)."""

    kind: str
    to: str
    subject: str
    text: str
    html: str
    #: Notify's template fields: the same words the email templates use.
    personalisation: dict[str, str]
    #: Heard's reference for the message (its id): no personal data.
    reference: str


class Backend(Protocol):
    reports_status: bool

    def send(self, outgoing: Outgoing) -> str: ...

    def status(self, reference: str) -> str | None: ...


class EmailBackend:
    """Django's mail framework: the message is sent when the SMTP server accepts it (no delivery
    receipts)."""

    reports_status = False

    def send(self, outgoing: Outgoing) -> str:
        message_id = make_msgid(domain="heard")
        email = EmailMultiAlternatives(
            subject=outgoing.subject,
            body=outgoing.text,
            to=[outgoing.to],
            headers={"Message-ID": message_id, "X-Heard-Message": outgoing.reference},
            connection=get_connection(fail_silently=False),
        )
        email.attach_alternative(outgoing.html, "text/html")
        email.send(fail_silently=False)
        return message_id

    def status(self, reference: str) -> str | None:
        return None


#: Notify's statuses, as Heard's: None while Notify is still sending.
NOTIFY_STATUSES = {
    "delivered": "delivered",
    "permanent-failure": "failed",
    "temporary-failure": "failed",
    "technical-failure": "failed",
}


class NotifyBackend:
    """GOV.UK Notify: one template per message kind (``NOTIFY_TEMPLATES``), filled in with the
    message's personalisation; the status is read back by a later sweep."""

    reports_status = True

    def __init__(self) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            getattr(settings, "NOTIFY_API_KEY", ""),
            base_url=getattr(settings, "NOTIFY_BASE_URL", ""),
            timeout=15,
        )

    def send(self, outgoing: Outgoing) -> str:
        template_id = getattr(settings, "NOTIFY_TEMPLATES", {}).get(outgoing.kind, "")
        if not template_id:
            raise PermanentError(f"no Notify template for {outgoing.kind}")
        try:
            response = self.client.send_email_notification(
                email_address=outgoing.to,
                template_id=template_id,
                personalisation=outgoing.personalisation,
                reference=outgoing.reference,
            )
        except Exception as error:
            raise _refused(error) from error
        return str(response["id"])

    def status(self, reference: str) -> str | None:
        notification: dict[str, Any] = self.client.get_notification_by_id(reference)
        return NOTIFY_STATUSES.get(str(notification.get("status", "")))


def _refused(error: Exception) -> Exception:
    """A 4xx from Notify (but 429, too many requests) is for good; anything else may pass."""
    code = getattr(error, "status_code", None)
    if isinstance(code, int) and 400 <= code < 500 and code != 429:
        return PermanentError(f"Notify refused the message ({code})")
    return error


def get_backend() -> Backend:
    if getattr(settings, "HEARD_MESSAGE_BACKEND", "email") == "notify":
        return NotifyBackend()
    return EmailBackend()
