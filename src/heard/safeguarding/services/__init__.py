"""Every write for safeguarding: validate, check permission, save and audit, atomically.

Concerns are special twice over. Their audit entries name the fields that changed but never the
values (``_withheld``), so the audit log and its history page cannot leak what a child said; the
values of each change are kept beside the concern (``ConcernChange``), for safeguarding leads'
eyes only, in its audit trail. And every read of a concern is itself audited (``concern_read``,
``concerns_list_read``).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import full_clean
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson
from heard.safeguarding import events
from heard.safeguarding.models import Concern, new_concern_reference
from heard.safeguarding.services._common import WITHHELD, _refuse, _withheld
from heard.safeguarding.services.handling import (
    concern_assign,
    concern_close,
    concern_decide,
    concern_read,
    concerns_list_read,
)
from heard.safeguarding.services.portal_email import (
    PORTAL_EMAIL_BODY,
    PORTAL_EMAIL_QUIET,
    PORTAL_EMAIL_SUBJECT,
    _email_after_commit,
    _portal_emailed_lately,
    portal_concern_email_leads,
)
from heard.safeguarding.services.staff import (
    CHECK_FIELDS,
    TRAINING_FIELDS,
    background_check_record,
    background_check_update,
    staff_record_update,
    training_record_add,
    training_record_update,
)

__all__ = [
    "CHECK_FIELDS",
    "PORTAL_EMAIL_BODY",
    "PORTAL_EMAIL_QUIET",
    "PORTAL_EMAIL_SUBJECT",
    "TRAINING_FIELDS",
    "WITHHELD",
    "background_check_record",
    "background_check_update",
    "concern_assign",
    "concern_close",
    "concern_decide",
    "concern_raise",
    "concern_raise_from_portal",
    "concern_read",
    "concerns_list_read",
    "portal_concern_email_leads",
    "staff_record_update",
    "training_record_add",
    "training_record_update",
]


def _audit_raised(actor: Any, concern: Concern) -> None:
    """The audit entry of a new concern: the fields given, never their values."""
    audit.record(
        actor=actor,
        event=events.CONCERN_RAISED,
        obj=concern,
        changes=_withheld(
            name for name in Concern.RAISED_FIELDS if getattr(concern, name) not in ("", None)
        ),
    )


# Concerns ----------------------------------------------------------------------------------------


@transaction.atomic
def concern_raise(
    *,
    actor: Any,
    what_happened: str,
    happened_at: datetime.datetime,
    who_was_present: str,
    immediate_action: str,
    child_told: str,
    young_person: YoungPerson | None = None,
) -> Concern:
    """Record a worry about a child. Once saved, only safeguarding leads can read it.

    A concern raised from a session is linked to it by participation
    (``heard.participation.concerns``), the app above this one."""
    require(actor, "safeguarding.add_concern")
    errors: dict[str, Any] = {}
    if young_person is not None and (
        not isinstance(young_person, YoungPerson)
        or actor is not None
        and not people_selectors.young_people_visible_to(actor).filter(pk=young_person.pk).exists()
    ):
        errors["young_person"] = _("Choose a young person you can see.")
    concern = Concern(
        reference=new_concern_reference(),
        young_person=young_person if "young_person" not in errors else None,
        raised_by=actor,
        what_happened=(what_happened or "").strip(),
        happened_at=happened_at,
        who_was_present=(who_was_present or "").strip(),
        immediate_action=(immediate_action or "").strip(),
        child_told=(child_told or "").strip(),
    )
    full_clean(concern, errors, exclude=["reference", *(["raised_by"] if actor is None else [])])
    _refuse(errors)
    _save_with_a_new_reference(concern)
    _audit_raised(actor, concern)
    return concern


#: Draws of a reference before giving up: with 10,000 concerns already raised a draw is taken
#: about once in 85 million, so a second draw is rare and a fifth never happens in practice.
REFERENCE_ATTEMPTS = 5


def _save_with_a_new_reference(concern: Concern) -> None:
    """Insert ``concern`` under its random reference, drawing another while that one is taken."""
    attempt = 1
    while True:
        try:
            with transaction.atomic():
                concern.save()
            return
        except IntegrityError:
            taken = Concern.objects.filter(reference=concern.reference).exists()
            if not taken or attempt == REFERENCE_ATTEMPTS:
                raise
            attempt += 1
            concern.reference = new_concern_reference()


# A young person asks for help in the portal (the safe word) ------------------------------------

#: What a concern raised by the portal's button says when the young person wrote nothing.
PORTAL_PRESSED = (
    "The young person pressed the button in Heard's portal: \"I don't feel safe or I need to "
    'talk to someone". They did not write anything else.'
)
PORTAL_PRESENT = "Nobody: the young person asked for help on their own, in Heard's portal."
PORTAL_ACTION = "Heard raised this concern at once and emailed every active safeguarding lead."
PORTAL_TOLD = (
    "Heard's portal told them that the safeguarding lead will get in touch with them, and to "
    "call Childline on 0800 1111 (free, any time) or 999 in an emergency."
)
#: A form's one-time token, as the portal's page makes it (``secrets.token_urlsafe``).
PORTAL_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
#: The same words pressed again within this long (the page reloaded and sent afresh, the back
#: button) find the concern already raised, while nobody has decided on it yet.
PORTAL_REPEAT_WITHIN = datetime.timedelta(minutes=10)
#: The leads are emailed about a young person's portal concerns at most once in this long: every


def _portal_repeat(
    young_person: YoungPerson, token: str, what_happened: str, how_to_contact: str
) -> Concern | None:
    """The concern this press of the button already raised, if it is a repeat of one."""
    if token:
        same = Concern.objects.filter(portal_token=token).first()
        if same is not None:
            return same if same.young_person_id == young_person.pk else None
    return (
        Concern.objects.filter(
            source=Concern.Source.PORTAL,
            young_person=young_person,
            status__in=(Concern.Status.OPEN, Concern.Status.ASSIGNED),
            created_at__gte=timezone.now() - PORTAL_REPEAT_WITHIN,
            what_happened=what_happened,
            how_to_contact=how_to_contact,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def _portal_concern(
    young_person: YoungPerson, words: str, how_to_contact: str, token: str
) -> Concern:
    """The concern a press of the portal's button raises, validated but not saved."""
    errors: dict[str, Any] = {}
    if how_to_contact and how_to_contact not in Concern.Contact.values:
        errors["how_to_contact"] = _("Choose how you would like us to get in touch, or none.")
    concern = Concern(
        reference=new_concern_reference(),
        young_person=young_person,
        raised_by=None,
        source=Concern.Source.PORTAL,
        how_to_contact=how_to_contact if "how_to_contact" not in errors else "",
        portal_token=token or None,
        what_happened=words or PORTAL_PRESSED,
        happened_at=timezone.now(),
        who_was_present=PORTAL_PRESENT,
        immediate_action=PORTAL_ACTION,
        child_told=PORTAL_TOLD,
    )
    full_clean(concern, errors, exclude=["reference", "raised_by", "portal_token"])
    _refuse(errors)
    return concern


