"""The rewards records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write (each action on a claim or
invoice in the state it needs, made by Heard itself so the administrator may approve it)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from heard.rewards import services

DAY = datetime.date(2026, 10, 1)


def _claim(organisation: Any, young_person: Any) -> Any:
    item = {"kind": "travel", "date": DAY, "description": "Bus", "amount": Decimal("3.50")}
    return services.claim_submit(
        actor=None,
        organisation=organisation,
        young_person=young_person,
        purpose="Youth council",
        items=[item],
    )


def _invoice(organisation: Any, reference: str) -> Any:
    return services.invoice_record(
        actor=None,
        organisation=organisation,
        reference=reference,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        description="Room hire",
        amount=Decimal("200"),
    )


def reward_requests(
    organisation: Any, young_person: Any, session: Any, today: str
) -> tuple[dict, dict]:
    recognition = services.recognition_give(
        actor=None,
        young_person=young_person,
        kind="certificate",
        title="Youth panel",
        date=DAY,
        organisation=organisation,
    )
    hours = services.session_hours_set(actor=None, session=session, hours="2")
    default = services.hours_default_set(actor=None, session_kind="event", hours="4")
    waiting, to_approve, approved = (_claim(organisation, young_person) for _ in range(3))
    services.claim_approve(actor=None, claim=approved)
    invoice_waiting = _invoice(organisation, "OA-1")
    invoice_to_approve = _invoice(organisation, "OA-2")
    invoice_approved = services.invoice_approve(actor=None, invoice=_invoice(organisation, "OA-3"))
    ids = {
        "/api/v1/recognitions/": recognition.pk,
        "/api/v1/session-hours/": hours.pk,
        "/api/v1/session-hours-defaults/": default.pk,
        "/api/v1/expense-claims/": waiting.pk,
        "/api/v1/expense-claims/{id}/approve/": to_approve.pk,
        "/api/v1/expense-claims/{id}/pay/": approved.pk,
        "/api/v1/partner-invoices/": invoice_waiting.pk,
        "/api/v1/partner-invoices/{id}/approve/": invoice_to_approve.pk,
        "/api/v1/partner-invoices/{id}/pay/": invoice_approved.pk,
    }
    pay = {"paid_on": today, "payment_reference": "BACS-1"}
    bodies = {
        ("post", "/api/v1/recognitions/"): {
            "young_person": young_person.pk,
            "kind": "hours",
            "title": "Volunteering at the annual event",
            "date": today,
            "organisation": organisation.pk,
            "hours": "3.5",
        },
        ("patch", "/api/v1/recognitions/{id}/"): {"title": "Interview panel"},
        ("post", "/api/v1/session-hours/"): {"session": session.pk, "hours": "3"},
        ("post", "/api/v1/session-hours-defaults/"): {"session_kind": "panel", "hours": "2.5"},
        ("post", "/api/v1/expense-claims/"): {
            "organisation": organisation.pk,
            "own_costs": True,
            "purpose": "Mileage",
            "items": [{"kind": "travel", "date": today, "description": "Car", "amount": "9.00"}],
        },
        ("patch", "/api/v1/expense-claims/{id}/"): {"purpose": "Youth council in Ely"},
        ("post", "/api/v1/expense-claims/{id}/approve/"): {},
        ("post", "/api/v1/expense-claims/{id}/reject/"): {"rejection_reason": "No receipt."},
        ("post", "/api/v1/expense-claims/{id}/pay/"): pay,
        ("post", "/api/v1/partner-invoices/"): {
            "organisation": organisation.pk,
            "reference": "OA-9",
            "period_start": "2026-07-01",
            "period_end": "2026-09-30",
            "description": "Transport to the annual event",
            "amount": "120.00",
        },
        ("patch", "/api/v1/partner-invoices/{id}/"): {"amount": "210.00"},
        ("post", "/api/v1/partner-invoices/{id}/approve/"): {},
        ("post", "/api/v1/partner-invoices/{id}/reject/"): {"rejection_reason": "Not agreed."},
        ("post", "/api/v1/partner-invoices/{id}/pay/"): pay,
    }
    return ids, bodies
