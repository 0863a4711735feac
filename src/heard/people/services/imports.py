"""The CSV import of young people: every row checked as ``young_person_create`` checks one, the
file read against the register in a fixed number of queries and written in bulk, ``CHUNK`` rows
at a time (so a job's page can count them as they go)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from heard.core import audit
from heard.core.permissions import can, require
from heard.core.svc_imports import ImportReport
from heard.people import events, importers
from heard.people.models import User, YoungPerson, unused_references
from heard.people.services._common import YOUNG_PERSON_FIELDS, clean_text, full_clean
from heard.people.services.young_people import young_person_problems

#: ``(line, field, message)``: one problem of the file.
Problem = tuple[int, str, str]
#: A row's key for possible duplicates: first name (lower case), age band, organisation id.
DuplicateKey = tuple[str, str, int]
#: ``(reference, pk)`` of the records on the register each key matches.
Matches = dict[DuplicateKey, list[tuple[str, int]]]
#: Told how many more rows are written: ``Progress.advance`` of a job (``heard.jobs.progress``).
Advance = Callable[[int], object]

#: Rows written (and counted as done) at a time.
CHUNK = 500


class ImportResult(ImportReport[Problem, YoungPerson]):
    """What a young people import found (every bad row) and, for a clean real run, what it
    created."""


def _duplicate_key(values: dict[str, Any]) -> DuplicateKey:
    return (values["first_name"].strip().lower(), values["age_band"], values["organisation"].pk)


def _register_matches(rows: list[importers.Row]) -> Matches:
    """The records on the register that each clean row's key matches, for the whole file in one
    query (the rule of ``selectors.possible_duplicates``)."""
    keys = {_duplicate_key(row.values) for row in rows if not row.errors}
    matches: Matches = {}
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


def _check_values(actor: User | None, row: importers.Row, today: datetime.date) -> None:
    """A row's values as ``young_person_create`` checks them, and the actor's right to add it."""
    already = {name for name, _ in row.errors}
    if "date_of_birth" in already:
        already.add("age_band")  # no band to check or derive without a readable date
    for name, message in young_person_problems(row.values, today=today).items():
        if name not in already:
            row.errors.append((name, message))
    organisation = row.values.get("organisation")
    if organisation is not None and not can(
        actor, "people.add_youngperson", YoungPerson(organisation=organisation)
    ):
        row.errors.append(
            ("organisation", "You can only add young people to your own organisation.")
        )


class _Duplicates:
    """Rows that repeat an earlier line, or look like an earlier line or a record on the register
    (unless the row confirms it is a different young person)."""

    def __init__(self, on_register: Matches) -> None:
        self.on_register = on_register
        self.seen: dict[DuplicateKey, int] = {}
        self.exact: dict[tuple[Any, ...], int] = {}

    def problem(self, row: importers.Row) -> str | None:
        values = row.values
        key = _duplicate_key(values)
        first, band, organisation_id = key
        last = (values.get("last_name") or "").strip().lower()
        born, preferred = values.get("date_of_birth"), values.get("preferred_name")
        identical = (first, last, band, organisation_id, born, preferred)
        repeated, similar = self.exact.setdefault(identical, row.line), self.seen.get(key)
        self.seen.setdefault(key, row.line)
        if repeated != row.line:
            return f"This row repeats line {repeated} of the file."
        if row.confirm_not_duplicate:
            return None
        if similar is not None:
            return (
                f"This may be the same young person as line {similar}: add 'yes' in a "
                "confirm_not_duplicate column if it is not."
            )
        if key in self.on_register:
            refs = ", ".join(reference for reference, _ in self.on_register[key])
            return (
                f"This may be a young person already on the register: {refs}. "
                "Add 'yes' in a confirm_not_duplicate column if it is not."
            )
        return None


def _row_errors(
    actor: User | None, rows: list[importers.Row], today: datetime.date
) -> tuple[list[Problem], Matches]:
    """Every row's problems, and the register's records that the clean rows' keys match."""
    for row in rows:
        _check_values(actor, row, today)
    on_register = _register_matches(rows)
    duplicates = _Duplicates(on_register)
    errors: list[Problem] = []
    for row in rows:
        if not row.errors:
            problem = duplicates.problem(row)
            if problem:
                row.errors.append(("first_name", problem))
        errors.extend((row.line, name, message) for name, message in row.errors)
    return errors, on_register