@transaction.atomic
def concern_raise_from_portal(
    *,
    young_person: YoungPerson,
    words: str = "",
    how_to_contact: str = "",
    token: str = "",
    base_url: str = "",
) -> Concern:
    """A young person signed in to the portal asks for help ("I don't feel safe", "I need to
    talk to someone"): raise a concern about them at once, with Heard as the actor, restricted
    and audited as every concern, and email every active safeguarding lead (``base_url`` makes
    the link in it absolute). ``words`` are their own, if they wrote any.

    Pressing the button twice raises one concern: ``token`` is the form's one-time token, and
    the same words sent again within ``PORTAL_REPEAT_WITHIN`` (while undecided) find the same
    concern too. The leads are emailed about one young person at most once in
    ``PORTAL_EMAIL_QUIET``; each concern is still raised and listed first, marked urgent."""
    if not isinstance(young_person, YoungPerson) or young_person.pk is None:
        raise ValidationError(
            {"young_person": _("Only a young person signed in can ask for help.")}
        )
    token = token if PORTAL_TOKEN.fullmatch(token or "") else ""
    concern = _portal_concern(young_person, (words or "").strip(), how_to_contact, token)
    repeat = _portal_repeat(young_person, token, concern.what_happened, concern.how_to_contact)
    if repeat is not None:
        return repeat
    if token and Concern.objects.filter(portal_token=token).exists():
        concern.portal_token = None  # another young person's token: no use to dedupe by
    try:
        _save_with_a_new_reference(concern)
    except IntegrityError:
        first = Concern.objects.filter(portal_token=token).first() if token else None
        if first is None:
            raise
        return first  # the same press, saved a moment ago by a request in parallel
    _audit_raised(None, concern)
    if not _portal_emailed_lately(concern):
        _email_after_commit(concern, base_url)
    return concern
