"""Recognitions given to young people: certificates, accreditations, vouchers and hours."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import is_partner_worker, is_system, require
from heard.core.updates import Change, Creation, Removal, passed, plain_text
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson
from heard.rewards import events
from heard.rewards.models import Recognition

Kind = Recognition.Kind
RECOGNITION_FIELDS = (
    "young_person",
    "kind",
    "title",
    "date",
    "organisation",
    "accreditation_body",
    "accreditation_level",
    "voucher_value",
    "voucher_supplier",
    "hours",
    "details",
)
#: The details each kind has; the others' are emptied.
KIND_FIELDS = {
    Kind.CERTIFICATE: (),
    Kind.ACCREDITATION: ("accreditation_body", "accreditation_level"),
    Kind.VOUCHER: ("voucher_value", "voucher_supplier"),
    Kind.HOURS: ("hours",),
}
REQUIRED = {
    "accreditation_body": "Enter the awarding body, like “ASDAN”.",
    "accreditation_level": "Enter the level, like “Level 1” or “Bronze”.",
    "voucher_value": "Enter the voucher's value in pounds.",
    "voucher_supplier": "Enter who supplies the voucher, like “Love2shop”.",
    "hours": "Enter the volunteering hours.",
}
TEXT_FIELDS = ("title", "accreditation_body", "accreditation_level", "voucher_supplier", "details")
UNSEEN = gettext_noop("Choose a young person you can see.")
NOT_YOURS = gettext_noop("Choose your own organisation.")
UNKNOWN_KIND = gettext_noop("Choose a certificate, accreditation, voucher or volunteering hours.")


def _check(actor: Any, values: dict[str, Any], errors: dict[str, Any]) -> None:
    """Normalise the text, check the kind's details (emptying the other kinds') and who and
    which organisation."""
    for name in TEXT_FIELDS:
        values[name] = plain_text(values.get(name))
    kind = values.get("kind")
    if kind not in Kind.values:
        errors["kind"] = _(UNKNOWN_KIND)
        return
    for other, names in KIND_FIELDS.items():
        for name in names:
            if other != kind:
                values[name] = None if name in ("voucher_value", "hours") else ""
            elif values.get(name) in (None, ""):
                errors[name] = REQUIRED[name]
    person = values.get("young_person")
    if not people_selectors.sees_young_person(actor, person):
        errors["young_person"] = _(UNSEEN)
    organisation = values.get("organisation")
    if not isinstance(organisation, Organisation) or (
        not is_system(actor)
        and is_partner_worker(actor)
        and organisation.pk != actor.organisation_id
    ):
        errors["organisation"] = _(NOT_YOURS)


_RECOGNITION_GIVE = Creation(events.RECOGNITION_GIVEN, RECOGNITION_FIELDS, exclude=["given_by"])


@transaction.atomic
def recognition_give(
    *,
    actor: Any,
    young_person: YoungPerson,
    kind: str,
    title: str,
    date: datetime.date,
    organisation: Organisation,
    accreditation_body: str = "",
    accreditation_level: str = "",
    voucher_value: Decimal | None = None,
    voucher_supplier: str = "",
    hours: Decimal | None = None,
    details: str = "",
) -> Recognition:
    """Give a young person a recognition (a partner worker: their own organisation's)."""
    require(actor, "rewards.add_recognition", young_person)
    values: dict[str, Any] = {
        "young_person": young_person,
        "kind": kind,
        "title": title,
        "date": date,
        "organisation": organisation,
        "accreditation_body": accreditation_body,
        "accreditation_level": accreditation_level,
        "voucher_value": voucher_value,
        "voucher_supplier": voucher_supplier,
        "hours": hours,
        "details": details,
    }
    errors: dict[str, Any] = {}
    _check(actor, values, errors)
    recognition = Recognition(**passed(values, errors), given_by=actor)
    return _RECOGNITION_GIVE.save(recognition, actor=actor, errors=errors)


_RECOGNITION_UPDATE = Change(
    "recognition_update", events.RECOGNITION_CHANGED, RECOGNITION_FIELDS, audited=RECOGNITION_FIELDS
)


@transaction.atomic
def recognition_update(*, actor: Any, recognition: Recognition, **fields: Any) -> Recognition:
    require(actor, "rewards.change_recognition", recognition)

    def check(obj: Recognition, values: dict[str, Any], errors: dict[str, Any]) -> None:
        merged = {name: values.get(name, getattr(obj, name)) for name in RECOGNITION_FIELDS}
        _check(actor, merged, errors)
        values.update({name: merged[name] for name in RECOGNITION_FIELDS if name not in errors})

    return _RECOGNITION_UPDATE.apply(recognition, actor=actor, fields=fields, check=check)


_RECOGNITION_DELETE = Removal(
    "rewards.delete_recognition", events.RECOGNITION_DELETED, RECOGNITION_FIELDS
)


def recognition_delete(*, actor: Any, recognition: Recognition) -> None:
    _RECOGNITION_DELETE.apply(recognition, actor=actor)
