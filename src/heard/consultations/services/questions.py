"""A survey's questions: added, changed, moved and deleted by whoever keeps the consultation;
once young people have answered, nothing that would change what their answers mean."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.consultations import events
from heard.consultations.models import Consultation, Question
from heard.core import audit
from heard.core.permissions import require
from heard.core.svc_values import plain_texts
from heard.core.updates import Change, full_clean, lock, plain_text, record_created

QUESTION_FIELDS = ("text", "kind", "options", "low_label", "high_label", "required")
#: What answers depend on: fixed once a question has been answered.
ANSWERED_FIXED = ("kind", "options", "low_label", "high_label")
MAX_OPTIONS = 20
NOT_A_SURVEY = gettext_noop("Only a consultation of method survey has questions.")
ANSWERED = gettext_noop(
    "Young people have answered this question: its kind, options and scale labels stay as "
    "they were, so the results keep their meaning. Add a new question instead."
)
ANSWERED_DELETE = gettext_noop(
    "Young people have answered this question, so it cannot be deleted: "
    "their answers would be lost from the results."
)
TWO_OPTIONS = gettext_noop("Give at least two options, one a line.")
NO_OPTIONS = gettext_noop("Only a choice question has options: leave them empty.")
NO_LABELS = gettext_noop("Only a scale question has labels for 1 and 5: leave them empty.")


def _options(value: Any, errors: dict[str, Any]) -> list[str]:
    chosen = list(value) if isinstance(value, list | tuple) else []
    out: list[str] = []
    for item in chosen:
        option = plain_text(item)
        if not option:
            continue
        if len(option) > 200 or "\n" in option:
            errors["options"] = _("Keep each option to one line of 200 characters or fewer.")
            return []
        if option not in out:
            out.append(option)
    if len(out) > MAX_OPTIONS:
        errors["options"] = _("Give %(max_options)s options or fewer.") % {
            "max_options": MAX_OPTIONS
        }
    return out


def _check_kind(values: dict[str, Any], errors: dict[str, Any]) -> None:
    kind = values.get("kind")
    options = values.get("options") or []
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(options) < 2:
            errors.setdefault("options", _(TWO_OPTIONS))
    elif options:
        errors.setdefault("options", _(NO_OPTIONS))
    if kind != Question.Kind.SCALE and (values.get("low_label") or values.get("high_label")):
        errors.setdefault("low_label", _(NO_LABELS))


@transaction.atomic
def question_add(
    *,
    actor: Any,
    consultation: Consultation,
    text: str,
    kind: str,
    options: list[str] | tuple[str, ...] = (),
    low_label: str = "",
    high_label: str = "",
    required: bool = True,
) -> Question:
    """Add a question at the end of a survey."""
    require(actor, "consultations.add_question", consultation)
    consultation = lock(consultation)
    errors: dict[str, Any] = {}
    if consultation.method != Consultation.Method.SURVEY:
        raise ValidationError({"kind": _(NOT_A_SURVEY)})
    values = {
        "text": plain_text(text),
        "kind": kind,
        "options": _options(options, errors),
        "low_label": plain_text(low_label),
        "high_label": plain_text(high_label),
        "required": bool(required),
    }
    _check_kind(values, errors)
    last = consultation.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(consultation=consultation, position=last + 1, **values)
    full_clean(question, errors)
    if errors:
        raise ValidationError(errors)
    question.save()
    record_created(
        question,
        actor=actor,
        event=events.QUESTION_ADDED,
        fields=QUESTION_FIELDS,
        metadata={"consultation": consultation.pk},
    )
    return question


_QUESTION_UPDATE = Change("question_update", events.QUESTION_CHANGED, QUESTION_FIELDS)


@transaction.atomic
def question_update(*, actor: Any, question: Question, **fields: Any) -> Question:
    """Change a question. Once answered, only its wording and whether it must be answered."""
    require(actor, "consultations.change_question", question)
    answered = question.answers.exists()

    def check(obj: Question, values: dict[str, Any], errors: dict[str, Any]) -> None:
        plain_texts(values, ("text", "low_label", "high_label"))
        if "options" in values:
            values["options"] = _options(values["options"], errors)
        if "required" in values:
            values["required"] = bool(values["required"])
        if answered:
            for name in ANSWERED_FIXED:
                if name in values and values[name] != getattr(obj, name):
                    errors[name] = _(ANSWERED)
        merged = {name: values.get(name, getattr(obj, name)) for name in QUESTION_FIELDS}
        _check_kind(merged, errors)

    return _QUESTION_UPDATE.apply(question, actor=actor, fields=fields, check=check)


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    """Delete a question nobody has answered; the ones after it move up."""
    require(actor, "consultations.delete_question", question)
    if question.answers.exists():
        raise ValidationError(_(ANSWERED_DELETE))
    before = audit.snapshot(question, QUESTION_FIELDS)
    audit.record(
        actor=actor,
        event=events.QUESTION_DELETED,
        obj=question,
        changes={name: [value, None] for name, value in before.items() if value not in ("", [])},
        metadata={"consultation": question.consultation_id},
    )
    consultation = question.consultation
    question.delete()
    _renumber(consultation)


def _renumber(consultation: Consultation) -> list[Question]:
    questions = list(consultation.questions.order_by("position", "id"))
    for number, question in enumerate(questions, start=1):
        if question.position != number:
            question.position = number
            question.save(update_fields=["position", "updated_at"])
    return questions


@transaction.atomic
def question_move(*, actor: Any, question: Question, direction: str) -> Question:
    """Move a question one place ``up`` or ``down`` (answers keep their question, so a survey
    may be reordered at any time)."""
    require(actor, "consultations.change_question", question)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move a question up or down.")})
    consultation = lock(question.consultation)
    questions = _renumber(consultation)
    before = [item.pk for item in questions]
    index = before.index(question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        for number, item in enumerate(questions, start=1):
            if item.position != number:
                item.position = number
                item.save(update_fields=["position", "updated_at"])
        audit.record(
            actor=actor,
            event=events.QUESTIONS_REORDERED,
            obj=consultation,
            changes={"questions": [before, [item.pk for item in questions]]},
        )
    return Question.objects.get(pk=question.pk)
