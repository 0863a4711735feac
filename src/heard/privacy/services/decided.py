"""What anonymisation and retention do to the records of the apps where young people decide
(issue 19; reached through their relations to a young person, ``selectors.decided``, ADR 0012).

On anonymisation, so that no result changes and nothing identifies the young person:

- ballots stay, on the anonymised record: the turnout of a round keeps its count and the one
  ballot per round still holds; the choices were never linked to anyone (ADR 0011);
- ideas they proposed stay as the round put them on the ballot, proposed by "A young person";
- survey responses stay with every choice and scale answer, so the results do not change; each
  free-text answer's words are replaced by :data:`REMOVED_ANSWER` (a view made from one is a
  view, kept without the name like every view);
- opportunity sign-ups are deleted (the attendance they turned into stays in the session);
- recognitions stay for the hours and the partners' totals; their free-text details are
  cleared, in the audit log too;
- expense claims stay, with their receipts, on the anonymised record: finance must keep them
  (``retention.FINANCE_RETENTION_YEARS``), and retention deletes them after that.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from heard.core import audit
from heard.core.models import AuditEntry
from heard.people.models import YoungPerson
from heard.privacy import events, selectors
from heard.privacy.selectors.decided import held

#: What a free-text survey answer reads once the young person's record is anonymised.
REMOVED_ANSWER = "[Removed when the young person's record was anonymised]"
#: The free text of a recognition that anonymisation clears.
RECOGNITION_TEXT = frozenset({"details"})


def decided_records_anonymise(young_person: YoungPerson) -> dict[str, int]:
    """Remove what the decide apps' records say of ``young_person`` (see the module): call in
    the anonymisation's transaction. Returns how many of each were removed, for its audit."""
    answers = 0
    for response in held(young_person, "survey_responses"):
        answers += (
            response.answers.exclude(text="")
            .exclude(text=REMOVED_ANSWER)
            .update(text=REMOVED_ANSWER)
        )
    recognitions = list(held(young_person, "recognitions").exclude(details=""))
    for recognition in recognitions:
        AuditEntry.objects.about(recognition).scrub(RECOGNITION_TEXT)
    held(young_person, "recognitions").filter(pk__in=[r.pk for r in recognitions]).update(
        details=""
    )
    sign_ups, _ = held(young_person, "opportunity_sign_ups").delete()
    return {
        "survey_answers_removed": answers,
        "recognition_details_removed": len(recognitions),
        "sign_ups_deleted": sign_ups,
    }


def _delete_receipts(names: list[str], storage: Any) -> None:
    for name in names:
        storage.delete(name)


@transaction.atomic
def expense_claim_expire(claim: Any) -> None:
    """Delete a settled claim at the end of its retention period, with its items; the receipt
    files go once the deletion is committed. Done by Heard itself."""
    items = list(claim.items.all())
    receipts = [item.receipt.name for item in items if item.receipt]
    if items and receipts:
        storage = items[0].receipt.storage
        transaction.on_commit(lambda: _delete_receipts(receipts, storage))
    audit.record(
        actor=None,
        event=events.EXPENSE_CLAIM_EXPIRED,
        obj=claim,
        metadata={"settled_on": (claim.paid_on or claim.decided_on).isoformat()},
    )
    claim.delete()


def expense_claims_expire(*, today: datetime.date, dry_run: bool) -> list[int]:
    """Delete every claim past its retention period (unless ``dry_run``); their ids."""
    due = list(selectors.expense_claims_due(today=today))
    ids = [claim.pk for claim in due]
    if not dry_run:
        for claim in due:
            expense_claim_expire(claim)
    return ids
