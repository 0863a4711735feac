"""The email that tells every active safeguarding lead a young person asked for help."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from heard.safeguarding import selectors
from heard.safeguarding.models import Concern

logger = logging.getLogger("heard.safeguarding.services")

#: The leads are emailed about a young person's portal concerns at most once in this long: every
#: concern is still raised, and shown at the top of their list marked urgent.
PORTAL_EMAIL_QUIET = datetime.timedelta(minutes=15)
PORTAL_EMAIL_SUBJECT = "Heard: a young person asked for help ({reference})"
PORTAL_EMAIL_BODY = """A young person asked for help in Heard's portal a moment ago: they pressed \
"I don't feel safe or I need to talk to someone".

Their concern is {reference}. Please open it now and get in touch with them:
{link}

Only safeguarding leads can open it, after signing in to Heard. This email does not say who \
they are or what they wrote, so that it is safe to send.
"""


def _portal_emailed_lately(concern: Concern) -> bool:
    return (
        Concern.objects.filter(
            source=Concern.Source.PORTAL,
            young_person_id=concern.young_person_id,
            created_at__gte=concern.created_at - PORTAL_EMAIL_QUIET,
        )
        .exclude(pk=concern.pk)
        .exists()
    )


def portal_concern_email_leads(concern: Concern, *, base_url: str = "") -> int:
    """Email every active safeguarding lead that a young person asked for help: the concern's
    reference and a link, never who they are or what they wrote. One message per lead (none
    sees the others' addresses); returns how many were sent."""
    link = base_url.rstrip("/") + reverse("safeguarding:concern-detail", args=[concern.pk])
    subject = PORTAL_EMAIL_SUBJECT.format(reference=concern.reference)
    body = PORTAL_EMAIL_BODY.format(reference=concern.reference, link=link)
    addresses = [
        address
        for address in selectors.safeguarding_leads().values_list("email", flat=True)
        if address
    ]
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    ]
    if not messages:
        logger.error("No active safeguarding lead to email about concern %s", concern.reference)
        return 0
    return get_connection().send_messages(messages) or 0


def _email_after_commit(concern: Concern, base_url: str) -> None:
    """Send the email once the concern is saved for good; a mail server that is down never
    loses the concern (it is at the top of the leads' list either way)."""

    def send() -> None:
        try:
            portal_concern_email_leads(concern, base_url=base_url)
        except Exception:  # the concern is saved: say the email failed, by its reference only
            logger.exception(
                "Could not email the safeguarding leads about concern %s", concern.reference
            )

    transaction.on_commit(send)
