"""Every write for safeguarding: validate, check permission, save and audit, atomically.

Concerns are special twice over. Their audit entries name the fields that changed but never the
values (``_withheld``), so the audit log and its history page cannot leak what a child said; the
values of each change are kept beside the concern (``ConcernChange``), for safeguarding leads'
eyes only, in its audit trail. And every read of a concern is itself audited (``concern_read``,
``concerns_list_read``).
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from heard.core import audit
from heard.core.permissions import require
from heard.core.roles import Role
from heard.core.updates import audited_update, full_clean, lock
from heard.people import selectors as people_selectors
from heard.people.models import User, YoungPerson
from heard.safeguarding import events, selectors
from heard.safeguarding.models import (
    BackgroundCheck,
    Concern,
    ConcernChange,
    TrainingRecord,
    new_concern_reference,
)

logger = logging.getLogger(__name__)

WITHHELD = "(withheld)"

CHECK_FIELDS = ("staff", "kind", "certificate_number", "issued_on", "renewal_due")
TRAINING_FIELDS = ("staff", "course", "completed_on", "expires_on")


def _withheld(names: Iterable[str]) -> dict[str, list[str]]:
    """Audit ``changes`` for a concern: the names of the fields changed, never their values."""
    return {name: [WITHHELD, WITHHELD] for name in sorted(names)}


def _refuse(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


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
        errors["young_person"] = "Choose a young person you can see."
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
    audit.record(
        actor=actor,
        event=events.CONCERN_RAISED,
        obj=concern,
        changes=_withheld(
            name for name in Concern.RAISED_FIELDS if getattr(concern, name) not in ("", None)
        ),
    )
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


@transaction.atomic
def concern_read(*, actor: Any, pk: Any, via: str = "page") -> Concern:
    """Open one concern for a safeguarding lead, and audit that they read it."""
    require(actor, "safeguarding.view_concern")
    concern = selectors.concern_get(actor, pk)
    audit.record(actor=actor, event=events.CONCERN_READ, obj=concern, metadata={"via": via})
    return concern


@transaction.atomic
def concerns_list_read(*, actor: Any, concerns: Iterable[Concern], via: str = "list") -> None:
    """Audit that ``actor`` saw these concerns in a list (one entry each, one query)."""
    require(actor, "safeguarding.view_concern")
    audit.record_many(
        actor=actor,
        event=events.CONCERN_READ,
        entries=[(concern, None) for concern in concerns],
        metadata={"via": via},
    )


def _save_concern(actor: Any, concern: Concern, before: dict[str, Any]) -> Concern:
    """Save a lead's change: the audit entry names the fields, ``ConcernChange`` keeps values."""
    errors: dict[str, Any] = {}
    full_clean(concern, errors)
    _refuse(errors)
    concern.save()
    changes = audit.diff(before, audit.snapshot(concern, before.keys()))
    if changes:
        entry = audit.record(
            actor=actor, event=events.CONCERN_CHANGED, obj=concern, changes=_withheld(changes)
        )
        ConcernChange.objects.create(entry=entry, concern=concern, values=changes)
    return concern


def _handled(actor: Any, concern: Concern) -> tuple[Concern, dict[str, Any]]:
    """A lead takes ``concern`` in hand: permission, the row locked, its values before."""
    require(actor, "safeguarding.change_concern", concern)
    concern = lock(concern)
    return concern, audit.snapshot(concern, Concern.HANDLING_FIELDS)


@transaction.atomic
def concern_assign(*, actor: Any, concern: Concern, assigned_to: User) -> Concern:
    """Give a concern to a safeguarding lead to handle."""
    concern, before = _handled(actor, concern)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["status"] = "This concern is closed: it cannot be assigned."
    if (
        not isinstance(assigned_to, User)
        or not selectors.safeguarding_leads().filter(pk=assigned_to.pk).exists()
    ):
        errors["assigned_to"] = "Choose an active safeguarding lead."
    _refuse(errors)
    concern.assigned_to = assigned_to
    concern.assigned_at = timezone.now()
    if concern.status == Concern.Status.OPEN:
        concern.status = Concern.Status.ASSIGNED
    return _save_concern(actor, concern, before)


@transaction.atomic
def concern_decide(
    *,
    actor: Any,
    concern: Concern,
    decision: str,
    decision_notes: str = "",
    referral_date: datetime.date | None = None,
    referral_reference: str = "",
) -> Concern:
    """Record what was decided: no further action, advice, a local authority or police referral."""
    concern, before = _handled(actor, concern)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["decision"] = "This concern is closed: its decision cannot change."
    if decision not in Concern.Decision.values:
        errors["decision"] = (
            "Choose the decision: no further action, advice given, referral to the local "
            "authority, or referral to the police."
        )
    _refuse(errors)
    concern.decision = decision
    concern.decision_notes = (decision_notes or "").strip()
    concern.referral_date = referral_date
    concern.referral_reference = (referral_reference or "").strip()
    concern.decided_at = timezone.now()
    concern.status = Concern.Status.DECIDED
    if concern.assigned_to_id is None and getattr(actor, "role", None) == Role.SAFEGUARDING_LEAD:
        concern.assigned_to = actor
        concern.assigned_at = concern.decided_at
    return _save_concern(actor, concern, before)


