"""A survey's results, question by question, for ``selectors.survey_results``: each figure a
cell keyed by the responses behind it (``core.disclosure``), exact or protected for its reader.
Kept apart to keep the selectors module short; read them from ``heard.consultations.selectors``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from heard.consultations.models import Answer, Consultation, Question
from heard.core import disclosure
from heard.core.suppression import Display

#: The kind of record a survey response's key is made from (``core.disclosure``).
RESPONSE_KEY = "survey_response"


@dataclass
class OptionResult:
    label: str
    count: Display
    percent: float | None


@dataclass
class QuestionResult:
    question: Question
    answered: Display
    options: list[OptionResult] = field(default_factory=list)
    mean: float | None = None
    texts: list[Answer] = field(default_factory=list)


@dataclass
class Results:
    consultation: Consultation
    exact: bool
    responses: Display
    questions: list[QuestionResult]
    #: Whether the reader sees the free-text answers themselves (those who keep the survey).
    sees_answers: bool
    note: str = ""


def _percent(count: Display, total: Display) -> float | None:
    if not isinstance(count, int) or not isinstance(total, int) or not total:
        return None
    return round(100 * count / total, 1)


def _figures(exact: bool) -> Callable[[list[int]], Display]:
    """A figure of the responses with ids ``pks``: a cell keyed by those responses, shown
    exact or protected (the same responses give the same figure, wherever they are counted)."""

    def figure(pks: list[int]) -> Display:
        keys = sum(disclosure.record_key(RESPONSE_KEY, pk) for pk in pks)
        return disclosure.shown(disclosure.Cell(len(pks), keys), exact=exact)

    return figure


def _scale_label(question: Question, point: int) -> str:
    if point == 1 and question.low_label:
        return f"1 ({question.low_label})"
    if point == 5 and question.high_label:
        return f"5 ({question.high_label})"
    return str(point)


def _mean(options: list[OptionResult]) -> float | None:
    """A scale's mean from the figures shown (points 1 to 5; "fewer than 5" left out)."""
    shown = [(point, o.count) for point, o in enumerate(options, 1) if isinstance(o.count, int)]
    counted = sum(count for _, count in shown)
    return round(sum(point * count for point, count in shown) / counted, 2) if counted else None


def _question_result(
    question: Question,
    given: list[Answer],
    figure: Callable[[list[int]], Display],
    sees_answers: bool,
) -> QuestionResult:
    answered = figure([answer.response_id for answer in given if _has_value(answer)])
    result = QuestionResult(question=question, answered=answered)
    if question.is_choice:
        parts = [
            (option, [a.response_id for a in given if option in (a.choices or [])])
            for option in question.options
        ]
    elif question.kind == Question.Kind.SCALE:
        parts = [
            (_scale_label(question, point), [a.response_id for a in given if a.scale == point])
            for point in range(1, 6)
        ]
    else:
        result.texts = [a for a in given if a.text] if sees_answers else []
        return result
    for label, pks in parts:
        count = figure(pks)
        result.options.append(OptionResult(label, count, _percent(count, answered)))
    if question.kind == Question.Kind.SCALE:
        result.mean = _mean(result.options)
    return result


def _has_value(answer: Answer) -> bool:
    return bool(answer.choices) or answer.scale is not None or bool(answer.text)
