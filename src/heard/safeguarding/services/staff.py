"""Programme staff record background checks and safeguarding training, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from heard.core.permissions import require
from heard.core.updates import audited_update, full_clean, record_created
from heard.people.models import User
from heard.safeguarding import events, selectors
from heard.safeguarding.models import BackgroundCheck, TrainingRecord
from heard.safeguarding.services._common import _refuse

CHECK_FIELDS = ("staff", "kind", "certificate_number", "issued_on", "renewal_due")
TRAINING_FIELDS = ("staff", "course", "completed_on", "expires_on")


def _check_staff(staff: Any, errors: dict[str, Any]) -> None:
    if not isinstance(staff, User) or not selectors.staff_choices().filter(pk=staff.pk).exists():
        errors["staff"] = gettext("Choose an active member of staff.")


def _record(actor: Any, obj: Any, staff: Any, event: Any, fields: Any) -> Any:
    """Validate, save and audit a new check or training record ``obj`` for ``staff``."""
    require(actor, f"safeguarding.add_{obj._meta.model_name}")
    errors: dict[str, Any] = {}
    _check_staff(staff, errors)
    if not errors:
        obj.staff = staff
    full_clean(obj, errors)
    _refuse(errors)
    obj.save()
    record_created(obj, actor=actor, event=event, fields=fields)
    return obj


def _staff_check(obj: Any, fields: dict[str, Any], errors: dict[str, Any]) -> None:
    """``audited_update``'s check for a staff record: an active member of staff, and the
    values as stored (a certificate number without spaces, a course without them around)."""
    if "staff" in fields:
        _check_staff(fields["staff"], errors)
    if "certificate_number" in fields:
        fields["certificate_number"] = (fields["certificate_number"] or "").replace(" ", "")
    if "course" in fields:
        fields["course"] = (fields["course"] or "").strip()


def staff_record_update(
    actor: Any, obj: Any, fields: dict[str, Any], event: Any, allowed: Any
) -> Any:
    """Change a check or training record: programme staff, audited, only what changed."""
    require(actor, f"safeguarding.change_{obj._meta.model_name}", obj)
    obj, _ = audited_update(
        obj,
        actor=actor,
        event=event,
        service=f"{obj._meta.verbose_name.replace(' ', '_')}_update",
        fields=fields,
        allowed=allowed,
        check=_staff_check,
    )
    return obj


@transaction.atomic
def background_check_record(
    *,
    actor: Any,
    staff: User,
    certificate_number: str,
    issued_on: datetime.date,
    renewal_due: datetime.date,
    kind: str = BackgroundCheck.Kind.ENHANCED_DBS,
) -> BackgroundCheck:
    check = BackgroundCheck(
        kind=kind,
        certificate_number=(certificate_number or "").replace(" ", ""),
        issued_on=issued_on,
        renewal_due=renewal_due,
    )
    return _record(actor, check, staff, events.BACKGROUND_CHECK_RECORDED, CHECK_FIELDS)


def background_check_update(
    *, actor: Any, check: BackgroundCheck, **fields: Any
) -> BackgroundCheck:
    return staff_record_update(actor, check, fields, events.BACKGROUND_CHECK_CHANGED, CHECK_FIELDS)


@transaction.atomic
def training_record_add(
    *,
    actor: Any,
    staff: User,
    course: str,
    completed_on: datetime.date,
    expires_on: datetime.date | None = None,
) -> TrainingRecord:
    record = TrainingRecord(
        course=(course or "").strip(), completed_on=completed_on, expires_on=expires_on
    )
    return _record(actor, record, staff, events.TRAINING_RECORDED, TRAINING_FIELDS)


def training_record_update(*, actor: Any, record: TrainingRecord, **fields: Any) -> TrainingRecord:
    return staff_record_update(actor, record, fields, events.TRAINING_CHANGED, TRAINING_FIELDS)
