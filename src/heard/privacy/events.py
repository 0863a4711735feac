"""The audit log's event types for consent, equality data, anonymisation, subject access and
reach settings (``heard.core.events``).

Entries here never hold personal values (names, notes, equality answers): an equality record's
entry names the questions answered, not the answers, and anonymisation names its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, DELETE, READ, UPDATE, event, read_through, record_events


def _format(metadata: Mapping[str, Any]) -> str:
    return f"Exported as {str(metadata.get('format', '')).upper()}"


_reason = read_through(
    "reason", {"retention": "Retention period ended", "erasure": "Erasure on request"}
)


def _questions(metadata: Mapping[str, Any]) -> str:
    fields = [str(name).replace("_", " ") for name in metadata.get("fields") or []]
    return f"Questions answered or changed: {', '.join(fields) or 'none'}"


_because = read_through(
    "because",
    {
        "consent_withdrawn": "Consent to equality monitoring data was withdrawn",
        "anonymised": "The young person's record was anonymised",
    },
)


CONSENT_RECORDED = event("consent.recorded", "Recorded a consent", action=CREATE)
CONSENT_WITHDRAWN = event("consent.withdrawn", "Withdrew the consent", action=UPDATE)

EQUALITY_RECORDED = event(
    "equality_record.recorded",
    "Recorded equality monitoring",
    action=CREATE,
    describe=_questions,
    example={"fields": ["gender", "ethnicity"]},
)
EQUALITY_CHANGED = event(
    "equality_record.changed",
    "Changed equality monitoring",
    action=UPDATE,
    describe=_questions,
    example={"fields": ["religion"]},
)
EQUALITY_READ = event("equality_record.read", "Read equality monitoring", action=READ)
EQUALITY_DELETED = event(
    "equality_record.deleted",
    "Deleted equality monitoring",
    action=DELETE,
    describe=_because,
    example={"because": "consent_withdrawn"},
)

YOUNG_PERSON_ANONYMISED = event(
    "young_person.anonymised",
    "Anonymised the record",
    action=UPDATE,
    describe=_reason,
    example={"reason": "erasure"},
)
ANONYMISATION_RECORDED = event(
    "anonymisation.recorded",
    "Recorded the anonymisation",
    action=CREATE,
    describe=_reason,
    example={"reason": "retention"},
)
SUBJECT_ACCESS_EXPORTED = event(
    "subject_access.exported",
    "Exported everything held (subject access)",
    action=READ,
    describe=_format,
    example={"format": "pdf"},
)
EXPENSE_CLAIM_EXPIRED = event(
    "expense_claim.expired",
    "Deleted the expense claim at the end of its retention period",
    action=DELETE,
    describe=lambda metadata: f"Settled on {metadata.get('settled_on', '')}",
    example={"settled_on": "2019-05-31"},
)

BENCHMARK_SET, BENCHMARK_CHANGED = record_events(
    "benchmark_share", "benchmark share", added=("set", "Set a")
)
TARGET_SET, TARGET_CHANGED = record_events(
    "least_heard_target", "least-heard target", added=("set", "Set a")
)
