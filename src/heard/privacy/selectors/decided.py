"""What a young person did where young people decide (issue 19): the ballots they cast, the ideas
they proposed, their survey answers, opportunity sign-ups, recognitions and expense claims, for a
subject access export and for retention.

Those apps (decisions, consultations, opportunities, rewards) sit above privacy in the import
order, so privacy never imports them: it reaches their records through the relations they point
at a young person (``young_person.ballots``), by the accessor names in :data:`HELD` (ADR 0012).
Resources hold nothing about a young person. A ballot says that they voted, never what they
chose: the choices are on a ballot paper with no link to the voter (ADR 0011), so Heard cannot
know.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.db.models import Model, QuerySet

from heard.people.models import YoungPerson

#: What a ballot in the export says of its choices.
CHOICES_NOT_HELD = (
    "Not held: the choices are on a ballot paper with no link to the voter, so Heard cannot "
    "tell what anyone voted for."
)


#: Each relation of the decide apps' records to a young person, by its accessor on
#: ``YoungPerson``, and what anonymisation does to those records (``services.decided``);
#: tests/privacy/test_decided_erasure.py fails when a relation to young people is added that
#: privacy has not decided about.
HELD = {
    "ballots": "kept on the anonymised record: the turnout stays, the choices never had a name",
    "budget_proposals": "kept on the ballot as proposed by a young person",
    "survey_responses": "kept with their choices; free-text answers replaced",
    "opportunity_sign_ups": "deleted",
    "recognitions": "kept for the hours; free-text details cleared",
    "expense_claims": "kept for finance on the anonymised record until their retention ends",
}


def records(accessor: str) -> QuerySet[Any]:
    """Every row of the model that points at young people by ``accessor`` ("ballots"): reached
    through the relation, never imported or looked up by name."""
    model: type[Model] = YoungPerson._meta.get_field(accessor).related_model  # type: ignore[assignment]
    return model._default_manager.all()


def held(young_person: YoungPerson, accessor: str) -> QuerySet[Any]:
    """``young_person``'s rows of the model that points at young people by ``accessor``."""
    manager: Any = getattr(young_person, accessor)
    return manager.all()


def _listed(yp: YoungPerson, accessor: str, by: str, related: str, *prefetch: str) -> Any:
    """:func:`held`'s rows oldest first (``by``, then id), with their ``related`` row and the
    rows named in ``prefetch``: what a section of the export lists."""
    return held(yp, accessor).select_related(related).prefetch_related(*prefetch).order_by(by, "id")


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _ballots(yp: YoungPerson) -> list[dict[str, Any]]:
    ballots = _listed(yp, "ballots", "cast_at", "round")
    return [
        {
            "round": b.round.title,
            "kind": b.round.get_kind_display(),
            "voted_at": _iso(b.cast_at),
            "how": b.get_origin_display(),
            "what_they_chose": CHOICES_NOT_HELD,
        }
        for b in ballots
    ]


def _proposals(yp: YoungPerson) -> list[dict[str, Any]]:
    proposals = _listed(yp, "budget_proposals", "created_at", "round")
    return [
        {
            "round": p.round.title,
            "title": p.title,
            "description": p.description,
            "cost": _money(p.cost),
            "status": p.get_status_display(),
            "chosen": p.chosen,
            "proposed_on": _iso(p.created_at.date()),
        }
        for p in proposals
    ]


def _survey_responses(yp: YoungPerson) -> list[dict[str, Any]]:
    responses = _listed(yp, "survey_responses", "submitted_at", "consultation", "answers__question")
    return [
        {
            "consultation": r.consultation.title,
            "submitted_at": _iso(r.submitted_at),
            "answers": [
                {"question": a.question.text, "answer": a.as_text()} for a in r.answers.all()
            ],
        }
        for r in responses
    ]


def _sign_ups(yp: YoungPerson) -> list[dict[str, Any]]:
    sign_ups = _listed(yp, "opportunity_sign_ups", "signed_up_at", "opportunity")
    return [
        {
            "opportunity": s.opportunity.title,
            "kind": s.opportunity.get_kind_display(),
            "starts": _iso(s.opportunity.starts_at),
            "where": s.opportunity.where,
            "signed_up_at": _iso(s.signed_up_at),
            "how": s.get_how_display(),
            "status": s.get_status_display(),
        }
        for s in sign_ups
    ]


def _recognitions(yp: YoungPerson) -> list[dict[str, Any]]:
    recognitions = _listed(yp, "recognitions", "date", "organisation")
    return [
        {
            "kind": r.get_kind_display(),
            "title": r.title,
            "date": _iso(r.date),
            "organisation": r.organisation.name,
            "accreditation_body": r.accreditation_body,
            "accreditation_level": r.accreditation_level,
            "voucher_value": _money(r.voucher_value),
            "voucher_supplier": r.voucher_supplier,
            "hours": None if r.hours is None else str(r.hours),
            "details": r.details,
        }
        for r in recognitions
    ]


def _receipt(item: Any) -> dict[str, Any] | None:
    if not item.receipt:
        return None
    return {
        "file": PurePosixPath(item.receipt.name).name,
        "type": item.receipt_content_type,
        "size_bytes": item.receipt_size,
    }


def _claim(claim: Any) -> dict[str, Any]:
    items = list(claim.items.all())
    return {
        "organisation": claim.organisation.name,
        "purpose": claim.purpose,
        "status": claim.get_status_display(),
        "submitted_on": _iso(claim.created_at.date()),
        "decided_on": _iso(claim.decided_on),
        "rejection_reason": claim.rejection_reason,
        "paid_on": _iso(claim.paid_on),
        "payment_reference": claim.payment_reference,
        "total": _money(sum((item.amount for item in items), Decimal("0"))),
        "items": [
            {
                "kind": item.get_kind_display(),
                "date": _iso(item.date),
                "description": item.description,
                "amount": _money(item.amount),
                "receipt": _receipt(item),
            }
            for item in items
        ],
    }


def _expense_claims(yp: YoungPerson) -> list[dict[str, Any]]:
    claims = _listed(yp, "expense_claims", "created_at", "organisation", "items")
    return [_claim(claim) for claim in claims]


def decided_data(young_person: YoungPerson) -> dict[str, Any]:
    """The export's sections for what the young person did where young people decide: nine
    queries, however many records. Hours from the sessions they attended are in the sessions."""
    recognitions = _recognitions(young_person)
    hours = sum((Decimal(r["hours"]) for r in recognitions if r["hours"]), Decimal("0.0"))
    return {
        "ballots": _ballots(young_person),
        "proposals": _proposals(young_person),
        "survey_responses": _survey_responses(young_person),
        "opportunity_sign_ups": _sign_ups(young_person),
        "recognitions": recognitions,
        "recognised_hours": str(hours),
        "expense_claims": _expense_claims(young_person),
    }
