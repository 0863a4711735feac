"""Equality monitoring: special category data, kept only with a current consent.

Its audit entries name the questions answered or changed, never the answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import record_created
from heard.people.models import YoungPerson
from heard.privacy import events, selectors
from heard.privacy.models import EQUALITY_FIELDS, Consent, EqualityRecord


@transaction.atomic
def equality_record_save(
    *, actor: Any, young_person: YoungPerson, **answers: Any
) -> EqualityRecord:
    """Create or change a young person's equality record. Needs their current consent to equality
    data. Every answer is optional; "prefer not to say" is always allowed."""
    require(actor, "privacy.change_equalityrecord", young_person)
    unknown = set(answers) - set(EQUALITY_FIELDS)
    if unknown:
        raise TypeError(f"equality_record_save() got unknown fields: {', '.join(sorted(unknown))}")
    if not selectors.consent_current(young_person, Consent.Purpose.EQUALITY_DATA):
        raise ValidationError(
            {
                "__all__": _(
                    "%(reference)s has no current consent to equality monitoring data. "
                    "Record their consent first."
                )
                % {"reference": young_person.reference}
            }
        )
    record = EqualityRecord.objects.filter(young_person=young_person).first()
    created = record is None
    if record is None:
        record = EqualityRecord(young_person=young_person)
    before = audit.snapshot(record, EQUALITY_FIELDS)
    for name, value in answers.items():
        setattr(record, name, "" if value is None else str(value).strip())
    if record.gender != "another_way":
        record.gender_description = ""
    record.full_clean()
    changed = sorted(audit.diff(before, audit.snapshot(record, EQUALITY_FIELDS)))
    if created:
        record.save()
        record_created(
            record,
            actor=actor,
            event=events.EQUALITY_RECORDED,
            fields=["young_person"],
            metadata={"fields": changed},
        )
    elif changed:
        record.save(update_fields=[*changed, "updated_at"])
        audit.record(
            actor=actor, event=events.EQUALITY_CHANGED, obj=record, metadata={"fields": changed}
        )
    return record


@transaction.atomic
def equality_record_read(*, actor: Any, young_person: YoungPerson) -> EqualityRecord | None:
    """A young person's equality record for the three roles allowed it; the read is audited."""
    require(actor, "privacy.view_equalityrecord", young_person)
    record = EqualityRecord.objects.filter(young_person=young_person).first()
    if record is not None:
        audit.record(actor=actor, event=events.EQUALITY_READ, obj=record)
    return record


def equality_record_remove(*, actor: Any, young_person: YoungPerson, because: str) -> bool:
    """Delete the young person's equality record (their consent was withdrawn, or their record
    anonymised ``because``), audited."""
    record = EqualityRecord.objects.filter(young_person=young_person).first()
    if record is None:
        return False
    audit.record(
        actor=actor,
        event=events.EQUALITY_DELETED,
        obj=record,
        changes={"young_person": [young_person.pk, None]},
        metadata={"because": because},
    )
    record.delete()
    return True
