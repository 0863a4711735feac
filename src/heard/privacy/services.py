"""Every write about consent, equality data, anonymisation and reach settings (M13, M15).

Each service validates, checks permission, saves and writes its audit entry in one transaction.
Audit entries here never hold personal values (names, notes, equality answers): only which fields
changed, so that the audit log itself does not keep what anonymisation removes.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import logging
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from heard.core import audit
from heard.core.models import AuditEntry, Partnership
from heard.core.permissions import can, require
from heard.people.models import YoungPerson
from heard.portal import services as portal_services
from heard.privacy import selectors
from heard.privacy.models import (
    Anonymisation,
    BenchmarkShare,
    Characteristic,
    Consent,
    EqualityRecord,
    LeastHeardGroup,
    LeastHeardTarget,
)
from heard.voice import services as voice_services
from heard.voice.models import View

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
    "contact_preference": YoungPerson.ContactPreference.VIA_WORKER,
}
#: The uses of a view each consent allows (``voice.consents`` asks for the same when a view is
#: recorded): withdrawing the consent makes those views of the young person internal.
USES_ALLOWED_BY: dict[str, tuple[str, ...]] = {
    Consent.Purpose.QUOTES: (View.Consent.QUOTE_ANONYMOUSLY, View.Consent.QUOTE_FIRST_NAME),
    Consent.Purpose.PUBLISHING: (View.Consent.PUBLISH,),
}
EQUALITY_FIELDS = (
    "gender",
    "gender_description",
    "ethnicity",
    "disability",
    "send",
    "care_status",
    "young_carer",
    "religion",
    "sexual_orientation",
    "area",
)


def _date(value: Any, name: str, what: str, errors: dict[str, str]) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            errors[name] = f"Enter the date {what} as a real date, for example 2026-11-20."
            return None
    if not isinstance(value, datetime.date):
        errors[name] = f"Enter the date {what}."
        return None
    if value > timezone.localdate():
        errors[name] = f"The date {what} cannot be in the future."
    return value


def _choice(value: Any, choices: Any, name: str, what: str, errors: dict[str, str]) -> str:
    if value not in choices.values:
        errors[name] = f"Choose {what}."
    return str(value)


def _text(value: Any, name: str, limit: int, errors: dict[str, str]) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        errors[name] = f"Keep this to {limit} characters or fewer (it has {len(text)})."
    return text


# Consent ------------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    young_person: YoungPerson,
    purpose: str,
    given_by: str,
    given_on: datetime.date | str,
    how: str,
    notes: str = "",
) -> Consent:
    """Record a consent. Under the partnership's parent-consent age, only taking part may be
    agreed by the young person alone; everything else needs a parent's or carer's consent."""
    require(actor, "privacy.add_consent", young_person)
    errors: dict[str, str] = {}
    purpose = _choice(purpose, Consent.Purpose, "purpose", "what the consent is for", errors)
    given_by = _choice(given_by, Consent.GivenBy, "given_by", "who gave the consent", errors)
    how = _choice(how, Consent.How, "how", "how the consent was given", errors)
    given = _date(given_on, "given_on", "the consent was given", errors)
    notes = _text(notes, "notes", 2000, errors)
    if "purpose" not in errors and selectors.consent_current(young_person, purpose):
        errors["purpose"] = (
            f"{young_person.reference} already has a current consent to "
            f"{Consent.Purpose(purpose).label.lower()}. Withdraw it before recording a new one."
        )
    if (
        not errors
        and purpose != Consent.Purpose.TAKING_PART
        and given_by == Consent.GivenBy.YOUNG_PERSON
        and given is not None
    ):
        under = Partnership.current().parent_consent_under_age
        if selectors.may_be_under(young_person, under, on=given):
            errors["given_by"] = (
                f"{young_person.reference} is, or may be, under {under}: a parent's or carer's "
                f"consent is needed for {Consent.Purpose(purpose).label.lower()}. Only taking "
                "part can be agreed by the young person alone at this age."
            )
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        young_person=young_person,
        purpose=purpose,
        given_by=given_by,
        given_on=cast(datetime.date, given),
        how=how,
        notes=notes,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    consent.full_clean()
    consent.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=consent,
        changes=audit.snapshot(consent, ["young_person", "purpose", "given_by", "given_on", "how"]),
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    actor: Any,
    consent: Consent,
    withdrawn_on: datetime.date | str,
    withdrawn_by: str,
    withdrawn_how: str,
    notes: str = "",
) -> Consent:
    """Withdraw a consent and stop the use at once, everywhere.

    Quotes: every view naming the young person that may be quoted becomes internal; publishing:
    every such view that may be published does (through the voice service, audited, so it leaves
    the public page and poster now). Equality data: their equality record is deleted.
    Photographs: ``selectors.photos_allowed`` is False from now on, and every image on a view
    they gave is withheld on the next request, on every page and the API (``voice.consents``
    reads the consents with the images: nothing to update, nothing cached).
    """
    require(actor, "privacy.change_consent", consent)
    consent = Consent.objects.select_for_update().select_related("young_person").get(pk=consent.pk)
    errors: dict[str, str] = {}
    if consent.withdrawn_on is not None:
        errors["withdrawn_on"] = f"This consent was already withdrawn on {consent.withdrawn_on}."
    withdrawn = _date(withdrawn_on, "withdrawn_on", "the consent was withdrawn", errors)
    withdrawn_by = _choice(
        withdrawn_by, Consent.GivenBy, "withdrawn_by", "who withdrew the consent", errors
    )
    withdrawn_how = _choice(
        withdrawn_how, Consent.How, "withdrawn_how", "how the consent was withdrawn", errors
    )
    notes = _text(notes, "notes", 2000, errors)
    if withdrawn is not None and "withdrawn_on" not in errors and withdrawn < consent.given_on:
        errors["withdrawn_on"] = "A consent cannot be withdrawn before the date it was given."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(consent, ["withdrawn_on", "withdrawn_by", "withdrawn_how"])
    consent.withdrawn_on = withdrawn
    consent.withdrawn_by = withdrawn_by
    consent.withdrawn_how = withdrawn_how
    if notes:
        consent.notes = f"{consent.notes}\n{notes}".strip()
    consent.full_clean()
    consent.save()
    after = audit.snapshot(consent, ["withdrawn_on", "withdrawn_by", "withdrawn_how"])
    audit.record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=consent, changes=audit.diff(before, after)
    )
    young_person = consent.young_person
    if consent.purpose in USES_ALLOWED_BY:
        _stop_using(actor=actor, young_person=young_person, uses=USES_ALLOWED_BY[consent.purpose])
    elif consent.purpose == Consent.Purpose.EQUALITY_DATA:
        _equality_record_remove(actor=actor, young_person=young_person)
    return consent


def _stop_using(*, actor: Any, young_person: YoungPerson, uses: tuple[str, ...]) -> int:
    """Make every view naming the young person that is used so internal. The withdrawal is the
    authority: a view the actor may not otherwise change is changed by Heard itself (audited, no
    actor)."""
    views = list(View.objects.filter(young_people=young_person, consent__in=uses).order_by("pk"))
    for view in views:
        by = actor if actor is not None and can(actor, "voice.change_view", view) else None
        voice_services.view_update(actor=by, view=view, consent=View.Consent.INTERNAL)
    return len(views)


# Equality monitoring ------------------------------------------------------------------------------


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
                "__all__": f"{young_person.reference} has no current consent to equality "
                "monitoring data. Record their consent first."
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
    record.save()
    changed = sorted(audit.diff(before, audit.snapshot(record, EQUALITY_FIELDS)))
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=record,
        changes={"fields": changed, "young_person": young_person.pk},
    )
    return record


@transaction.atomic
def equality_record_read(*, actor: Any, young_person: YoungPerson) -> EqualityRecord | None:
    """A young person's equality record for the three roles allowed it; the read is audited."""
    require(actor, "privacy.view_equalityrecord", young_person)
    record = EqualityRecord.objects.filter(young_person=young_person).first()
    if record is not None:
        audit.record(actor=actor, action=AuditEntry.Action.READ, obj=record)
    return record


