"""Recognitions, claims and invoices whose every stored string is a payload, for the
stored-markup crawl (tests/core/test_form_markup.py), and the ids each page needs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from heard.rewards import services

DAY = datetime.date(2026, 3, 1)
#: The young person's portal pages of rewards.
PORTAL_PAGES = ("rewards:portal-certificates",)


def reward_pages(
    organisation: Any, session: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    recognition = services.recognition_give(
        actor=None,
        young_person=young_person,
        kind="accreditation",
        title=payload("Title"),
        date=DAY,
        organisation=organisation,
        accreditation_body=payload("Body"),
        accreditation_level=payload("Level"),
        details=payload("Details"),
    )
    services.session_hours_set(actor=None, session=session, hours="2")
    claim = services.claim_submit(
        actor=None,
        organisation=organisation,
        young_person=young_person,
        purpose=payload("Purpose"),
        items=[
            {"kind": "travel", "date": DAY, "description": payload("Bus"), "amount": Decimal(2)},
            {"kind": "other", "date": DAY, "description": payload("Lunch"), "amount": Decimal(3)},
        ],
    )
    rejected = services.claim_submit(
        actor=None,
        organisation=organisation,
        young_person=young_person,
        purpose=payload("Rejected"),
        items=[{"kind": "travel", "date": DAY, "description": "Bus", "amount": Decimal(2)}],
    )
    services.claim_reject(actor=None, claim=rejected, rejection_reason=payload("Reason"))
    invoice = services.invoice_record(
        actor=None,
        organisation=organisation,
        reference=payload("Ref"),
        period_start=DAY,
        period_end=DAY,
        description=payload("Description"),
        amount=Decimal("10"),
    )
    item = claim.items.order_by("pk").first()
    return {
        "rewards:recognition-detail": {"pk": recognition.pk},
        "rewards:recognition-edit": {"pk": recognition.pk},
        "rewards:recognition-delete": {"pk": recognition.pk},
        "rewards:session-hours-edit": {"pk": session.pk},
        "rewards:claim-detail": {"pk": rejected.pk},
        "rewards:claim-edit": {"pk": claim.pk},
        "rewards:claim-delete": {"pk": claim.pk},
        "rewards:claim-add-item": {"pk": claim.pk},
        "rewards:claim-approve": {"pk": claim.pk},
        "rewards:claim-reject": {"pk": claim.pk},
        "rewards:claim-pay": {"pk": claim.pk},
        "rewards:item-delete": {"pk": item.pk},
        "rewards:invoice-detail": {"pk": invoice.pk},
        "rewards:invoice-edit": {"pk": invoice.pk},
        "rewards:invoice-delete": {"pk": invoice.pk},
        "rewards:invoice-approve": {"pk": invoice.pk},
        "rewards:invoice-reject": {"pk": invoice.pk},
        "rewards:invoice-pay": {"pk": invoice.pk},
    }
