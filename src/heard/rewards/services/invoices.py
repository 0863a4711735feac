"""Partner invoices for agreed costs (seed 000): received, approved by a participation lead who
did not record them, then paid."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import require
from heard.core.svc_values import plain_texts
from heard.core.updates import Change, Creation, lock, passed
from heard.people import selectors as people_selectors
from heard.people.models import Organisation
from heard.rewards import events
from heard.rewards.models import PartnerInvoice
from heard.rewards.services import _common

NOUN = "invoice"
INVOICE = _common.Money(
    noun=NOUN,
    approve_permission="rewards.approve_partnerinvoice",
    pay_permission="rewards.pay_partnerinvoice",
    approved=events.INVOICE_APPROVED,
    rejected=events.INVOICE_REJECTED,
    paid=events.INVOICE_PAID,
)
INVOICE_FIELDS = (
    "organisation",
    "reference",
    "period_start",
    "period_end",
    "description",
    "amount",
    "status",
)
EDITABLE = INVOICE_FIELDS[:-1]
NOT_YOURS = gettext_noop("Choose your own organisation.")


def _check(actor: Any, values: dict[str, Any], errors: dict[str, Any]) -> None:
    plain_texts(values, ("reference", "description"))
    organisation = values.get("organisation")
    if not people_selectors.may_use_organisation(
        actor, organisation, "rewards.add_partnerinvoice", PartnerInvoice
    ):
        errors["organisation"] = _(NOT_YOURS)


_INVOICE_RECEIVE = Creation(events.INVOICE_RECEIVED, INVOICE_FIELDS, exclude=["recorded_by"])


@transaction.atomic
def invoice_record(
    *,
    actor: Any,
    organisation: Organisation,
    reference: str,
    period_start: datetime.date,
    period_end: datetime.date,
    description: str,
    amount: Decimal,
) -> PartnerInvoice:
    """Record an invoice received from a partner (a partner worker: their own organisation's)."""
    require(actor, "rewards.add_partnerinvoice")
    values: dict[str, Any] = {
        "organisation": organisation,
        "reference": reference,
        "period_start": period_start,
        "period_end": period_end,
        "description": description,
        "amount": amount,
    }
    errors: dict[str, Any] = {}
    _check(actor, values, errors)
    invoice = PartnerInvoice(**passed(values, errors), recorded_by=actor)
    return _INVOICE_RECEIVE.save(invoice, actor=actor, errors=errors)


_INVOICE_UPDATE = Change("invoice_update", events.INVOICE_CHANGED, EDITABLE)


@transaction.atomic
def invoice_update(*, actor: Any, invoice: PartnerInvoice, **fields: Any) -> PartnerInvoice:
    """Change an invoice while it waits for a decision."""
    require(actor, "rewards.change_partnerinvoice", invoice)
    invoice = lock(invoice)
    _common.refuse_once_decided(invoice, NOUN)

    def check(obj: PartnerInvoice, values: dict[str, Any], errors: dict[str, Any]) -> None:
        merged = {"organisation": values.get("organisation", obj.organisation), **values}
        _check(actor, merged, errors)
        values.update({name: merged[name] for name in values if name not in errors})

    return _INVOICE_UPDATE.apply(invoice, actor=actor, fields=fields, check=check, locked=True)


_INVOICE_DELETE = _common.Undecided(
    "rewards.delete_partnerinvoice", events.INVOICE_DELETED, INVOICE_FIELDS, noun=NOUN
)


def invoice_delete(*, actor: Any, invoice: PartnerInvoice) -> None:
    _INVOICE_DELETE.apply(invoice, actor=actor)


def invoice_approve(*, actor: Any, invoice: PartnerInvoice) -> PartnerInvoice:
    return _common.approve(INVOICE, invoice, actor=actor)


def invoice_reject(*, actor: Any, invoice: PartnerInvoice, rejection_reason: str) -> PartnerInvoice:
    return _common.reject(INVOICE, invoice, actor=actor, reason=rejection_reason)


def invoice_pay(
    *, actor: Any, invoice: PartnerInvoice, paid_on: datetime.date, payment_reference: str
) -> PartnerInvoice:
    return _common.pay(
        INVOICE, invoice, actor=actor, paid_on=paid_on, payment_reference=payment_reference
    )
