"""Closing the loop: responses to views, feedback to those who gave them, and their ratings."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.permissions import require
from heard.groups.models import Group, Membership
from heard.people.models import YoungPerson
from heard.voice import responsibility
from heard.voice.models import Feedback, Rating, Response, View
from heard.voice.readability import readability_warning
from heard.voice.services._common import check_choice, check_date, check_text, saved

RESPONSE_AUDITED = (
    "decision_maker",
    "outcome",
    "explanation",
    "plain_language",
    "date",
    "evidence_link",
    "views",
)
FEEDBACK_AUDITED = ("response", "date", "channel", "notes", "young_people", "groups")
NOT_POSSIBLE_NEEDS_REASON = (
    "Explain why it was not possible: we promised young people that if we cannot act on what "
    "they said, we will tell them why."
)


def _move(
    views: list[View],
    *,
    to: str,
    actor: Any,
    day_field: str | None = None,
    day: datetime.date | None = None,
) -> None:
    """Move views along the loop (only moves ``View.TRANSITIONS`` allows), audited per view."""
    fields = ["status", *([day_field] if day_field else [])]
    for view in views:
        if to not in View.TRANSITIONS[view.status]:
            continue
        before = audit.snapshot(view, fields)
        view.status = to
        if day_field:
            setattr(view, day_field, day)
        view.save(update_fields=[*fields, "updated_at"])
        responsibility.set_status(view)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=view,
            changes=audit.diff(before, audit.snapshot(view, fields)),
        )


def awaiting_feedback_refresh(response_ids: Iterable[int]) -> None:
    """Set ``Response.awaiting_feedback`` of these responses from their views' status: whether
    any is still responded. Called by every service that moves a view into or out of responded,
    in its transaction."""
    still_responded = View.objects.filter(responses=OuterRef("pk"), status=View.Status.RESPONDED)
    Response.objects.filter(pk__in=list(response_ids)).update(
        awaiting_feedback=Exists(still_responded)
    )


@transaction.atomic
def response_record(
    *,
    actor: Any,
    views: Iterable[View],
    decision_maker: str,
    outcome: str,
    explanation: str,
    plain_language: str,
    date: datetime.date,
    evidence_link: str = "",
) -> Response:
    """Answer one or more open views. "Not possible" must say why. The views move to responded.

    The returned response carries ``readability_warning`` (a message, or None) when its
    plain-language version reads above a reading age of about 11: a warning, never a refusal.
    """
    require(actor, "voice.add_response")
    errors: dict[str, Any] = {}
    chosen, ok = saved(views, View)
    if not ok:
        errors["views"] = "Choose views that have been recorded."
        chosen = []
    locked = list(
        View.objects.select_for_update().filter(pk__in=[view.pk for view in chosen]).order_by("pk")
    )
    if ok and not locked:
        errors["views"] = "Choose at least one view to respond to."
    not_open = [view for view in locked if view.status != View.Status.OPEN]
    if not_open:
        errors["views"] = (
            "Only open views can be given a response; these already have one: "
            + ", ".join(str(view.pk) for view in not_open)
            + "."
        )
    for view in locked:
        require(actor, "voice.add_response", view)
    check_text(
        decision_maker, "decision_maker", "Enter who made the decision.", errors, max_length=200
    )
    check_choice(outcome, Response.Outcome, "outcome", "the outcome", errors)
    explanation = explanation.strip() if isinstance(explanation, str) else ""
    if outcome == Response.Outcome.NOT_POSSIBLE and not explanation:
        errors["explanation"] = NOT_POSSIBLE_NEEDS_REASON
    elif not explanation:
        errors["explanation"] = "Enter what changed, or what is being considered."
    else:
        check_text(explanation, "explanation", "", errors)
    plain = check_text(
        plain_language, "plain_language", "Enter the response in words a child can read.", errors
    )
    latest_view = max((view.recorded_on for view in locked), default=None)
    day = check_date(date, "date", "of the response", errors, not_before=latest_view)
    if errors:
        raise ValidationError(errors)

    response = Response(
        decision_maker=decision_maker.strip(),
        outcome=outcome,
        explanation=explanation,
        plain_language=plain,
        date=day,  # type: ignore[misc]  # checked: errors raised when None
        evidence_link=(evidence_link or "").strip(),
        written_by=actor,
    )
    response.full_clean(exclude=["written_by"])
    response.save()
    response.views.set(locked)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=response,
        changes=audit.diff({}, audit.snapshot(response, RESPONSE_AUDITED)),
    )
    assert day is not None  # noqa: S101 - checked above
    _move(locked, to=View.Status.RESPONDED, actor=actor, day_field="responded_on", day=day)
    awaiting_feedback_refresh([response.pk])
    response.awaiting_feedback = True
    response.readability_warning = readability_warning(plain)  # type: ignore[attr-defined]
    return response


def givers_of(response: Response) -> tuple[set[int], set[int]]:
    """Ids of the young people and groups who gave the response's views: those named, the groups
    that gave them (or whose session they came from), and those groups' current members."""
    views = response.views.all()
    group_ids = set(views.exclude(group=None).values_list("group_id", flat=True))
    group_ids |= set(views.exclude(session__group=None).values_list("session__group_id", flat=True))
    people = set(views.exclude(young_people=None).values_list("young_people", flat=True))
    people |= set(
        Membership.objects.filter(group_id__in=group_ids, left_on__isnull=True).values_list(
            "young_person_id", flat=True
        )
    )
    return people, group_ids


