"""Every write to young people, organisations and staff: validate, check permission, save, audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import can, require
from heard.core.roles import AgeBand, Role, age_band_for_age
from heard.people import importers, selectors
from heard.people.models import Organisation, User, YoungPerson, unused_reference, unused_references

#: Communication and access needs are free text, kept to a length a worker can read at a glance.
NEEDS_MAX_LENGTH = 2000

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "area",
    "contact_name",
    "contact_email",
    "contact_phone",
    "champions",
    "notes",
    "is_active",
)
STAFF_FIELDS = ("email", "full_name", "role", "organisation", "job_title", "is_active")
YOUNG_PERSON_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "age_band",
    "date_of_birth",
    "organisation",
    "area",
    "communication_needs",
    "access_needs",
    "contact_preference",
    "is_active",
)
_STRIPPED = frozenset(
    {"name", "area", "contact_name", "contact_email", "contact_phone", "full_name", "job_title"}
    | {"first_name", "last_name", "preferred_name", "communication_needs", "access_needs", "notes"}
)


def _unknown_fields(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")


def _clean_text(name: str, value: Any) -> Any:
    return value.strip() if name in _STRIPPED and isinstance(value, str) else value


def _full_clean(obj: Any, **kwargs: Any) -> None:
    """``full_clean`` with messages that name the field, never a database constraint."""
    obj.full_clean(validate_constraints=False, **kwargs)


# Organisations (M2) ------------------------------------------------------------------------------


def _check_organisation_name(name: str, *, exclude_pk: int | None = None) -> None:
    if not name:
        raise ValidationError({"name": "Enter the organisation's name."})
    clash = Organisation.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": f"An organisation called {name} already exists."})


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str = Organisation.Kind.VOLUNTARY,
    area: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    champions: Iterable[User] = (),
    notes: str = "",
) -> Organisation:
    require(actor, "people.add_organisation")
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        area=area.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        notes=notes.strip(),
    )
    _check_organisation_name(organisation.name)
    _full_clean(organisation)
    organisation.save()
    organisation.champions.set(list(champions))
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=organisation,
        changes=audit.diff({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User | None, organisation: Organisation, **fields: Any
) -> Organisation:
    require(actor, "people.change_organisation", organisation)
    _unknown_fields(fields, ORGANISATION_FIELDS)
    before = audit.snapshot(organisation, ORGANISATION_FIELDS)
    champions = fields.pop("champions", None)
    for name, value in fields.items():
        setattr(organisation, name, _clean_text(name, value))
    if "name" in fields:
        _check_organisation_name(organisation.name, exclude_pk=organisation.pk)
    _full_clean(organisation)
    organisation.save()
    if champions is not None:
        organisation.champions.set(list(champions))
    changes = audit.diff(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        audit.record(
            actor=actor, action=AuditEntry.Action.UPDATE, obj=organisation, changes=changes
        )
    return organisation


# Staff -------------------------------------------------------------------------------------------


def _check_staff(user: User) -> None:
    if user.role == Role.PARTNER_WORKER and user.organisation_id is None:
        raise ValidationError(
            {"organisation": "Choose the organisation this partner worker keeps records for."}
        )
    clash = User.objects.filter(email__iexact=user.email)
    if user.pk:
        clash = clash.exclude(pk=user.pk)
    if user.email and clash.exists():
        raise ValidationError({"email": "A staff member with this email address already exists."})


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None = None,
    password: str | None = None,
    job_title: str = "",
) -> User:
    """A new staff account. Without a password the account cannot sign in until one is set."""
    require(actor, "people.add_user")
    user = User(
        email=User.objects.normalize_email(email.strip()).lower(),
        full_name=full_name.strip(),
        role=role,
        organisation=organisation,
        job_title=job_title.strip(),
    )
    _check_staff(user)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    _full_clean(user, exclude=["password"])
    user.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=user,
        changes=audit.diff({}, audit.snapshot(user, STAFF_FIELDS)),
    )
    return user


@transaction.atomic
def staff_update(*, actor: User | None, user: User, **fields: Any) -> User:
    """Change a staff account: details, role, organisation, or deactivate it (never delete)."""
    require(actor, "people.change_user", user)
    _unknown_fields(fields, STAFF_FIELDS)
    if actor is not None and actor.pk == user.pk:
        if fields.get("is_active", True) is False:
            raise ValidationError({"is_active": "You cannot deactivate your own account."})
        if fields.get("role", Role.ADMINISTRATOR) != Role.ADMINISTRATOR:
            raise ValidationError({"role": "You cannot remove your own administrator role."})
    before = audit.snapshot(user, STAFF_FIELDS)
    for name, value in fields.items():
        setattr(user, name, _clean_text(name, value))
    if "email" in fields:
        user.email = User.objects.normalize_email(user.email).lower()
    _check_staff(user)
    _full_clean(user, exclude=["password"])
    user.save()
    changes = audit.diff(before, audit.snapshot(user, STAFF_FIELDS))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=user, changes=changes)
    return user


# Young people (M1) -------------------------------------------------------------------------------


def age_on(date_of_birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


_NAME_FIELDS = ("first_name", "last_name", "preferred_name", "area")


def _model_field(name: str) -> Any:
    return YoungPerson._meta.get_field(name)


def young_person_problems(
    values: dict[str, Any], *, today: datetime.date | None = None
) -> dict[str, str]:
    """Human messages for the values that are wrong, by field (pages, API and importer alike).

    An empty age band with a date of birth gets the band derived into ``values``.
    """
    problems: dict[str, str] = {}
    today = today or timezone.localdate()
    if not (values.get("first_name") or "").strip():
        problems["first_name"] = "Enter the young person's first name."
    limits = {name: _model_field(name).max_length for name in _NAME_FIELDS}
    limits |= {"communication_needs": NEEDS_MAX_LENGTH, "access_needs": NEEDS_MAX_LENGTH}
    for name, limit in limits.items():
        if len(values.get(name) or "") > limit:
            label = _model_field(name).verbose_name
            problems[name] = f"The {label} must be {limit} characters or fewer."
    band = values.get("age_band") or ""
    if band and band not in AgeBand.values:
        problems["age_band"] = "Choose an age band from the list."
    date_of_birth = values.get("date_of_birth")
    if date_of_birth is not None:
        if date_of_birth > today:
            problems["date_of_birth"] = "The date of birth must be in the past."
        else:
            derived = age_band_for_age(age_on(date_of_birth, today))
            if derived is None:
                problems["date_of_birth"] = "Heard records children and young people aged 0 to 25."
            elif not band:
                values["age_band"] = derived
            elif band in AgeBand.values and band != derived:
                problems["age_band"] = (
                    f"The age band does not match the date of birth, which gives "
                    f"{AgeBand(derived).label}."
                )
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
    }
    values = {name: _clean_text(name, value) for name, value in values.items()}
    young_person = YoungPerson(organisation=organisation, **values)
    require(actor, "people.add_youngperson", young_person)
    problems = young_person_problems(values)
    if not organisation.is_active:
        problems["organisation"] = f"{organisation.name} is no longer active in the partnership."
    if problems:
        raise ValidationError(problems)
    young_person.age_band = values["age_band"]
    young_person.reference = unused_reference()
    _full_clean(young_person)
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
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=young_person,
        changes=audit.diff(
            {}, audit.snapshot(young_person, (*YOUNG_PERSON_FIELDS, "possible_duplicate_of"))
        ),
    )
    return young_person


@transaction.atomic
def young_person_update(
    *, actor: User | None, young_person: YoungPerson, **fields: Any
) -> YoungPerson:
    require(actor, "people.change_youngperson", young_person)
    _unknown_fields(fields, YOUNG_PERSON_FIELDS)
    before = audit.snapshot(young_person, YOUNG_PERSON_FIELDS)
    for name, value in fields.items():
        setattr(young_person, name, _clean_text(name, value))
    if "organisation" in fields:
        # Moving a record to another organisation needs the right to keep records there too.
        require(actor, "people.change_youngperson", young_person)
    values = {name: getattr(young_person, name) for name in YOUNG_PERSON_FIELDS}
    if "age_band" not in fields and "date_of_birth" not in fields:
        values["date_of_birth"] = None  # the band may have aged out of date: only check on change
    elif "age_band" not in fields and fields.get("date_of_birth"):
        values["age_band"] = ""  # a new date of birth on its own sets the band
    problems = young_person_problems(values)
    if "organisation" in fields and not young_person.organisation.is_active:
        problems["organisation"] = "Choose an organisation that is active in the partnership."
    if problems:
        raise ValidationError(problems)
    young_person.age_band = values["age_band"]
    _full_clean(young_person)
    young_person.save()
    changes = audit.diff(before, audit.snapshot(young_person, YOUNG_PERSON_FIELDS))
    if changes:
        audit.record(
            actor=actor, action=AuditEntry.Action.UPDATE, obj=young_person, changes=changes
        )
    return young_person


# The CSV import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import found (every bad row) and, for a clean real run, what it created."""

    total_rows: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    created: list[YoungPerson] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors


