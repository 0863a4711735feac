"""The subject access export as a readable, tagged PDF (PDF/UA-1, heard.core.pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heard.core import pdf

TEMPLATE = Path(__file__).parent / "templates" / "pdf" / "subject_access.typ"

SECTIONS = (
    ("groups", "Groups"),
    ("sessions", "Sessions"),
    ("views", "What they said (views)"),
    ("feedback", "Feedback given to them"),
    ("ratings", "Their ratings"),
    ("consents", "Consents"),
    ("ballots", "Votes cast (never what they chose)"),
    ("proposals", "Ideas they proposed"),
    ("survey_responses", "Survey answers"),
    ("opportunity_sign_ups", "Opportunities signed up for"),
    ("recognitions", "Recognition"),
    ("recognised_hours", "Volunteering hours given to them"),
    ("expense_claims", "Expense claims"),
)


def _readable(value: Any) -> Any:
    """Yes and No for true and false, everywhere in the data."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return {key: _readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_readable(item) for item in value]
    return value


def subject_access_pdf(data: dict[str, Any]) -> bytes:
    return pdf.render(
        TEMPLATE,
        _readable(
            {
                "young_person": data["young_person"],
                "generated_at": data["generated_at"],
                "sections": [{"title": title, "value": data[key]} for key, title in SECTIONS],
                "equality": data["equality_monitoring"],
            }
        ),
    )