@transaction.atomic
def concern_close(*, actor: Any, concern: Concern) -> Concern:
    """Close a concern once its decision is recorded."""
    concern, before = _handled(actor, concern)
    if concern.status == Concern.Status.CLOSED:
        _refuse({"status": "This concern is already closed."})
    if not concern.decision:
        _refuse({"decision": "Record the decision before closing the concern."})
    concern.status = Concern.Status.CLOSED
    concern.closed_at = timezone.now()
    return _save_concern(actor, concern, before)


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
    errors: dict[str, Any] = {}
    if not isinstance(young_person, YoungPerson) or young_person.pk is None:
        raise ValidationError({"young_person": "Only a young person signed in can ask for help."})
    words = (words or "").strip()
    if how_to_contact and how_to_contact not in Concern.Contact.values:
        errors["how_to_contact"] = "Choose how you would like us to get in touch, or none."
    token = token if PORTAL_TOKEN.fullmatch(token or "") else ""
    what_happened = words or PORTAL_PRESSED
    concern = Concern(
        reference=new_concern_reference(),
        young_person=young_person,
        raised_by=None,
        source=Concern.Source.PORTAL,
        how_to_contact=how_to_contact if "how_to_contact" not in errors else "",
        portal_token=token or None,
        what_happened=what_happened,
        happened_at=timezone.now(),
        who_was_present=PORTAL_PRESENT,
        immediate_action=PORTAL_ACTION,
        child_told=PORTAL_TOLD,
    )
    full_clean(concern, errors, exclude=["reference", "raised_by", "portal_token"])
    _refuse(errors)
    repeat = _portal_repeat(young_person, token, what_happened, concern.how_to_contact)
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
    audit.record(
        actor=None,
        event=events.CONCERN_RAISED,
        obj=concern,
        changes=_withheld(
            name for name in Concern.RAISED_FIELDS if getattr(concern, name) not in ("", None)
        ),
    )
    if not _portal_emailed_lately(concern):
        _email_after_commit(concern, base_url)
    return concern


# Background checks and training ------------------------------------------------------------------


def _check_staff(staff: Any, errors: dict[str, Any]) -> None:
    if not isinstance(staff, User) or not selectors.staff_choices().filter(pk=staff.pk).exists():
        errors["staff"] = "Choose an active member of staff."


def _record(actor: Any, obj: Any, staff: Any, event: Any, fields: Any) -> Any:
    """Validate, save and audit a new check or training record ``obj`` for ``staff``."""
    require(actor, f"safeguarding.add_{obj._meta.model_name}")
    errors: dict[str, Any] = {}
    _check_staff(staff, errors)
    if not errors:
        obj.staff = staff
    full_clean(obj, errors)
    _refuse(errors)
    obj.save()
    audit.record(
        actor=actor, event=event, obj=obj, changes=audit.diff({}, audit.snapshot(obj, fields))
    )
    return obj


def _staff_check(obj: Any, fields: dict[str, Any], errors: dict[str, Any]) -> None:
    """``audited_update``'s check for a staff record: an active member of staff, and the
    values as stored (a certificate number without spaces, a course without them around)."""
    if "staff" in fields:
        _check_staff(fields["staff"], errors)
    if "certificate_number" in fields:
        fields["certificate_number"] = (fields["certificate_number"] or "").replace(" ", "")
    if "course" in fields:
        fields["course"] = (fields["course"] or "").strip()


def staff_record_update(
    actor: Any, obj: Any, fields: dict[str, Any], event: Any, allowed: Any
) -> Any:
    """Change a check or training record: programme staff, audited, only what changed."""
    require(actor, f"safeguarding.change_{obj._meta.model_name}", obj)
    obj, _ = audited_update(
        obj,
        actor=actor,
        event=event,
        service=f"{obj._meta.verbose_name.replace(' ', '_')}_update",
        fields=fields,
        allowed=allowed,
        check=_staff_check,
    )
    return obj


@transaction.atomic
def background_check_record(
    *,
    actor: Any,
    staff: User,
    certificate_number: str,
    issued_on: datetime.date,
    renewal_due: datetime.date,
    kind: str = BackgroundCheck.Kind.ENHANCED_DBS,
) -> BackgroundCheck:
    check = BackgroundCheck(
        kind=kind,
        certificate_number=(certificate_number or "").replace(" ", ""),
        issued_on=issued_on,
        renewal_due=renewal_due,
    )
    return _record(actor, check, staff, events.BACKGROUND_CHECK_RECORDED, CHECK_FIELDS)


def background_check_update(
    *, actor: Any, check: BackgroundCheck, **fields: Any
) -> BackgroundCheck:
    return staff_record_update(actor, check, fields, events.BACKGROUND_CHECK_CHANGED, CHECK_FIELDS)


@transaction.atomic
def training_record_add(
    *,
    actor: Any,
    staff: User,
    course: str,
    completed_on: datetime.date,
    expires_on: datetime.date | None = None,
) -> TrainingRecord:
    record = TrainingRecord(
        course=(course or "").strip(), completed_on=completed_on, expires_on=expires_on
    )
    return _record(actor, record, staff, events.TRAINING_RECORDED, TRAINING_FIELDS)


def training_record_update(*, actor: Any, record: TrainingRecord, **fields: Any) -> TrainingRecord:
    return staff_record_update(actor, record, fields, events.TRAINING_CHANGED, TRAINING_FIELDS)
