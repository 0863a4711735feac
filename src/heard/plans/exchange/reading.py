"""Reading a plan kept in a spreadsheet (seed 001's layout), without guessing.

Each row is understood as one of: the header, a section row ("1. Shared Values": a standard),
an outcome ("1.2 Recruiting managers ..."), a continuation (empty Outcomes cell: more actions
of the outcome above), a blank row, or a row that cannot be read (said why). Markup as the seed
has it (``<ul>``, ``<p>``) becomes line breaks; "•" starts an action; a line starting "-" holds
sub-items of the action above, each kept as a "- ..." line. Leads, timescales and risks are kept
as written, on the first action of their row. A section name that is not a standard's current
name is asked about: ``choices`` maps it to a standard, or the reading says it is unmapped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils import translation

from heard.core.standards import Standard
from heard.plans.exchange.layout import BULLET

_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
_BREAKS = re.compile(r"<\s*/?\s*(?:br|p|ul|ol|li|div)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SECTION = re.compile(r"^(\d+)\.\s*(\D.*)$", re.DOTALL)
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(.*)$", re.DOTALL)
_SUB_ITEM = re.compile(r"(?:^|\s)-\s+")
#: Initials in a lead cell ("CL PW/CB"): two or three capitals standing alone.
INITIALS = re.compile(r"\b[A-Z]{2,3}\b")


def plain(text: str) -> str:
    """A cell as lines of text: our own export's formula guard removed, markup as line breaks
    (other tags dropped, entities read), each line trimmed, empty lines left out."""
    text = _FORMULA_GUARD.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", _BREAKS.sub("\n", text)))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def actions_in(text: str) -> list[str]:
    """The actions of a Supporting actions cell (already ``plain``), each as its lines."""
    bulleted = BULLET in text
    actions: list[list[str]] = []
    for line in text.split("\n"):
        head, *bullets = (part.strip() for part in line.split(BULLET))
        if head.startswith("-"):
            items = [f"- {item.strip()}" for item in _SUB_ITEM.split(head) if item.strip()]
            if actions:
                actions[-1].extend(items)
            else:
                actions.append(items)
        elif head:
            if bulleted and actions:
                actions[-1].append(head)
            else:
                actions.append([head])
        actions.extend([item] for item in bullets if item)
    return ["\n".join(lines) for lines in actions]


def standard_named(name: str) -> str | None:
    """The standard whose current name (or key) this is, ignoring case; None otherwise. The
    name is read in English (as exported) or in the language of the page."""
    wanted = " ".join(name.split()).casefold()
    for value, label in Standard.choices:
        with translation.override("en"):
            english = str(label)
        if wanted in (english.casefold(), str(label).casefold(), value.replace("_", " ")):
            return value
    return None


@dataclass
class ActionDraft:
    text: str
    lead_text: str = ""
    timescale: str = ""
    risks: str = ""


@dataclass
class OutcomeDraft:
    section: str
    standard: str | None
    number: str
    text: str
    actions: list[ActionDraft] = field(default_factory=list)


@dataclass
class RowReading:
    """How one row was understood, for the dry run."""

    number: int
    kind: str  # header, title, section, outcome, continuation, blank, problem
    note: str = ""
    section: str = ""
    standard: str | None = None
    outcome: OutcomeDraft | None = None
    actions: list[ActionDraft] = field(default_factory=list)

    @property
    def standard_label(self) -> str:
        return str(Standard(self.standard).label) if self.standard else ""


@dataclass
class PlanReading:
    rows: list[RowReading] = field(default_factory=list)
    outcomes: list[OutcomeDraft] = field(default_factory=list)
    #: Section names that are not a standard's current name, in the order they came.
    section_names: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return bool(self.outcomes) and not self.unmapped and not self.problems

    @property
    def action_count(self) -> int:
        return sum(len(outcome.actions) for outcome in self.outcomes)


def _cells(row: list[str]) -> list[str]:
    cells = [plain(value or "") for value in row[:5]]
    return cells + [""] * (5 - len(cells))


def _is_header(cells: list[str]) -> bool:
    return cells[0].casefold().startswith("outcome") and "action" in cells[1].casefold()


def _drafts(cells: list[str]) -> list[ActionDraft]:
    drafts = [ActionDraft(text) for text in actions_in(cells[1])]
    if not drafts and any(cells[2:]):
        drafts = [ActionDraft("")]
    if drafts:
        drafts[0].lead_text, drafts[0].timescale, drafts[0].risks = cells[2], cells[3], cells[4]
    return drafts


class _Reader:
    def __init__(self, choices: dict[str, str]) -> None:
        self.choices = choices
        self.result = PlanReading()
        self.section = ""
        self.standard: str | None = None
        self.outcome: OutcomeDraft | None = None

    def section_row(self, number: int, name: str) -> RowReading:
        self.section = name
        self.standard = standard_named(name)
        if self.standard is None:
            if name not in self.result.section_names:
                self.result.section_names.append(name)
            chosen = self.choices.get(name, "")
            self.standard = chosen if chosen in Standard.values else None
            if self.standard is None and name not in self.result.unmapped:
                self.result.unmapped.append(name)
        note = "" if standard_named(name) else "Not a standard's current name: you choose"
        return RowReading(number, "section", note, section=name, standard=self.standard)

    def outcome_row(self, number: int, cells: list[str]) -> RowReading:
        match = _NUMBERED.match(cells[0])
        outcome_number, text = (match.group(1), match.group(2)) if match else ("", cells[0])
        drafts = _drafts(cells)
        if not self.section:
            self.result.problems.append(f"Row {number}: an outcome before any section row.")
            return RowReading(number, "problem", "An outcome before any section row")
        if not outcome_number and not drafts:
            return RowReading(
                number, "problem", "Left out: only its first cell is filled, with no number"
            )
        self.outcome = OutcomeDraft(self.section, self.standard, outcome_number, text, drafts)
        self.result.outcomes.append(self.outcome)
        return RowReading(
            number,
            "outcome",
            section=self.section,
            standard=self.standard,
            outcome=self.outcome,
            actions=drafts,
        )

    def continuation_row(self, number: int, cells: list[str]) -> RowReading:
        drafts = _drafts(cells)
        if self.outcome is None:
            self.result.problems.append(f"Row {number}: actions with no outcome above them.")
            return RowReading(number, "problem", "Actions with no outcome above them")
        self.outcome.actions.extend(drafts)
        return RowReading(
            number, "continuation", section=self.section, outcome=self.outcome, actions=drafts
        )

    def row(self, number: int, cells: list[str]) -> RowReading:
        if not any(cells):
            return RowReading(number, "blank")
        section = _SECTION.match(cells[0]) if not any(cells[1:]) else None
        if section and not _NUMBERED.match(cells[0]):
            return self.section_row(number, " ".join(section.group(2).split()))
        if cells[0]:
            return self.outcome_row(number, cells)
        return self.continuation_row(number, cells)


def read_plan(rows: list[list[str]], choices: dict[str, str] | None = None) -> PlanReading:
    """Understand ``rows`` (text cells, the five columns in order) without writing anything."""
    reader = _Reader(choices or {})
    tables = [_cells(row) for row in rows]
    start = next((index for index, cells in enumerate(tables) if _is_header(cells)), None)
    for index, cells in enumerate(tables, start=1):
        if start is not None and index <= start + 1:
            kind = "header" if index == start + 1 else "title"
            note = "" if kind == "header" else "Above the table: left out"
            reader.result.rows.append(RowReading(index, kind, note))
            continue
        reader.result.rows.append(reader.row(index, cells))
    result = reader.result
    leads = " ".join(a.lead_text for o in result.outcomes for a in o.actions)
    result.initials = sorted(set(INITIALS.findall(leads)))
    if not result.outcomes and not result.problems:
        result.problems.append("No outcomes were found: check the table has an Outcomes column.")
    return result
