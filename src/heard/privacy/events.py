"""The audit log's event types for consent, equality data, anonymisation, subject access and
reach settings (``heard.core.events``).

Entries here never hold personal values (names, notes, equality answers): an equality record's
entry names the questions answered, not the answers, and anonymisation names its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import (
    CREATE,
    DELETE,
    READ,
    UPDATE,
    describes,
    event,
    read_through,
    record_events,
)


@describes(format="pdf")
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

#: An equality record's four events: ``equality_record.<verb>``, "<Verb> equality monitoring".
EQUALITY_RECORDED, EQUALITY_CHANGED, EQUALITY_READ, EQUALITY_DELETED = (
    event(
        f"equality_record.{verb}",
        f"{verb.capitalize()} equality monitoring",
        action=action,
        describe=describe,
        example=example,
    )
    for verb, action, describe, example in (
        ("recorded", CREATE, _questions, {"fields": ["gender", "ethnicity"]}),
        ("changed", UPDATE, _questions, {"fields": ["religion"]}),
        ("read", READ, None, None),
        ("deleted", DELETE, _because, {"because": "consent_withdrawn"}),
    )
)

#: Anonymisation's two events, on the record and on its anonymisation, both naming the reason.
YOUNG_PERSON_ANONYMISED, ANONYMISATION_RECORDED = (
    event(name, label, action=action, describe=_reason, example={"reason": reason})
    for name, label, action, reason in (
        ("young_person.anonymised", "Anonymised the record", UPDATE, "erasure"),
        ("anonymisation.recorded", "Recorded the anonymisation", CREATE, "retention"),
    )
)
SUBJECT_ACCESS_EXPORTED = event(
    "subject_access.exported",
    "Exported everything held (subject access)",
    action=READ,
    describe=_format,
)

BENCHMARK_SET, BENCHMARK_CHANGED = record_events(
    "benchmark_share", "benchmark share", added=("set", "Set a")
)
TARGET_SET, TARGET_CHANGED = record_events(
    "least_heard_target", "least-heard target", added=("set", "Set a")
)

#: Retention deleted a settled expense claim (its metadata: ``settled_on``, the date).
EXPENSE_CLAIM_EXPIRED = event(
    "expense_claim.expired",
    "Deleted the expense claim after its retention period",
    action=DELETE,
)