#: A row's key for possible duplicates: first name (lower case), age band, organisation id.
DuplicateKey = tuple[str, str, int]


def _duplicate_key(values: dict[str, Any]) -> DuplicateKey:
    return (values["first_name"].strip().lower(), values["age_band"], values["organisation"].pk)


def _register_matches(rows: list[importers.Row]) -> dict[DuplicateKey, list[tuple[str, int]]]:
    """``(reference, pk)`` of the records on the register that each row's key matches, for the
    whole file in one query (the rule of ``selectors.possible_duplicates``)."""
    keys = {
        _duplicate_key(row.values)
        for row in rows
        if not row.errors and row.values.get("organisation") is not None
    }
    matches: dict[DuplicateKey, list[tuple[str, int]]] = {}
    if not keys:
        return matches
    candidates = (
        YoungPerson.objects.annotate(first_name_lower=Lower("first_name"))
        .filter(
            first_name_lower__in={key[0] for key in keys},
            age_band__in={key[1] for key in keys},
            organisation_id__in={key[2] for key in keys},
        )
        .order_by("reference")
        .values_list("first_name_lower", "age_band", "organisation_id", "reference", "pk")
    )
    for first, band, organisation_id, reference, pk in candidates:
        key = (first, band, organisation_id)
        if key in keys:
            matches.setdefault(key, []).append((reference, pk))
    return matches