@transaction.atomic
def feedback_record(
    *,
    actor: Any,
    response: Response,
    date: datetime.date,
    channel: str,
    young_people: Iterable[YoungPerson] = (),
    groups: Iterable[Group] = (),
    notes: str = "",
) -> Feedback:
    """Record that a response was told to the young people and groups who gave its views.

    Its views move from responded to fed back (views already fed back stay as they are).
    """
    require(actor, "voice.add_feedback", response)
    errors: dict[str, Any] = {}
    day = check_date(date, "date", "the feedback was given", errors, not_before=response.date)
    check_choice(channel, Feedback.Channel, "channel", "how the feedback was given", errors)
    people, people_ok = saved(young_people, YoungPerson)
    group_list, groups_ok = saved(groups, Group)
    if not people_ok:
        errors["young_people"] = "Choose young people who are on the register."
    if not groups_ok:
        errors["groups"] = "Choose groups that are on the register."
    if people_ok and groups_ok:
        giver_people, giver_groups = givers_of(response)
        strangers = sorted(p.reference for p in people if p.pk not in giver_people)
        if strangers:
            errors["young_people"] = (
                f"{', '.join(strangers)} did not give these views: feedback goes to those who did."
            )
        other_groups = sorted(g.name for g in group_list if g.pk not in giver_groups)
        if other_groups:
            errors["groups"] = (
                f"{', '.join(other_groups)} did not give these views: "
                "feedback goes to the groups that did."
            )
        if not people and not group_list:
            errors["young_people"] = "Choose who was told: the young people or the groups."
    if notes and len(notes) > 5000:
        errors["notes"] = "Keep the notes to 5,000 characters or fewer."
    if errors:
        raise ValidationError(errors)
    assert day is not None  # noqa: S101 - checked above

    feedback = Feedback(
        response=response, date=day, channel=channel, given_by=actor, notes=(notes or "").strip()
    )
    feedback.full_clean(exclude=["given_by"])
    feedback.save()
    feedback.young_people.set(people)
    feedback.groups.set(group_list)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=feedback,
        changes=audit.diff({}, audit.snapshot(feedback, FEEDBACK_AUDITED)),
    )
    views = list(
        View.objects.select_for_update()
        .filter(responses=response, status=View.Status.RESPONDED)
        .order_by("pk")
    )
    _move(views, to=View.Status.FED_BACK, actor=actor, day_field="fed_back_on", day=day)
    # Every response a moved view answers (only this one, unless a view has two responses).
    awaiting_feedback_refresh(
        {response.pk}
        | set(
            Response.views.through.objects.filter(
                view_id__in=[view.pk for view in views]
            ).values_list("response_id", flat=True)
        )
    )
    response.awaiting_feedback = False
    return feedback


def _current_group_ids(young_person: YoungPerson) -> list[int]:
    return list(
        Membership.objects.filter(young_person=young_person, left_on__isnull=True).values_list(
            "group_id", flat=True
        )
    )


@transaction.atomic
def rating_give(
    *, young_person: YoungPerson, response: Response, value: str, comment: str = ""
) -> Rating:
    """A young person rates a response they were told about; rating again changes the rating.

    Only for a response to their own views or their current groups' views that has been fed back.
    Their views of it move from fed back to rated. Audited with no staff actor.
    """
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied("Only a young person on the register can rate a response.")
    theirs = Q(young_people=young_person) | Q(group_id__in=_current_group_ids(young_person))
    their_ids = View.objects.filter(theirs, responses=response).values("pk")
    their_views = list(View.objects.select_for_update().filter(pk__in=their_ids).order_by("pk"))
    if not their_views:
        raise PermissionDenied("You can rate only responses to your own or your groups' views.")
    errors: dict[str, Any] = {}
    if not response.feedback.exists():
        errors["response"] = "This response has not been fed back yet, so it cannot be rated."
    check_choice(value, Rating.Value, "value", "how helpful it was", errors)
    comment = (comment or "").strip() if isinstance(comment, str) else ""
    if len(comment) > 2000:
        errors["comment"] = "Keep your comment to 2,000 characters or fewer."
    if errors:
        raise ValidationError(errors)

    rating = Rating.objects.filter(response=response, young_person=young_person).first()
    before = {} if rating is None else {"value": rating.value, "comment": rating.comment}
    if rating is None:
        rating = Rating(response=response, young_person=young_person)
    rating.value, rating.comment = value, comment
    rating.full_clean(validate_unique=False)
    rating.save()
    after: dict[str, Any] = {"value": value, "comment": comment}
    if not before:
        after |= {"response": response.pk, "young_person": young_person.pk}
    audit.record(
        actor=None,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=rating,
        changes=audit.diff(before, after),
    )
    _move(
        [view for view in their_views if view.status == View.Status.FED_BACK],
        to=View.Status.RATED,
        actor=None,
    )
    return rating
