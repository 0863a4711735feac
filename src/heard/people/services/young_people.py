"""Young people (M1): the checks every way in shares, and adding or changing one record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from heard.core.permissions import require
from heard.core.roles import AgeBand, age_band_for_age
from heard.core.updates import Change, record_created
from heard.people import events, selectors
from heard.people.models import Organisation, User, YoungPerson, unused_reference
from heard.people.services._common import (
    NEEDS_MAX_LENGTH,
    YOUNG_PERSON_FIELDS,
    clean_values,
    full_clean,
)

_NAME_FIELDS = ("first_name", "last_name", "preferred_name", "area")


def age_on(date_of_birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


def _model_field(name: str) -> Any:
    return YoungPerson._meta.get_field(name)


def _length_problems(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    limits = {name: _model_field(name).max_length for name in _NAME_FIELDS}
    limits |= {"communication_needs": NEEDS_MAX_LENGTH, "access_needs": NEEDS_MAX_LENGTH}
    for name, limit in limits.items():
        if len(values.get(name) or "") > limit:
            label = _model_field(name).verbose_name
            problems[name] = f"The {label} must be {limit} characters or fewer."
    return problems


def _date_of_birth_problems(
    values: dict[str, Any], problems: dict[str, str], today: datetime.date
) -> None:
    """The date of birth against today and the band; an empty band is derived from it."""
    date_of_birth = values.get("date_of_birth")
    if date_of_birth is None:
        return
    band = values.get("age_band") or ""
    if date_of_birth > today:
        problems["date_of_birth"] = "The date of birth must be in the past."
        return
    derived = age_band_for_age(age_on(date_of_birth, today))
    if derived is None:
        problems["date_of_birth"] = "Heard records children and young people aged 0 to 25."
    elif not band:
        values["age_band"] = derived
    elif band in AgeBand.values and band != derived:
        problems["age_band"] = (
            f"The age band does not match the date of birth, which gives {AgeBand(derived).label}."
        )


def young_person_problems(
    values: dict[str, Any], *, today: datetime.date | None = None
) -> dict[str, str]:
    """Human messages for the values that are wrong, by field (pages, API and importer alike).

    An empty age band with a date of birth gets the band derived into ``values``.
    """
    problems: dict[str, str] = {}
    if not (values.get("first_name") or "").strip():
        problems["first_name"] = "Enter the young person's first name."
    problems |= _length_problems(values)
    band = values.get("age_band") or ""
    if band and band not in AgeBand.values:
        problems["age_band"] = "Choose an age band from the list."
    _date_of_birth_problems(values, problems, today or timezone.localdate())
    if not values.get("age_band") and "age_band" not in problems:
        problems["age_band"] = "Choose an age band, or give a date of birth."
    return problems


def duplicate_message(references: Iterable[str]) -> str:
    refs = ", ".join(references)
    return (
        f"This may be a young person already on the register: {refs}. Check the record, "
        "or confirm that this is a different young person."
    )


class PossibleDuplicateError(ValidationError):
    """The new record looks like one on the register (same first name, band, organisation)."""

    def __init__(self, duplicates: Iterable[YoungPerson]) -> None:
        self.duplicates = list(duplicates)
        message = duplicate_message(yp.reference for yp in self.duplicates)
        super().__init__(
            {"confirm_not_duplicate": ValidationError(message, code="possible_duplicate")}
        )
        self.code = "possible_duplicate"


@transaction.atomic
def young_person_create(
    *,
    actor: User | None,
    first_name: str,
    age_band: str,
    organisation: Organisation,
    last_name: str = "",
    preferred_name: str = "",
    date_of_birth: datetime.date | None = None,
    area: str = "",
    communication_needs: str = "",
    access_needs: str = "",
    contact_preference: str = YoungPerson.ContactPreference.VIA_WORKER,
    contact_email: str = "",
    confirm_not_duplicate: bool = False,
) -> YoungPerson:
    values: dict[str, Any] = {
        "first_name": first_name,
        "last_name": last_name,
        "preferred_name": preferred_name,
        "age_band": age_band,
        "date_of_birth": date_of_birth,
        "area": area,
        "communication_needs": communication_needs,
        "access_needs": access_needs,
        "contact_preference": contact_preference,
        "contact_email": contact_email,
    }
    clean_values(values)
    young_person = YoungPerson(organisation=organisation, **values)
    require(actor, "people.add_youngperson", young_person)
    problems = young_person_problems(values)
    if not organisation.is_active:
        problems["organisation"] = f"{organisation.name} is no longer active in the partnership."
    if problems:
        raise ValidationError(problems)
    young_person.age_band = values["age_band"]
    young_person.reference = unused_reference()
    full_clean(young_person)
    duplicates = list(
        selectors.possible_duplicates(
            first_name=young_person.first_name,
            age_band=young_person.age_band,
            organisation=organisation,
        )
    )
    if duplicates and not confirm_not_duplicate:
        raise PossibleDuplicateError(duplicates)
    young_person.save()
    if duplicates:
        young_person.possible_duplicate_of.set(duplicates)
    audited = (*YOUNG_PERSON_FIELDS, "possible_duplicate_of")
    record_created(young_person, actor=actor, event=events.YOUNG_PERSON_CREATED, fields=audited)
    return young_person


_CHANGE = Change(
    "young_person_update", events.YOUNG_PERSON_CHANGED, YOUNG_PERSON_FIELDS, YOUNG_PERSON_FIELDS
)


def young_person_update(
    *, actor: User | None, young_person: YoungPerson, **fields: Any
) -> YoungPerson:
    require(actor, "people.change_youngperson", young_person)

    def check(record: YoungPerson, values: dict[str, Any], errors: dict[str, Any]) -> None:
        clean_values(values)
        moved_to = values.get("organisation")
        if moved_to is not None:
            # Moving a record to another organisation needs the right to keep records there too.
            require(actor, "people.change_youngperson", YoungPerson(organisation=moved_to))
        errors.update(_update_problems(record, values))

    return _CHANGE.apply(young_person, actor=actor, fields=fields, check=check)


def _update_problems(record: YoungPerson, values: dict[str, Any]) -> dict[str, str]:
    """The checks of a new record, on the record as changed; the band is checked against the date
    of birth only when either changes (a band may have aged out of date), and a new date of birth
    on its own sets the band (into ``values``)."""
    whole = {name: values.get(name, getattr(record, name)) for name in YOUNG_PERSON_FIELDS}
    if "age_band" not in values and "date_of_birth" not in values:
        whole["date_of_birth"] = None
    elif "age_band" not in values and values.get("date_of_birth"):
        whole["age_band"] = ""
    problems = young_person_problems(whole)
    if "age_band" not in problems and whole["age_band"] != record.age_band:
        values["age_band"] = whole["age_band"]
    moved_to = values.get("organisation")
    if moved_to is not None and not moved_to.is_active:
        problems["organisation"] = "Choose an organisation that is active in the partnership."
    return problems