class _RollBack(Exception):
    pass


def _row_errors(
    actor: User | None, rows: list[importers.Row], today: datetime.date
) -> tuple[list[tuple[int, str, str]], dict[DuplicateKey, list[tuple[str, int]]]]:
    """Every row's problems, and the register's records that the clean rows' keys match."""
    errors: list[tuple[int, str, str]] = []
    seen: dict[DuplicateKey, int] = {}
    exact: dict[tuple[Any, ...], int] = {}
    for row in rows:
        values = row.values
        already = {name for name, _ in row.errors}
        if "date_of_birth" in already:
            already.add("age_band")  # no band to check or derive without a readable date
        for name, message in young_person_problems(values, today=today).items():
            if name not in already:
                row.errors.append((name, message))
        organisation = values.get("organisation")
        if organisation is not None and not can(
            actor, "people.add_youngperson", YoungPerson(organisation=organisation)
        ):
            row.errors.append(
                ("organisation", "You can only add young people to your own organisation.")
            )
    on_register = _register_matches(rows)
    for row in rows:
        values = row.values
        if not row.errors and values.get("organisation") is not None:
            key = _duplicate_key(values)
            first, band, organisation_id = key
            same = (first, (values.get("last_name") or "").strip().lower(), band, organisation_id)
            identical = (*same, values.get("date_of_birth"), values.get("preferred_name"))
            if identical in exact:
                row.errors.append(
                    ("first_name", f"This row repeats line {exact[identical]} of the file.")
                )
            elif not row.confirm_not_duplicate:
                if key in seen:
                    row.errors.append(
                        (
                            "first_name",
                            f"This may be the same young person as line {seen[key]}: add 'yes' "
                            "in a confirm_not_duplicate column if it is not.",
                        )
                    )
                elif key in on_register:
                    refs = ", ".join(reference for reference, _ in on_register[key])
                    row.errors.append(
                        (
                            "first_name",
                            f"This may be a young person already on the register: {refs}. "
                            "Add 'yes' in a confirm_not_duplicate column if it is not.",
                        )
                    )
            exact.setdefault(identical, row.line)
            seen.setdefault(key, row.line)
        errors.extend((row.line, name, message) for name, message in row.errors)
    return errors, on_register


