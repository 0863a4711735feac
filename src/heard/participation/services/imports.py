"""Importing sessions from a CSV file, in bulk: every row checked by the rules a session logged
on the page is checked by (``checks.draft_session``), nothing kept unless every row is clean.

The register is read once for the file (``checks.FileRegister``), the rows are checked with no
query of their own, and a clean file is written in a few statements for each ``BATCH`` rows (the
sessions, their links, attendances and audit entries, one ``bulk_create`` each, so a job's page
can count the rows as they go), then the new sessions merged into the summaries
(``summary_additions``). At 5,000 rows that replaces about 20 queries a row (100,000) with a few
dozen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from heard.core import audit
from heard.core.permissions import require
from heard.groups import selectors as group_selectors
from heard.groups.models import Group
from heard.participation import importers, summaries, summary_additions
from heard.participation.events import SESSION_IMPORTED
from heard.participation.importers import ImportResult
from heard.participation.models import Attendance, Session
from heard.participation.services.checks import (
    SESSION_RELATIONS,
    Draft,
    FileRegister,
    draft_session,
)
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

#: Rows per INSERT statement (well under SQLite's limit on query parameters).
BATCH = 500


def _readable(actor: Any) -> tuple[Any, Any]:
    if actor is None:
        return Group.objects.all(), YoungPerson.objects.all()
    return (
        group_selectors.groups_visible_to(actor),
        people_selectors.young_people_visible_to(actor),
    )


Rows = list[tuple[int, dict[str, str]]]
#: Told how many more rows are written: ``Progress.advance`` of a job (``heard.jobs.progress``).
Advance = Callable[[int], object]


def _drafts(actor: Any, rows: Rows, result: ImportResult) -> list[Draft]:
    """Every row resolved and checked; the problems of the bad ones go in ``result``."""
    groups, young_people = _readable(actor)
    resolver = importers.SessionRowResolver(groups=groups, young_people=young_people)
    resolver.prepare(rows)
    register = FileRegister(
        actor,
        groups=[group for named in resolver.groups.values() for group in named],
        young_people=resolver.young_person_ids(),
    )
    drafts: list[Draft] = []
    for line, row in rows:
        values, problems = resolver.resolve(line, row)
        if problems:
            result.errors.extend(problems)
            continue
        try:
            drafts.append(draft_session(register, **values))
        except ValidationError as exc:
            result.errors.extend(importers.problems_from(line, exc))
        else:
            result.valid_rows += 1
    return drafts


def _write(actor: Any, drafts: list[Draft], *, in_file: int) -> list[Session]:
    """Write one chunk of checked sessions with their links, attendances and audit entries."""
    sessions = Session.objects.bulk_create([draft.session for draft in drafts], batch_size=BATCH)
    for name in SESSION_RELATIONS:
        link = getattr(Session, name)
        through, column = link.through, f"{link.field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            [
                through(session_id=draft.session.pk, **{column: item.pk})
                for draft in drafts
                for item in draft.relations.get(name, [])
            ],
            batch_size=BATCH,
        )
    Attendance.objects.bulk_create(
        [
            Attendance(session_id=draft.session.pk, young_person_id=person.pk, status=status)
            for draft in drafts
            for person, status in draft.pairs
        ],
        batch_size=BATCH,
    )
    audit.record_many(
        actor=actor,
        entries=[(draft.session, draft.changes()) for draft in drafts],
        event=SESSION_IMPORTED,
        metadata={"sessions": in_file},
    )
    return sessions


def _save(actor: Any, drafts: list[Draft], progress: Advance | None) -> list[Session]:
    """Write the checked sessions ``BATCH`` at a time, then the summaries, as one operation.

    ``progress`` hears of each chunk's rows as the next chunk starts and of the last chunk's
    once everything is written, so a run that fails never reports every row done."""
    sessions: list[Session] = []
    held = 0
    with audit.operation():
        for start in range(0, len(drafts), BATCH):
            if progress is not None and held:
                progress(held)
            chunk = drafts[start : start + BATCH]
            sessions.extend(_write(actor, chunk, in_file=len(drafts)))
            held = len(chunk)
        groups = {session.group_id for session in sessions}
        summary_additions.add([session.pk for session in sessions], groups=groups)
        summaries.refresh_last_sessions(groups)
    if progress is not None and held:
        progress(held)
    return sessions


@transaction.atomic
def sessions_import(
    *, actor: Any, file: IO[Any], dry_run: bool = False, progress: Advance | None = None
) -> ImportResult:
    """Import sessions from CSV: nothing is kept unless every row is clean. A dry run checks
    every row as a real run does and writes nothing. ``progress(rows)`` is told of the rows
    written as they are (a job's ``Progress.advance``), all within this one transaction."""
    require(actor, "participation.import_session")
    result = ImportResult(dry_run=dry_run)
    rows, problems = importers.read_rows(file)
    result.errors.extend(problems)
    if problems:
        return result
    result.total_rows = len(rows)
    drafts = _drafts(actor, rows, result)
    if not result.errors and not dry_run:
        result.created = _save(actor, drafts, progress)
    return result
