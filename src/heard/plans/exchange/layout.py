"""Seed 001's action plan layout: five columns, a section row for each standard ("1. Shared
values"), then a row for each outcome with its actions as lines of one cell ("• ...", their own
lines kept, sub-items as "- ...")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils import translation

from heard.core.standards import Standard
from heard.plans.models import Action, ActionPlan, Outcome

COLUMNS = (
    "Outcomes",
    "Supporting actions",
    "Lead responsibilities",
    "Time scales / resources",
    "Risks identified",
)
BULLET = "•"


def section_label(standard: str) -> str:
    """The standard's row of the table, in English in every language: the table is a data
    format that the import reads back."""
    with translation.override("en"):
        return f"{Standard.number(standard)}. {Standard(standard).label}"


def outcome_cell(outcome: Outcome) -> str:
    return f"{outcome.number} {outcome.text}" if outcome.number else outcome.text


def actions_cell(actions: Iterable[Action]) -> str:
    """Each action's first line after a bullet, its other lines as they are."""
    lines: list[str] = []
    for action in actions:
        first, *rest = action.text.splitlines() or [""]
        lines.append(f"{BULLET} {first}")
        lines.extend(rest)
    return "\n".join(lines)


def _joined(values: Iterable[str]) -> str:
    return "\n".join(value for value in values if value)


def timescale_text(action: Action) -> str:
    due = f"Due {action.due_on:%d/%m/%Y}" if action.due_on and not action.timescale else ""
    return _joined([action.timescale, due, action.resources])


def plan_rows(
    plan: ActionPlan, outcomes: Iterable[Outcome], *, blank: bool = False
) -> Iterator[list[str]]:
    """The plan as rows of text: a title row, the header, then each standard's section row and
    its outcomes (``blank``: with empty actions, the partner's template)."""
    yield [plan.title, "", "", "", ""]
    yield list(COLUMNS)
    by_standard: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_standard.setdefault(outcome.standard, []).append(outcome)
    for standard in Standard.values:
        if standard not in by_standard:
            continue
        yield [section_label(standard), "", "", "", ""]
        for outcome in by_standard[standard]:
            actions = [] if blank else list(outcome.actions.all())
            yield [
                outcome_cell(outcome),
                actions_cell(actions),
                _joined(action.lead_text for action in actions),
                _joined(timescale_text(action) for action in actions),
                _joined(action.risks for action in actions),
            ]