def _create_young_people(
    actor: User | None,
    rows: list[importers.Row],
    on_register: dict[DuplicateKey, list[tuple[str, int]]],
) -> list[YoungPerson]:
    """Create checked rows in bulk, as ``young_person_create`` would one by one: each record
    cleaned, linked to the records it may duplicate (on the register, or earlier in the file),
    and audited. Fixed queries for the whole file."""
    people: list[YoungPerson] = []
    for row, reference in zip(rows, unused_references(len(rows)), strict=True):
        values = {name: _clean_text(name, value) for name, value in row.values.items()}
        young_person = YoungPerson(reference=reference, **values)
        # The organisation was read from the register by the importer, and the reference was
        # drawn unused just now: the per-row queries full_clean would make for them are skipped.
        _full_clean(young_person, exclude=["organisation"], validate_unique=False)
        people.append(young_person)
    YoungPerson.objects.bulk_create(people, batch_size=1000)

    link = YoungPerson.possible_duplicate_of.through
    links: list[Any] = []
    duplicates_of: dict[int, list[int]] = {}
    earlier: dict[DuplicateKey, list[int]] = {}
    for young_person, row in zip(people, rows, strict=True):
        key = _duplicate_key(row.values)
        duplicates = [pk for _, pk in on_register.get(key, [])] + earlier.get(key, [])
        duplicates_of[young_person.pk] = duplicates
        links.extend(
            link(from_youngperson_id=young_person.pk, to_youngperson_id=pk) for pk in duplicates
        )
        earlier.setdefault(key, []).append(young_person.pk)
    link.objects.bulk_create(links, batch_size=1000)

    audit.record_many(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        entries=(
            (
                young_person,
                audit.diff(
                    {},
                    audit.snapshot(young_person, YOUNG_PERSON_FIELDS)
                    | {"possible_duplicate_of": sorted(duplicates_of[young_person.pk], key=str)},
                ),
            )
            for young_person in people
        ),
    )
    by_organisation: dict[Organisation, int] = {}
    for young_person in people:
        by_organisation[young_person.organisation] = (
            by_organisation.get(young_person.organisation, 0) + 1
        )
    audit.record_many(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        entries=(
            (organisation, {"young_people_imported": [None, count]})
            for organisation, count in by_organisation.items()
        ),
    )
    return people


def young_people_import(
    *, actor: User | None, file: IO[str] | IO[bytes] | bytes | str, dry_run: bool
) -> ImportResult:
    """Check a CSV of young people; when the whole file is clean (and not a dry run), add them all.

    Nothing is imported while any row is wrong: a dry run reports every problem with its line.
    Every row is checked as ``young_person_create`` checks one, but the file is read against the
    register in a fixed number of queries and written in bulk (10,000 rows in seconds).
    """
    require(actor, "people.import_youngperson")
    parsed = importers.parse_young_people_csv(file)
    result = ImportResult(total_rows=len(parsed.rows), errors=list(parsed.errors), dry_run=dry_run)
    if result.errors:
        return result
    today = timezone.localdate()
    if dry_run:
        result.errors, _ = _row_errors(actor, parsed.rows, today)
        return result
    try:
        with transaction.atomic():
            # Checked again inside the transaction that writes, against the register as it is.
            result.errors, on_register = _row_errors(actor, parsed.rows, today)
            if result.errors:
                raise _RollBack
            result.created = _create_young_people(actor, parsed.rows, on_register)
    except _RollBack:
        result.created = []
    return result
