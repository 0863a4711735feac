"""Anonymisation: erasure on request, and the retention run that anonymises whoever's last
involvement is older than the partnership's retention period."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import require
from heard.people.models import YoungPerson
from heard.portal import services as portal_services
from heard.privacy import events, selectors
from heard.privacy.models import Anonymisation, Consent
from heard.privacy.services.decided import decided_records_anonymise, expense_claims_expire
from heard.privacy.services.equality import equality_record_remove

logger = logging.getLogger("heard.privacy")

#: What a young person's names become when their record is anonymised.
ANONYMOUS_NAME = "Anonymised"
#: The fields of a young person's record that anonymisation clears (with their empty values).
PERSONAL_FIELDS: dict[str, Any] = {
    "first_name": ANONYMOUS_NAME,
    "last_name": "",
    "preferred_name": "",
    "date_of_birth": None,
    "area": "",
    "communication_needs": "",
    "access_needs": "",
    "contact_email": "",
    "contact_preference": YoungPerson.ContactPreference.VIA_WORKER,
}


def _consent_counts(consents: list[Consent]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for consent in consents:
        figures = counts.setdefault(consent.purpose, {"given": 0, "withdrawn": 0})
        figures["given"] += 1
        figures["withdrawn"] += consent.withdrawn_on is not None
    return counts


@transaction.atomic
def young_person_anonymise(
    *,
    actor: Any,
    young_person: YoungPerson,
    reason: str = Anonymisation.Reason.ERASURE,
    last_involvement: datetime.date | None = None,
) -> Anonymisation:
    """Remove what identifies a young person, keeping the record, its attendances and views so
    every count stays the same. Names become "Anonymised"; date of birth, area, needs and contact
    preference are cleared; equality data is deleted; consents are kept as counts only; portal
    sign-in codes are revoked; the records of the apps where young people decide lose what
    identifies them while every result stays the same (``services.decided``)."""
    require(actor, "privacy.erase_youngperson", young_person)
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if Anonymisation.objects.filter(young_person=young_person).exists():
        raise ValidationError(
            {
                "__all__": gettext("%(reference)s is already anonymised.")
                % {"reference": young_person.reference}
            }
        )
    if reason not in Anonymisation.Reason.values:
        raise ValidationError({"reason": gettext("Choose why the record is anonymised.")})
    consents = list(Consent.objects.filter(young_person=young_person))
    for name, value in PERSONAL_FIELDS.items():
        setattr(young_person, name, value)
    young_person.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
    young_person.possible_duplicate_of.clear()
    equality_record_remove(actor=actor, young_person=young_person, because="anonymised")
    Consent.objects.filter(pk__in=[c.pk for c in consents]).delete()
    for code in young_person.sign_in_codes.filter(revoked_at__isnull=True):  # type: ignore[attr-defined]
        portal_services.sign_in_code_revoke(actor=None, code=code)
    # Past entries keep that these fields changed, never the removed values themselves: the
    # one exception to the audit log's being append-only (ADR 0009).
    AuditEntry.objects.about(young_person).scrub(frozenset(PERSONAL_FIELDS))
    removed = decided_records_anonymise(young_person)
    anonymisation = Anonymisation.objects.create(
        young_person=young_person,
        reason=reason,
        last_involvement=last_involvement,
        consent_counts=_consent_counts(consents),
        by=actor if actor is not None and actor.is_authenticated else None,
    )
    metadata = {"reason": str(reason)}
    audit.record(
        actor=actor, event=events.YOUNG_PERSON_ANONYMISED, obj=young_person, metadata=metadata
    )
    audit.record(
        actor=actor,
        event=events.ANONYMISATION_RECORDED,
        obj=anonymisation,
        metadata={**metadata, **removed},
    )
    return anonymisation


@dataclass
class RetentionResult:
    dry_run: bool
    cutoff: datetime.date
    due: list[tuple[str, datetime.date | None]] = field(default_factory=list)
    #: The expense claims settled before ``claims_cutoff`` (``selectors.finance_cutoff``).
    claims: list[int] = field(default_factory=list)
    claims_cutoff: datetime.date | None = None

    @property
    def count(self) -> int:
        return len(self.due)


def _retention_anonymise(young_person: YoungPerson, last: datetime.date | None) -> bool:
    """Anonymise one young person due for retention; False if someone anonymised them between
    the run's listing and now (a person erasing the record, or another run)."""
    try:
        young_person_anonymise(
            actor=None,
            young_person=young_person,
            reason=Anonymisation.Reason.RETENTION,
            last_involvement=last,
        )
    except ValidationError:
        if Anonymisation.objects.filter(young_person=young_person).exists():
            return False
        raise
    return True


def retention_run(
    *,
    today: datetime.date,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RetentionResult:
    """Anonymise every young person whose last involvement is older than the retention period,
    then delete the expense claims settled before the finance retention period.

    Safe to run daily: each record is anonymised once, in its own transaction, by Heard itself.
    Logs counts and references only, never names. ``progress(done, total)``, if given, is told
    after each young person.
    """
    due = selectors.retention_due(today=today)
    result = RetentionResult(dry_run=dry_run, cutoff=selectors.retention_cutoff(today))
    for done, (young_person, last) in enumerate(due, start=1):
        # Anonymised by someone else since it was listed: not this run's.
        if dry_run or _retention_anonymise(young_person, last):
            result.due.append((young_person.reference, last))
        if progress is not None:  # ``heard retention``'s bar (heard.jobs.cli)
            progress(done, len(due))
    result.claims = expense_claims_expire(today=today, dry_run=dry_run)
    result.claims_cutoff = selectors.finance_cutoff(today)
    logger.info(
        "retention %s: %d young people %s (last involvement before %s): %s",
        "dry run" if dry_run else "run",
        result.count,
        "due" if dry_run else "anonymised",
        result.cutoff.isoformat(),
        ", ".join(reference for reference, _ in result.due) or "none",
    )
    logger.info(
        "retention %s: %d expense claims %s (settled before %s)",
        "dry run" if dry_run else "run",
        len(result.claims),
        "due" if dry_run else "deleted",
        result.claims_cutoff.isoformat(),
    )
    return result
