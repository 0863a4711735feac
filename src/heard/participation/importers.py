"""Reading the sessions CSV: turns each row into ``session_log`` arguments, or into clear problems.

The import itself (``services.sessions_import``) checks every row by the rules ``session_log``
checks one session by, so an imported session is checked exactly like one logged on the page.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from heard.core.svc_imports import ImportReport
from heard.groups.models import Group, Theme
from heard.participation.models import Degree, Method, ParticipationType, Session, Standard
from heard.people.models import YoungPerson

COLUMNS = (
    "date",
    "kind",
    "group",
    "young_person",
    "title",
    "degree",
    "participation_type",
    "standards",
    "themes",
    "methods",
    "attendees",
    "monitoring_form_complete",
    "notes",
)
REQUIRED_COLUMNS = ("date", "kind", "degree", "participation_type")
MAX_ROWS = 5000
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
_THEME_WITH_PERIOD = re.compile(r"^(?P<title>.+?)\s*\((?P<period>\d{4}-\d{2})\)$")


class ImportProblem(NamedTuple):
    """One bad cell or row: the line in the file (the header is line 1), the column, and why."""

    line: int
    field: str
    reason: str


@dataclass
class ImportResult(ImportReport[ImportProblem, Session]):
    """What a sessions import found (every bad row, and how many rows were good) and, for a
    clean real run, what it created."""

    valid_rows: int = 0

    @property
    def imported(self) -> int:
        return len(self.created)


def read_rows(file: IO[Any]) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem]]:
    """The data rows with their line numbers (the header is line 1), or the file's problems."""
    data = file.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [
                ImportProblem(1, "file", "The file is not UTF-8 text: save it as CSV UTF-8.")
            ]
    reader = csv.DictReader(io.StringIO(data))
    headers = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if not headers:
        return [], [
            ImportProblem(1, "file", "The file is empty: the first line must name the columns.")
        ]
    problems = [
        ImportProblem(1, name, f"The file needs a column called {name}.")
        for name in REQUIRED_COLUMNS
        if name not in headers
    ]
    if "group" not in headers and "young_person" not in headers:
        problems.append(
            ImportProblem(1, "group", "The file needs a group column or a young_person column.")
        )
    problems.extend(
        ImportProblem(1, name or "(blank)", f"Unknown column: use only {', '.join(COLUMNS)}.")
        for name in headers
        if name not in COLUMNS
    )
    if problems:
        return [], problems
    reader.fieldnames = headers
    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            return [], [
                ImportProblem(reader.line_num, "file", f"Import at most {MAX_ROWS} rows at once.")
            ]
        cleaned = {key: (value or "").strip() for key, value in row.items() if key is not None}
        if None in row:
            problems.append(
                ImportProblem(reader.line_num, "row", "This row has more cells than columns.")
            )
        if any(cleaned.values()):
            rows.append((reader.line_num, cleaned))
    if problems:
        return [], problems
    if not rows:
        return [], [ImportProblem(1, "file", "The file has no rows of sessions.")]
    return rows, []


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _plain(text: str) -> str:
    """Lower-case letters and digits only: "Adult-initiated, shared" is "adult initiated shared"."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _names(choices: Any) -> dict[str, str]:
    """Each way a row may name a choice (its code, its label, the label's first words before a
    bracket), plain, with the code it names."""
    names: dict[str, str] = {}
    for code, label in reversed(choices):
        label = str(label)
        for name in (_plain(label.split(" (")[0]), _plain(label), _plain(code)):
            names[name] = code
    return names


#: The choice columns, with the names each choice goes by: worked out once, not on every row.
CHOICES = {
    name: (choices, _names(choices))
    for name, choices in (
        ("kind", Session.Kind.choices),
        ("degree", Degree.choices),
        ("participation_type", ParticipationType.choices),
    )
}


def problems_from(line: int, exc: ValidationError) -> list[ImportProblem]:
    """A row's problems from the checks' ``ValidationError`` (always by field)."""
    return [
        ImportProblem(line, "row" if name == "__all__" else name, message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


class SessionRowResolver:
    """Looks names, references and labels up once, then resolves every row against them."""

    def __init__(self, *, groups: QuerySet[Group], young_people: QuerySet[YoungPerson]) -> None:
        #: The groups the file names, by name (after :meth:`prepare`).
        self.groups: dict[str, list[Group]] = {}
        self._readable_groups = groups
        self.young_people = young_people
        self._people_cache: dict[str, YoungPerson] = {}
        self.themes = list(Theme.objects.all())
        self.methods = {method.name.lower(): method for method in Method.objects.all()}
        self.standards = {
            key.lower(): row.code
            for row in Standard.objects.all()
            for key in (row.code, row.get_code_display())
        }

    def prepare(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """Look up every group the file names, and every reference, in one query each: only
        those, not every group the actor may log for (15,000 with their leads and themes for an
        administrator at national scale: 35 s of a 5,000-row file)."""
        names = {row["group"] for _, row in rows if row.get("group")}
        for group in self._readable_groups.filter(name__in=names):
            self.groups.setdefault(group.name, []).append(group)
        references = [row.get("young_person", "") for _, row in rows]
        for _, row in rows:
            references.extend(_split(row.get("attendees", "")))
        self._people([ref for ref in references if ref])

    def _people(self, references: list[str]) -> dict[str, YoungPerson]:
        missing = [ref for ref in references if ref.upper() not in self._people_cache]
        if missing:
            for person in self.young_people.filter(reference__in=[ref.upper() for ref in missing]):
                self._people_cache[person.reference] = person
        return {
            ref: self._people_cache[ref.upper()]
            for ref in references
            if ref.upper() in self._people_cache
        }

    def _theme(self, text: str) -> tuple[Theme | None, str]:
        match = _THEME_WITH_PERIOD.match(text)
        if match:
            found = [
                theme
                for theme in self.themes
                if theme.title.lower() == match["title"].lower() and theme.period == match["period"]
            ]
        else:
            found = [theme for theme in self.themes if theme.title.lower() == text.lower()]
        if not found:
            return None, f"No theme is called {text!r}."
        if len(found) > 1:
            return (
                None,
                f'More than one theme is called {text!r}: add the period, like "{text} (2026-27)".',
            )
        return found[0], ""

    def young_person_ids(self) -> list[int]:
        """The young people the file names that the actor may see (after :meth:`prepare`)."""
        return [person.pk for person in self._people_cache.values()]

    def _method(self, text: str) -> tuple[Method | None, str]:
        method = self.methods.get(text.lower())
        return method, "" if method else f"{text!r} is not a method on the list."

    def _standard(self, text: str) -> tuple[str | None, str]:
        code = self.standards.get(text.lower())
        return code, "" if code else f"{text!r} is not a Hear by Right standard."

    def resolve(self, line: int, row: dict[str, str]) -> tuple[dict[str, Any], list[ImportProblem]]:
        """``session_log``'s arguments for one row, or the row's problems."""
        problems: list[ImportProblem] = []

        def problem(name: str, reason: str) -> None:
            problems.append(ImportProblem(line, name, reason))

        values: dict[str, Any] = {name: row.get(name, "") for name in ("date", "title", "notes")}
        values.update(_choices(row, problem))
        values.update(self._subject(row, problem))
        for name, find in (
            ("standards", self._standard),
            ("themes", self._theme),
            ("methods", self._method),
        ):
            values[name] = _listed(row, name, find, problem)
        references = _split(row.get("attendees", ""))
        people = self._people(references)
        for ref in references:
            if ref not in people:
                problem("attendees", f"No young person you can see has the reference {ref!r}.")
        values["attendees"] = [people[ref] for ref in references if ref in people]
        complete = row.get("monitoring_form_complete", "").lower()
        if complete not in _YES | _NO:
            problem("monitoring_form_complete", f"Write yes or no, not {complete!r}.")
        values["monitoring_form_complete"] = complete in _YES
        return values, problems

    def _subject(self, row: dict[str, str], problem: Problem) -> dict[str, Any]:
        values: dict[str, Any] = {}
        group_name = row.get("group", "")
        if group_name:
            matches = self.groups.get(group_name, [])
            if not matches:
                problem("group", f"No group you can log for is called {group_name!r}.")
            elif len(matches) > 1:
                problem("group", f"More than one group is called {group_name!r}.")
            else:
                values["group"] = matches[0]
        reference = row.get("young_person", "")
        if reference:
            person = self._people([reference]).get(reference)
            if person is None:
                problem(
                    "young_person", f"No young person you can see has the reference {reference!r}."
                )
            values["young_person"] = person
        return values


Problem = Callable[[str, str], None]


def _choices(row: dict[str, str], problem: Problem) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for name, (choices, names) in CHOICES.items():
        code = names.get(_plain(row.get(name, "")))
        if code is None:
            allowed = ", ".join(code for code, _ in choices)
            problem(
                name,
                f"{row.get(name, '')!r} is not a {name.replace('_', ' ')}: use one of {allowed}.",
            )
        values[name] = code
    return values


def _listed(
    row: dict[str, str], name: str, find: Callable[[str], tuple[Any, str]], problem: Problem
) -> list[Any]:
    """The items a ``;``-separated cell names, each found by ``find`` or a problem."""
    found = []
    for text in _split(row.get(name, "")):
        item, reason = find(text)
        if item is None:
            problem(name, reason)
        found.append(item)
    return found
