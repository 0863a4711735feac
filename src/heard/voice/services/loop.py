"""Closing the loop: responses to views, feedback to those who gave them, and their ratings."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audit, hooks
from heard.core.permissions import require
from heard.core.updates import full_clean, record_created
from heard.groups.models import Group, Membership
from heard.people.models import YoungPerson
from heard.voice import responsibility
from heard.voice.events import (
    FEEDBACK_RECORDED,
    RATING_CHANGED,
    RATING_GIVEN,
    RESPONSE_RECORDED,
    VIEW_MOVED,
)
from heard.voice.models import Feedback, Rating, Response, View
from heard.voice.readability import warning_at
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
NOT_POSSIBLE_NEEDS_REASON = gettext_noop(
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
    """Move views along the loop (only moves ``View.TRANSITIONS`` allows): one update of the
    views and of their responsibility rows, and one entry per view, written by Heard on behalf
    of ``actor`` (whose response, feedback or rating moved them; None for a young person's)."""
    moving = [view for view in views if to in View.TRANSITIONS[view.status]]
    if not moving:
        return
    fields = ["status", *([day_field] if day_field else [])]
    entries = []
    for view in moving:
        before = audit.snapshot(view, fields)
        view.status = to
        if day_field:
            setattr(view, day_field, day)
        view.updated_at = timezone.now()
        entries.append((view, audit.diff(before, audit.snapshot(view, fields))))
    ids = [view.pk for view in moving]
    values = {name: getattr(moving[0], name) for name in (*fields, "updated_at")}
    View.objects.filter(pk__in=ids).update(**values)
    responsibility.set_status(ids, to)
    audit.record_many(actor=None, on_behalf_of=actor, event=VIEW_MOVED[to], entries=entries)


def awaiting_feedback_refresh(response_ids: Iterable[int]) -> None:
    """Set ``Response.awaiting_feedback`` of these responses from their views' status: whether
    any is still responded. Called by every service that moves a view into or out of responded,
    in its transaction."""
    still_responded = View.objects.filter(responses=OuterRef("pk"), status=View.Status.RESPONDED)
    Response.objects.filter(pk__in=list(response_ids)).update(
        awaiting_feedback=Exists(still_responded)
    )


def _lock_open_views(views: Iterable[View], errors: dict[str, Any]) -> list[View]:
    """The views to respond to, locked in id order: recorded and all still open."""
    chosen, ok = saved(views, View)
    if not ok:
        errors["views"] = _("Choose views that have been recorded.")
        chosen = []
    locked = list(
        View.objects.select_for_update().filter(pk__in=[view.pk for view in chosen]).order_by("pk")
    )
    if ok and not locked:
        errors["views"] = _("Choose at least one view to respond to.")
    not_open = [view for view in locked if view.status != View.Status.OPEN]
    if not_open:
        errors["views"] = _(
            "Only open views can be given a response; these already have one: %(views)s."
        ) % {"views": ", ".join(str(view.pk) for view in not_open)}
    return locked


def _check_explanation(outcome: str, explanation: Any, errors: dict[str, Any]) -> str:
    """What changed, or why it was not possible: "not possible" must say why."""
    explanation = explanation.strip() if isinstance(explanation, str) else ""
    if outcome == Response.Outcome.NOT_POSSIBLE and not explanation:
        errors["explanation"] = _(NOT_POSSIBLE_NEEDS_REASON)
    elif not explanation:
        errors["explanation"] = _("Enter what changed, or what is being considered.")
    else:
        check_text(explanation, "explanation", "", errors)
    return explanation


@transaction.atomic
@audit.operation()
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
    locked = _lock_open_views(views, errors)
    for view in locked:
        require(actor, "voice.add_response", view)
    check_text(
        decision_maker, "decision_maker", "Enter who made the decision.", errors, max_length=200
    )
    check_choice(outcome, Response.Outcome, "outcome", "the outcome", errors)
    explanation = _check_explanation(outcome, explanation, errors)
    plain = check_text(
        plain_language, "plain_language", "Enter the response in words a child can read.", errors
    )
    latest_view = max((view.recorded_on for view in locked), default=None)
    day = check_date(date, "date", "of the response", errors, not_before=latest_view)
    response = Response(
        decision_maker=decision_maker.strip() if isinstance(decision_maker, str) else "",
        outcome=outcome,
        explanation=explanation,
        plain_language=plain,
        date=day,  # type: ignore[misc]  # None only with a message at the field
        evidence_link=(evidence_link or "").strip(),
        written_by=actor,
    )
    full_clean(response, errors, exclude=["written_by"])
    if errors:
        raise ValidationError(errors)
    response.save()
    response.views.set(locked)
    record_created(response, actor=actor, event=RESPONSE_RECORDED, fields=RESPONSE_AUDITED)
    _move(locked, to=View.Status.RESPONDED, actor=actor, day_field="responded_on", day=day)
    awaiting_feedback_refresh([response.pk])
    response.awaiting_feedback = True
    response.readability_warning = warning_at(response.reading_age)  # type: ignore[attr-defined]
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


def _check_recipients(
    response: Response, young_people: Iterable[Any], groups: Iterable[Any], errors: dict[str, Any]
) -> tuple[list[YoungPerson], list[Group]]:
    """Who was told: young people and groups on the register who gave the response's views."""
    people, people_ok = saved(young_people, YoungPerson)
    group_list, groups_ok = saved(groups, Group)
    if not people_ok:
        errors["young_people"] = _("Choose young people who are on the register.")
    if not groups_ok:
        errors["groups"] = _("Choose groups that are on the register.")
    if not (people_ok and groups_ok):
        return people, group_list
    giver_people, giver_groups = givers_of(response)
    strangers = sorted(p.reference for p in people if p.pk not in giver_people)
    if strangers:
        errors["young_people"] = _(
            "%(young_people)s did not give these views: feedback goes to those who did."
        ) % {"young_people": ", ".join(strangers)}
    other_groups = sorted(g.name for g in group_list if g.pk not in giver_groups)
    if other_groups:
        errors["groups"] = _(
            "%(groups)s did not give these views: feedback goes to the groups that did."
        ) % {"groups": ", ".join(other_groups)}
    if not people and not group_list:
        errors["young_people"] = _("Choose who was told: the young people or the groups.")
    return people, group_list


@transaction.atomic
@audit.operation()
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
    people, group_list = _check_recipients(response, young_people, groups, errors)
    if notes and len(notes) > 5000:
        errors["notes"] = _("Keep the notes to 5,000 characters or fewer.")
    feedback = Feedback(
        response=response,
        date=day,  # type: ignore[misc]  # None only with a message at the field
        channel=channel,
        given_by=actor,
        notes=(notes or "").strip(),
    )
    full_clean(feedback, errors, exclude=["given_by"])
    if errors:
        raise ValidationError(errors)
    feedback.save()
    feedback.young_people.set(people)
    feedback.groups.set(group_list)
    record_created(feedback, actor=actor, event=FEEDBACK_RECORDED, fields=FEEDBACK_AUDITED)
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
    hooks.run_after_commit("feedback.recorded", feedback_id=feedback.pk)
    return feedback


def _current_group_ids(young_person: YoungPerson) -> list[int]:
    return list(
        Membership.objects.current()
        .filter(young_person=young_person)
        .values_list("group_id", flat=True)
    )


@transaction.atomic
@audit.operation()
def rating_give(
    *, young_person: YoungPerson, response: Response, value: str, comment: str = ""
) -> Rating:
    """A young person rates a response they were told about; rating again changes the rating.

    Only for a response to their own views or their current groups' views that has been fed back.
    Their views of it move from fed back to rated. Audited with no staff actor.
    """
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(_("Only a young person on the register can rate a response."))
    theirs = Q(young_people=young_person) | Q(group_id__in=_current_group_ids(young_person))
    their_ids = View.objects.filter(theirs, responses=response).values("pk")
    their_views = list(View.objects.select_for_update().filter(pk__in=their_ids).order_by("pk"))
    if not their_views:
        raise PermissionDenied(_("You can rate only responses to your own or your groups' views."))
    errors: dict[str, Any] = {}
    if not response.feedback.exists():
        errors["response"] = _("This response has not been fed back yet, so it cannot be rated.")
    check_choice(value, Rating.Value, "value", "how helpful it was", errors)
    comment = (comment or "").strip() if isinstance(comment, str) else ""
    if len(comment) > 2000:
        errors["comment"] = _("Keep your comment to 2,000 characters or fewer.")
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
        event=RATING_CHANGED if before else RATING_GIVEN,
        obj=rating,
        changes=audit.diff(before, after),
    )
    _move(
        [view for view in their_views if view.status == View.Status.FED_BACK],
        to=View.Status.RATED,
        actor=None,
    )
    return rating