def _link_duplicates(
    people: list[YoungPerson],
    rows: list[importers.Row],
    on_register: Matches,
    earlier: dict[DuplicateKey, list[int]],
) -> dict[int, list[int]]:
    """Link each new record to the records it may duplicate (on the register, or earlier in the
    file: ``earlier``, kept from chunk to chunk), in bulk; returns them by the new record's id."""
    link = YoungPerson.possible_duplicate_of.through
    links: list[Any] = []
    duplicates_of: dict[int, list[int]] = {}
    for young_person, row in zip(people, rows, strict=True):
        key = _duplicate_key(row.values)
        duplicates = [pk for _, pk in on_register.get(key, [])] + earlier.get(key, [])
        duplicates_of[young_person.pk] = duplicates
        links.extend(
            link(from_youngperson_id=young_person.pk, to_youngperson_id=pk) for pk in duplicates
        )
        earlier.setdefault(key, []).append(young_person.pk)
    link.objects.bulk_create(links, batch_size=1000)
    return duplicates_of


def _create_chunk(
    actor: User | None,
    rows: list[importers.Row],
    references: list[str],
    on_register: Matches,
    earlier: dict[DuplicateKey, list[int]],
) -> list[YoungPerson]:
    """Create one chunk of checked rows in bulk, as ``young_person_create`` would one by one:
    each record cleaned, linked to the records it may duplicate, and audited."""
    people: list[YoungPerson] = []
    for row, reference in zip(rows, references, strict=True):
        values = {name: clean_text(name, value) for name, value in row.values.items()}
        young_person = YoungPerson(reference=reference, **values)
        # The organisation was read from the register by the importer, and the reference was
        # drawn unused just now: the per-row queries full_clean would make for them are skipped.
        full_clean(young_person, exclude=["organisation"], validate_unique=False)
        young_person.set_search_text()  # bulk_create skips save()
        people.append(young_person)
    YoungPerson.objects.bulk_create(people, batch_size=1000)
    duplicates_of = _link_duplicates(people, rows, on_register, earlier)
    audit.record_many(
        actor=actor,
        event=events.YOUNG_PERSON_IMPORTED,
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
    return people


def _record_organisations(actor: User | None, people: list[YoungPerson]) -> None:
    """One entry on each organisation, written in one query for each distinct count."""
    by_count: dict[int, list[Any]] = {}
    for organisation, count in Counter(yp.organisation for yp in people).items():
        by_count.setdefault(count, []).append((organisation, None))
    for count, organisations in by_count.items():
        imported = {"young_people": count}
        audit.record_many(
            actor=actor,
            event=events.YOUNG_PEOPLE_IMPORTED,
            entries=organisations,
            metadata=imported,
        )


def _create_young_people(
    actor: User | None, rows: list[importers.Row], on_register: Matches, progress: Advance | None
) -> list[YoungPerson]:
    """Create checked rows ``CHUNK`` at a time, as one operation, in fixed queries a chunk.

    ``progress`` hears of each chunk's rows as the next chunk starts and of the last chunk's
    once everything is written, so a run that fails never reports every row done."""
    references = unused_references(len(rows))
    people: list[YoungPerson] = []
    earlier: dict[DuplicateKey, list[int]] = {}
    held = 0
    with audit.operation():
        for start in range(0, len(rows), CHUNK):
            if progress is not None and held:
                progress(held)
            end = start + CHUNK
            people += _create_chunk(
                actor, rows[start:end], references[start:end], on_register, earlier
            )
            held = len(rows[start:end])
        _record_organisations(actor, people)
    if progress is not None and held:
        progress(held)
    return people


class _RollBack(Exception):
    pass


def young_people_import(
    *,
    actor: User | None,
    file: IO[str] | IO[bytes] | bytes | str,
    dry_run: bool,
    progress: Advance | None = None,
) -> ImportResult:
    """Check a CSV of young people; when the whole file is clean (and not a dry run), add them all.

    Nothing is imported while any row is wrong: a dry run reports every problem with its line.
    Every row is checked as ``young_person_create`` checks one, but the file is read against the
    register in a fixed number of queries and written in bulk (10,000 rows in seconds).
    ``progress(rows)`` is told of the rows written as they are (a job's ``Progress.advance``),
    all within this one transaction.
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
            result.created = _create_young_people(actor, parsed.rows, on_register, progress)
    except _RollBack:
        result.created = []
    return result
