"""Evaluations of sessions: entered by staff from paper, or given by a young person in the
portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from heard.core.permissions import require
from heard.core.updates import Change, Creation, Removal, audited_create, plain_text
from heard.involvement import events
from heard.involvement.models import Evaluation
from heard.participation.models import Attendance, Session
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

EVALUATION_FIELDS = ("session", "young_person", "rating", "comment", "source")
#: What a young person or a worker may write: about a page of a paper form.
COMMENT_MAX_LENGTH = 2000
NOT_AN_ATTENDEE = gettext_noop("Choose a young person who attended this session.")
ALREADY = gettext_noop(
    "This young person has already evaluated this session: change that evaluation instead."
)


def _comment(value: Any, errors: dict[str, Any]) -> str:
    comment = plain_text(value)
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = gettext(
            "Keep the comment to %(comment_max_length)s characters or fewer."
        ) % {"comment_max_length": format(COMMENT_MAX_LENGTH, ",")}
    return comment


def _attended(session: Session, young_person: YoungPerson) -> bool:
    return Attendance.objects.filter(
        session=session, young_person=young_person, status=Attendance.Status.ATTENDED
    ).exists()


def _check_rating(rating: Any, errors: dict[str, Any]) -> None:
    if rating not in Evaluation.Rating.values:
        errors["rating"] = gettext("Choose positive, neutral or negative.")


_EVALUATION_RECORD = Creation(
    events.EVALUATION_RECORDED, EVALUATION_FIELDS, exclude=["recorded_by"]
)


@transaction.atomic
def evaluation_record(
    *,
    actor: Any,
    session: Session,
    rating: str,
    comment: str = "",
    young_person: YoungPerson | None = None,
) -> Evaluation:
    """A worker enters an evaluation from paper: an attendee's, or anonymous (no young person)."""
    require(actor, "involvement.add_evaluation", session)
    errors: dict[str, Any] = {}
    _check_rating(rating, errors)
    if young_person is not None and (
        not people_selectors.sees_young_person(actor, young_person)
        or not _attended(session, young_person)
    ):
        errors["young_person"] = gettext(NOT_AN_ATTENDEE)
    elif young_person is not None and (
        Evaluation.objects.filter(session=session, young_person=young_person).exists()
    ):
        errors["young_person"] = gettext(ALREADY)
    evaluation = Evaluation(
        session=session,
        young_person=young_person if "young_person" not in errors else None,
        rating=rating,
        comment=_comment(comment, errors),
        source=Evaluation.Source.PAPER,
        recorded_by=actor,
    )
    return _EVALUATION_RECORD.save(evaluation, actor=actor, errors=errors)


_EVALUATION_UPDATE = Change("evaluation_update", events.EVALUATION_CHANGED, ("rating", "comment"))


@transaction.atomic
def evaluation_update(*, actor: Any, evaluation: Evaluation, **fields: Any) -> Evaluation:
    """Change the rating or comment of an evaluation (as the paper form said)."""
    require(actor, "involvement.change_evaluation", evaluation)

    def check(obj: Evaluation, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if "rating" in values:
            _check_rating(values["rating"], errors)
        if "comment" in values:
            values["comment"] = _comment(values["comment"], errors)

    return _EVALUATION_UPDATE.apply(evaluation, actor=actor, fields=fields, check=check)


_EVALUATION_DELETE = Removal(
    "involvement.delete_evaluation", events.EVALUATION_DELETED, EVALUATION_FIELDS
)


def evaluation_delete(*, actor: Any, evaluation: Evaluation) -> None:
    _EVALUATION_DELETE.apply(evaluation, actor=actor)


_EVALUATION_GIVE = Change(
    "evaluation_give", events.EVALUATION_CHANGED, ("rating", "comment", "source")
)


@transaction.atomic
def evaluation_give(
    *, young_person: YoungPerson, session: Session, rating: str, comment: str = ""
) -> Evaluation:
    """A young person says in the portal how a session they attended went; saying it again
    changes what they said. Audited with no staff actor."""
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(
            gettext("Only a young person on the register can evaluate a session.")
        )
    if not isinstance(session, Session) or not _attended(session, young_person):
        raise PermissionDenied(gettext("You can only tell us about a session you took part in."))
    errors: dict[str, Any] = {}
    _check_rating(rating, errors)
    text = _comment(comment, errors)
    if errors:
        raise ValidationError(errors)
    evaluation = (
        Evaluation.objects.select_for_update()
        .filter(session=session, young_person=young_person)
        .first()
    )
    if evaluation is not None:
        given = {"rating": rating, "comment": text, "source": Evaluation.Source.PORTAL}
        return _EVALUATION_GIVE.apply(evaluation, actor=None, fields=given, locked=True)
    evaluation = Evaluation(
        session=session,
        young_person=young_person,
        rating=rating,
        comment=text,
        source=Evaluation.Source.PORTAL,
    )
    return audited_create(
        evaluation, actor=None, event=events.EVALUATION_RECORDED, fields=EVALUATION_FIELDS
    )
