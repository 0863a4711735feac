"""Every write for safeguarding: validate, check permission, save and audit, atomically.

Concerns are special twice over. Their audit entries name the fields that changed but never the
values (``_withheld``), so the audit log and its history page cannot leak what a child said; the
values of each change are kept beside the concern (``ConcernChange``), for safeguarding leads'
eyes only, in its audit trail. And every read of a concern is itself audited (``concern_read``,
``concerns_list_read``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import require
from heard.core.roles import Role
from heard.people import selectors as people_selectors
from heard.people.models import User, YoungPerson
from heard.safeguarding import selectors
from heard.safeguarding.models import (
    BackgroundCheck,
    Concern,
    ConcernChange,
    TrainingRecord,
    new_concern_reference,
)

WITHHELD = "(withheld)"

CHECK_FIELDS = ("staff", "kind", "certificate_number", "issued_on", "renewal_due")
TRAINING_FIELDS = ("staff", "course", "completed_on", "expires_on")


def _withheld(names: Iterable[str]) -> dict[str, list[str]]:
    """Audit ``changes`` for a concern: the names of the fields changed, never their values."""
    return {name: [WITHHELD, WITHHELD] for name in sorted(names)}


def _full_clean(obj: Any, errors: dict[str, Any], exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=[*exclude, *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
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
    session: Any = None,
) -> Concern:
    """Record a worry about a child. Once saved, only safeguarding leads can read it."""
    require(actor, "safeguarding.add_concern")
    errors: dict[str, Any] = {}
    if young_person is not None and (
        not isinstance(young_person, YoungPerson)
        or actor is not None
        and not people_selectors.young_people_visible_to(actor).filter(pk=young_person.pk).exists()
    ):
        errors["young_person"] = "Choose a young person you can see."
    if session is not None and (
        getattr(session, "pk", None) is None
        or session._meta.label_lower != "participation.session"
        or actor is not None
        and not rules.has_perm("participation.view_session", actor, session)
    ):
        errors["session"] = "Choose a session you can see."
    if isinstance(happened_at, datetime.datetime) and happened_at > timezone.now():
        errors["happened_at"] = "The time it happened cannot be in the future."
    concern = Concern(
        reference=new_concern_reference(),
        young_person=young_person if "young_person" not in errors else None,
        session=session if "session" not in errors else None,
        raised_by=actor,
        what_happened=(what_happened or "").strip(),
        happened_at=happened_at,
        who_was_present=(who_was_present or "").strip(),
        immediate_action=(immediate_action or "").strip(),
        child_told=(child_told or "").strip(),
    )
    if concern.young_person is None and concern.session is not None:
        concern.young_person = concern.session.young_person
    _full_clean(concern, errors, exclude=["reference", *(["raised_by"] if actor is None else [])])
    _save_with_a_new_reference(concern)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
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
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                concern.save()
        except IntegrityError:
            taken = Concern.objects.filter(reference=concern.reference).exists()
            if not taken or attempt == REFERENCE_ATTEMPTS - 1:
                raise
            concern.reference = new_concern_reference()
        else:
            return


@transaction.atomic
def concern_read(*, actor: Any, pk: Any, via: str = "page") -> Concern:
    """Open one concern for a safeguarding lead, and audit that they read it."""
    require(actor, "safeguarding.view_concern")
    concern = selectors.concern_get(actor, pk)
    audit.record(actor=actor, action=AuditEntry.Action.READ, obj=concern, changes={"via": via})
    return concern


@transaction.atomic
def concerns_list_read(*, actor: Any, concerns: Iterable[Concern], via: str = "list") -> None:
    """Audit that ``actor`` saw these concerns in a list (one entry each, one query)."""
    require(actor, "safeguarding.view_concern")
    actor_id = getattr(actor, "pk", None)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_id=actor_id,
            action=AuditEntry.Action.READ,
            object_type=Concern._meta.label_lower,
            object_id=str(concern.pk),
            object_label=str(concern),
            changes={"via": via},
        )
        for concern in concerns
    )


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


def _save_concern(actor: Any, concern: Concern, before: dict[str, Any], errors: dict) -> Concern:
    _full_clean(concern, errors)
    concern.save()
    changes = audit.diff(before, audit.snapshot(concern, before.keys()))
    if changes:
        entry = audit.record(
            actor=actor, action=AuditEntry.Action.UPDATE, obj=concern, changes=_withheld(changes)
        )
        ConcernChange.objects.create(entry=entry, concern=concern, values=changes)
    return concern


HANDLING_FIELDS = (
    "status",
    "assigned_to",
    "assigned_at",
    "decision",
    "decision_notes",
    "decided_at",
    "referral_date",
    "referral_reference",
    "closed_at",
)


@transaction.atomic
def concern_assign(*, actor: Any, concern: Concern, assigned_to: User) -> Concern:
    """Give a concern to a safeguarding lead to handle."""
    require(actor, "safeguarding.change_concern", concern)
    concern = _locked(concern)
    before = audit.snapshot(concern, HANDLING_FIELDS)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["status"] = "This concern is closed: it cannot be assigned."
    if (
        not isinstance(assigned_to, User)
        or not selectors.safeguarding_leads().filter(pk=assigned_to.pk).exists()
    ):
        errors["assigned_to"] = "Choose an active safeguarding lead."
    if errors:
        raise ValidationError(errors)
    concern.assigned_to = assigned_to
    concern.assigned_at = timezone.now()
    if concern.status == Concern.Status.OPEN:
        concern.status = Concern.Status.ASSIGNED
    return _save_concern(actor, concern, before, errors)


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
    require(actor, "safeguarding.change_concern", concern)
    concern = _locked(concern)
    before = audit.snapshot(concern, HANDLING_FIELDS)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["decision"] = "This concern is closed: its decision cannot change."
    if decision not in Concern.Decision.values:
        errors["decision"] = (
            "Choose the decision: no further action, advice given, referral to the local "
            "authority, or referral to the police."
        )
    if errors:
        raise ValidationError(errors)
    concern.decision = decision
    concern.decision_notes = (decision_notes or "").strip()
    concern.referral_date = referral_date
    concern.referral_reference = (referral_reference or "").strip()
    concern.decided_at = timezone.now()
    concern.status = Concern.Status.DECIDED
    if concern.assigned_to_id is None and getattr(actor, "role", None) == Role.SAFEGUARDING_LEAD:
        concern.assigned_to = actor
        concern.assigned_at = concern.decided_at
    return _save_concern(actor, concern, before, errors)


@transaction.atomic
def concern_close(*, actor: Any, concern: Concern) -> Concern:
    """Close a concern once its decision is recorded."""
    require(actor, "safeguarding.change_concern", concern)
    concern = _locked(concern)
    before = audit.snapshot(concern, HANDLING_FIELDS)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["status"] = "This concern is already closed."
    elif not concern.decision:
        errors["decision"] = "Record the decision before closing the concern."
    if errors:
        raise ValidationError(errors)
    concern.status = Concern.Status.CLOSED
    concern.closed_at = timezone.now()
    return _save_concern(actor, concern, before, errors)


# Background checks and training ------------------------------------------------------------------


def _check_staff(staff: Any, errors: dict[str, Any]) -> None:
    if not isinstance(staff, User) or not selectors.staff_choices().filter(pk=staff.pk).exists():
        errors["staff"] = "Choose an active member of staff."


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
    require(actor, "safeguarding.add_backgroundcheck")
    errors: dict[str, Any] = {}
    _check_staff(staff, errors)
    check = BackgroundCheck(
        staff=staff if "staff" not in errors else None,
        kind=kind,
        certificate_number=(certificate_number or "").replace(" ", ""),
        issued_on=issued_on,
        renewal_due=renewal_due,
    )
    _full_clean(check, errors)
    check.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=check,
        changes=audit.diff({}, audit.snapshot(check, CHECK_FIELDS)),
    )
    return check


@transaction.atomic
def background_check_update(
    *, actor: Any, check: BackgroundCheck, **fields: Any
) -> BackgroundCheck:
    unknown = set(fields) - set(CHECK_FIELDS)
    if unknown:
        raise TypeError(f"background_check_update() cannot change {', '.join(sorted(unknown))}")
    require(actor, "safeguarding.change_backgroundcheck", check)
    check = BackgroundCheck.objects.select_for_update().get(pk=check.pk)
    before = audit.snapshot(check, CHECK_FIELDS)
    errors: dict[str, Any] = {}
    if "staff" in fields:
        _check_staff(fields["staff"], errors)
    if "certificate_number" in fields:
        fields["certificate_number"] = (fields["certificate_number"] or "").replace(" ", "")
    for name, value in fields.items():
        if name not in errors:
            setattr(check, name, value)
    _full_clean(check, errors)
    check.save()
    changes = audit.diff(before, audit.snapshot(check, CHECK_FIELDS))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=check, changes=changes)
    return check


@transaction.atomic
def training_record_add(
    *,
    actor: Any,
    staff: User,
    course: str,
    completed_on: datetime.date,
    expires_on: datetime.date | None = None,
) -> TrainingRecord:
    require(actor, "safeguarding.add_trainingrecord")
    errors: dict[str, Any] = {}
    _check_staff(staff, errors)
    if isinstance(completed_on, datetime.date) and completed_on > timezone.localdate():
        errors["completed_on"] = "The date the training was completed cannot be in the future."
    record = TrainingRecord(
        staff=staff if "staff" not in errors else None,
        course=(course or "").strip(),
        completed_on=completed_on,
        expires_on=expires_on,
    )
    _full_clean(record, errors)
    record.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=record,
        changes=audit.diff({}, audit.snapshot(record, TRAINING_FIELDS)),
    )
    return record


@transaction.atomic
def training_record_update(*, actor: Any, record: TrainingRecord, **fields: Any) -> TrainingRecord:
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise TypeError(f"training_record_update() cannot change {', '.join(sorted(unknown))}")
    require(actor, "safeguarding.change_trainingrecord", record)
    record = TrainingRecord.objects.select_for_update().get(pk=record.pk)
    before = audit.snapshot(record, TRAINING_FIELDS)
    errors: dict[str, Any] = {}
    if "staff" in fields:
        _check_staff(fields["staff"], errors)
    if "course" in fields:
        fields["course"] = (fields["course"] or "").strip()
    completed_on = fields.get("completed_on")
    if isinstance(completed_on, datetime.date) and completed_on > timezone.localdate():
        errors["completed_on"] = "The date the training was completed cannot be in the future."
    for name, value in fields.items():
        if name not in errors:
            setattr(record, name, value)
    _full_clean(record, errors)
    record.save()
    changes = audit.diff(before, audit.snapshot(record, TRAINING_FIELDS))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=record, changes=changes)
    return record