def _equality_record_remove(*, actor: Any, young_person: YoungPerson) -> bool:
    record = EqualityRecord.objects.filter(young_person=young_person).first()
    if record is None:
        return False
    audit.record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=record,
        changes={"young_person": young_person.pk},
    )
    record.delete()
    return True


# Anonymisation: retention and erasure -------------------------------------------------------------


def _scrub_audit_history(young_person: YoungPerson, consent_ids: list[int]) -> None:
    """Past audit entries keep what changed, never the removed values themselves."""
    entries = AuditEntry.objects.filter(
        object_type=YoungPerson._meta.label_lower, object_id=str(young_person.pk)
    )
    for entry in entries:
        changes = entry.changes or {}
        if any(name in changes for name in PERSONAL_FIELDS):
            entry.changes = {
                name: ("[anonymised]" if name in PERSONAL_FIELDS else value)
                for name, value in changes.items()
            }
            entry.save(update_fields=["changes"])
    AuditEntry.objects.filter(
        object_type=Consent._meta.label_lower, object_id__in=[str(pk) for pk in consent_ids]
    ).update(object_label="")


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
    sign-in codes are revoked."""
    require(actor, "privacy.erase_youngperson", young_person)
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if Anonymisation.objects.filter(young_person=young_person).exists():
        raise ValidationError({"__all__": f"{young_person.reference} is already anonymised."})
    if reason not in Anonymisation.Reason.values:
        raise ValidationError({"reason": "Choose why the record is anonymised."})
    consents = list(Consent.objects.filter(young_person=young_person))
    counts: dict[str, dict[str, int]] = {}
    for consent in consents:
        figures = counts.setdefault(consent.purpose, {"given": 0, "withdrawn": 0})
        figures["given"] += 1
        figures["withdrawn"] += consent.withdrawn_on is not None
    for name, value in PERSONAL_FIELDS.items():
        setattr(young_person, name, value)
    young_person.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
    young_person.possible_duplicate_of.clear()
    _equality_record_remove(actor=actor, young_person=young_person)
    Consent.objects.filter(pk__in=[c.pk for c in consents]).delete()
    for code in young_person.sign_in_codes.filter(revoked_at__isnull=True):  # type: ignore[attr-defined]
        portal_services.sign_in_code_revoke(actor=None, code=code)
    _scrub_audit_history(young_person, [c.pk for c in consents])
    anonymisation = Anonymisation.objects.create(
        young_person=young_person,
        reason=reason,
        last_involvement=last_involvement,
        consent_counts=counts,
        by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=young_person,
        changes={"anonymised": [None, str(reason)], "fields": sorted(PERSONAL_FIELDS)},
    )
    audit.record(actor=actor, action=AuditEntry.Action.CREATE, obj=anonymisation)
    return anonymisation


@dataclass
class RetentionResult:
    dry_run: bool
    cutoff: datetime.date
    due: list[tuple[str, datetime.date | None]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.due)


def retention_run(*, today: datetime.date, dry_run: bool = False) -> RetentionResult:
    """Anonymise every young person whose last involvement is older than the retention period.

    Safe to run daily: each record is anonymised once, in its own transaction, by Heard itself.
    Logs counts and references only, never names.
    """
    due = selectors.retention_due(today=today)
    result = RetentionResult(dry_run=dry_run, cutoff=selectors.retention_cutoff(today))
    for young_person, last in due:
        result.due.append((young_person.reference, last))
        if not dry_run:
            young_person_anonymise(
                actor=None,
                young_person=young_person,
                reason=Anonymisation.Reason.RETENTION,
                last_involvement=last,
            )
    logger.info(
        "retention %s: %d young people %s (last involvement before %s): %s",
        "dry run" if dry_run else "run",
        result.count,
        "due" if dry_run else "anonymised",
        result.cutoff.isoformat(),
        ", ".join(reference for reference, _ in result.due) or "none",
    )
    return result


# Subject access -----------------------------------------------------------------------------------


@transaction.atomic
def subject_access_export(*, actor: Any, young_person: YoungPerson, format: str) -> dict[str, Any]:
    """Everything Heard holds about one young person (never other children's data, never
    safeguarding concerns), for an export; the read is audited."""
    require(actor, "privacy.export_subject_access", young_person)
    data = selectors.subject_access_data(young_person)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.READ,
        obj=young_person,
        changes={"subject_access_export": format},
    )
    return data


# Benchmarks and least-heard targets --------------------------------------------------------------


def _benchmark_errors(
    characteristic: Any, value: Any, share: Any, area: Any, source: Any
) -> tuple[dict[str, str], dict[str, Any]]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    clean["characteristic"] = _choice(
        characteristic, Characteristic, "characteristic", "a characteristic", errors
    )
    clean["value"] = _text(value, "value", 100, errors)
    if not clean["value"]:
        errors["value"] = "Enter the value, for example in_care or Cambridge."
    elif "characteristic" not in errors and not selectors.is_known_value(
        clean["characteristic"], clean["value"]
    ):
        errors["value"] = (
            f"{clean['value']} is not a value of {Characteristic(clean['characteristic']).label}."
        )
    try:
        clean["share"] = decimal.Decimal(str(share).strip().rstrip("%"))
        if not clean["share"].is_finite() or not 0 <= clean["share"] <= 100:
            raise decimal.InvalidOperation
    except (decimal.InvalidOperation, ValueError):
        errors["share"] = "Enter the share as a percentage from 0 to 100, for example 12.5."
    clean["area"] = _text(area, "area", 100, errors)
    clean["source"] = _text(source, "source", 200, errors)
    return errors, clean


@transaction.atomic
def benchmark_share_save(
    *,
    actor: Any,
    characteristic: str,
    value: str,
    share: decimal.Decimal | float | str,
    area: str = "",
    source: str = "",
) -> BenchmarkShare:
    """Set the benchmark population share for one characteristic value (in an area)."""
    require(actor, "privacy.change_benchmarkshare")
    errors, clean = _benchmark_errors(characteristic, value, share, area, source)
    if errors:
        raise ValidationError(errors)
    benchmark = BenchmarkShare.objects.filter(
        characteristic=clean["characteristic"], value=clean["value"], area=clean["area"]
    ).first()
    created = benchmark is None
    if benchmark is None:
        benchmark = BenchmarkShare(
            characteristic=clean["characteristic"], value=clean["value"], area=clean["area"]
        )
    before = audit.snapshot(benchmark, ["share", "source"])
    benchmark.share = clean["share"]
    benchmark.source = clean["source"]
    benchmark.full_clean()
    benchmark.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=benchmark,
        changes=audit.diff(before, audit.snapshot(benchmark, ["share", "source"])),
    )
    return benchmark


BENCHMARK_CSV_COLUMNS = ("characteristic", "value", "area", "share", "source")


@transaction.atomic
def benchmark_shares_import(*, actor: Any, text: str) -> list[BenchmarkShare]:
    """Import benchmark shares from CSV (columns characteristic, value, area, share, source):
    all rows or none. Errors name the row."""
    require(actor, "privacy.change_benchmarkshare")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"characteristic", "value", "share"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(
            {"file": f"The file needs the columns {', '.join(BENCHMARK_CSV_COLUMNS)}."}
        )
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2):
        errors, clean = _benchmark_errors(
            row.get("characteristic", "").strip(),
            row.get("value", ""),
            row.get("share", ""),
            row.get("area", ""),
            row.get("source", ""),
        )
        problems += [f"Row {number}: {message}" for message in errors.values()]
        rows.append(clean)
    if problems:
        raise ValidationError({"file": problems})
    if not rows:
        raise ValidationError({"file": "The file has no rows."})
    return [benchmark_share_save(actor=actor, **row) for row in rows]


@transaction.atomic
def least_heard_target_save(
    *,
    actor: Any,
    group: str,
    target: int,
    start: datetime.date | str,
    end: datetime.date | str,
    name: str = "",
    characteristic: str = "",
    value: str = "",
    instance: LeastHeardTarget | None = None,
) -> LeastHeardTarget:
    """Create (or, with ``instance``, change) a target for a least-heard group in a period."""
    require(actor, "privacy.change_leastheardtarget")
    errors: dict[str, str] = {}
    group = _choice(group, LeastHeardGroup, "group", "a least-heard group", errors)
    if not isinstance(target, int) or isinstance(target, bool) or target < 0:
        errors["target"] = "Enter the target as a whole number, 0 or more."
    dates: dict[str, datetime.date | None] = {}
    for key, raw in (("start", start), ("end", end)):
        if isinstance(raw, str):
            try:
                raw = datetime.date.fromisoformat(raw)
            except ValueError:
                errors[key] = "Enter a real date, for example 2026-04-01."
        dates[key] = raw if isinstance(raw, datetime.date) else None
        if dates[key] is None and key not in errors:
            errors[key] = "Enter a date."
    if dates["start"] and dates["end"] and dates["end"] < dates["start"]:
        errors["end"] = "The end of the period must be on or after its start."
    name = _text(name, "name", 100, errors)
    value = _text(value, "value", 100, errors)
    if group == LeastHeardGroup.NAMED:
        if not name:
            errors["name"] = "Name the group."
        _choice(characteristic, Characteristic, "characteristic", "a characteristic", errors)
        if "characteristic" not in errors and not selectors.is_known_value(characteristic, value):
            errors["value"] = "Enter a value of that characteristic."
    else:
        characteristic, value = "", ""
    if errors:
        raise ValidationError(errors)
    item = instance or LeastHeardTarget()
    fields = ["group", "name", "characteristic", "value", "target", "start", "end"]
    before = audit.snapshot(item, fields) if instance else {}
    item.group, item.name, item.characteristic, item.value = group, name, characteristic, value
    item.target = target
    item.start, item.end = dates["start"], dates["end"]  # type: ignore[assignment]
    item.full_clean()
    item.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if instance else AuditEntry.Action.CREATE,
        obj=item,
        changes=audit.diff(before, audit.snapshot(item, fields)),
    )
    return item
