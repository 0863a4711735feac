"""What the rewards services share: the decisions on
money (approve, reject, pay) that claims and invoices both take, their deletes, and receipts."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audit
from heard.core.events import EventType
from heard.core.permissions import require
from heard.core.updates import Removal, lock, plain_text, record_changed
from heard.rewards.models import Approval
from heard.voice.services.evidence import _check_file, _measure

#: What a receipt may be: a photo or a PDF (the evidence sniffer reads the first bytes).
RECEIPT_TYPES = ("image/jpeg", "image/png", "application/pdf")
RECEIPT_TYPE_MESSAGE = gettext_noop("A receipt must be a photo (JPEG or PNG) or a PDF.")
M = TypeVar("M", bound=models.Model)
DECISION_AUDITED = (
    "status",
    "decided_by",
    "decided_on",
    "rejection_reason",
    "paid_on",
    "payment_reference",
)
#: Why a claim or an invoice cannot be decided (approved, rejected, paid) as asked, by its
#: noun and status: whole sentences, so that each language words them its own way.
NOT_NOW = {
    ("claim", Approval.APPROVED): gettext_noop("This claim has already been approved."),
    ("claim", Approval.REJECTED): gettext_noop("This claim has already been rejected."),
    ("claim", Approval.PAID): gettext_noop("This claim has already been paid."),
    ("claim", ""): gettext_noop("This claim cannot change."),
    ("invoice", Approval.APPROVED): gettext_noop("This invoice has already been approved."),
    ("invoice", Approval.REJECTED): gettext_noop("This invoice has already been rejected."),
    ("invoice", Approval.PAID): gettext_noop("This invoice has already been paid."),
    ("invoice", ""): gettext_noop("This invoice cannot change."),
}
#: Why a claim or an invoice can no longer be changed, by its noun and status.
DECIDED = {
    ("claim", Approval.APPROVED): gettext_noop(
        "This claim has already been approved: it can no longer be changed."
    ),
    ("claim", Approval.REJECTED): gettext_noop(
        "This claim has already been rejected: it can no longer be changed."
    ),
    ("claim", Approval.PAID): gettext_noop(
        "This claim has already been paid: it can no longer be changed."
    ),
    ("invoice", Approval.APPROVED): gettext_noop(
        "This invoice has already been approved: it can no longer be changed."
    ),
    ("invoice", Approval.REJECTED): gettext_noop(
        "This invoice has already been rejected: it can no longer be changed."
    ),
    ("invoice", Approval.PAID): gettext_noop(
        "This invoice has already been paid: it can no longer be changed."
    ),
}
#: Pay only what was approved, by noun.
APPROVE_FIRST = {
    "claim": gettext_noop("Approve the claim before paying it."),
    "invoice": gettext_noop("Approve the invoice before paying it."),
}
#: A rejection says why, by noun.
SAY_WHY = {
    "claim": gettext_noop("Say why the claim is rejected: the person will be told."),
    "invoice": gettext_noop("Say why the invoice is rejected: the person will be told."),
}


def receipt_checked(file: Any, errors: dict[str, Any], field: str = "receipt") -> dict[str, Any]:
    """The model values of a receipt (none for no file), after checking what it really is with
    the evidence uploads' checks: its size, its first bytes and its name's ending."""
    if file is None or file == "":
        return {}
    if not hasattr(file, "read"):
        errors[field] = _("Choose a receipt file to upload.")
        return {}
    size = _measure(file)
    extension = PurePath(PurePath(getattr(file, "name", "") or "").name.lower()).suffix
    found: dict[str, Any] = {}
    file_type = _check_file(file, size, extension, found)
    if found:
        message = found["file"]
        errors[field] = (
            _(RECEIPT_TYPE_MESSAGE) if message.startswith("The file must be") else message
        )
        return {}
    assert file_type is not None  # noqa: S101 - checked above
    if file_type.content_type not in RECEIPT_TYPES:
        errors[field] = _(RECEIPT_TYPE_MESSAGE)
        return {}
    file.name = f"{uuid.uuid4().hex}{extension}"
    return {"receipt": file, "receipt_content_type": file_type.content_type, "receipt_size": size}


@dataclass(frozen=True)
class Money:
    """A kind of money the programme approves, rejects and pays: its noun in messages, the
    permissions its decisions ask and the audit event of each."""

    noun: str
    approve_permission: str
    pay_permission: str
    approved: EventType
    rejected: EventType
    paid: EventType


def _refuse_unless(obj: Any, wanted: str, noun: str) -> None:
    if obj.status == wanted:
        return
    if wanted == Approval.APPROVED and obj.status == Approval.SUBMITTED:
        raise ValidationError(_(APPROVE_FIRST[noun]))
    raise ValidationError(_(NOT_NOW.get((noun, obj.status), NOT_NOW[(noun, "")])))


def _decided(actor: Any, obj: M, event: EventType, values: dict[str, Any]) -> M:
    before = audit.snapshot(obj, DECISION_AUDITED)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=[*_columns(values), "updated_at"])
    record_changed(obj, actor=actor, event=event, before=before)
    return obj


def _columns(values: dict[str, Any]) -> list[str]:
    return [f"{name}_id" if name == "decided_by" else name for name in values]


@transaction.atomic
def approve(kind: Money, obj: M, *, actor: Any) -> M:
    """Approve a submitted claim or invoice: the row is locked, so of two approvals at once the
    second waits and is then refused as approving twice."""
    require(actor, kind.approve_permission, obj)
    obj = lock(obj)
    _refuse_unless(obj, Approval.SUBMITTED, kind.noun)
    values = {
        "status": Approval.APPROVED,
        "decided_by": actor,
        "decided_on": timezone.localdate(),
    }
    return _decided(actor, obj, kind.approved, values)


@transaction.atomic
def reject(kind: Money, obj: M, *, actor: Any, reason: str) -> M:
    """Reject a submitted claim or invoice, saying why (the person is told)."""
    noun = kind.noun
    require(actor, kind.approve_permission, obj)
    obj = lock(obj)
    _refuse_unless(obj, Approval.SUBMITTED, noun)
    reason = plain_text(reason)
    if not reason:
        raise ValidationError({"rejection_reason": _(SAY_WHY[noun])})
    if len(reason) > 2000:
        raise ValidationError(
            {"rejection_reason": _("Keep the reason to 2,000 characters or fewer.")}
        )
    values = {
        "status": Approval.REJECTED,
        "decided_by": actor,
        "decided_on": timezone.localdate(),
        "rejection_reason": reason,
    }
    return _decided(actor, obj, kind.rejected, values)


@transaction.atomic
def pay(kind: Money, obj: M, *, actor: Any, paid_on: datetime.date, payment_reference: str) -> M:
    """Record that an approved claim or invoice was paid (by the finance system)."""
    require(actor, kind.pay_permission, obj)
    obj = lock(obj)
    _refuse_unless(obj, Approval.APPROVED, kind.noun)
    errors: dict[str, Any] = {}
    reference = plain_text(payment_reference)
    if not isinstance(paid_on, datetime.date):
        errors["paid_on"] = _("Enter the date it was paid.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The date it was paid cannot be in the future.")
    elif (approved_on := getattr(obj, "decided_on", None)) and paid_on < approved_on:
        errors["paid_on"] = _("The date it was paid cannot be before it was approved.")
    if not reference:
        errors["payment_reference"] = _("Enter the payment reference from the finance system.")
    elif len(reference) > 100 or "\n" in reference:
        errors["payment_reference"] = _(
            "Enter the payment reference on one line, 100 characters or fewer."
        )
    if errors:
        raise ValidationError(errors)
    values = {"status": Approval.PAID, "paid_on": paid_on, "payment_reference": reference}
    return _decided(actor, obj, kind.paid, values)


def refuse_once_decided(obj: Any, noun: str) -> None:
    """Claims and invoices change only while they wait for a decision."""
    if obj.status != Approval.SUBMITTED:
        raise ValidationError(_(DECIDED[(noun, obj.status)]))


@dataclass(frozen=True)
class Undecided(Removal):
    """A claim's or an invoice's delete (``Removal``): its row locked, and only while it waits
    for a decision (``noun``: said in the refusal)."""

    noun: str = ""
    locked: bool = True

    def write(self, record: models.Model, *, actor: Any) -> None:
        refuse_once_decided(record, self.noun)
        super().write(record, actor=actor)
