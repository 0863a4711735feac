"""Deciding a closed round, and telling everyone who took part: "you said, we did, and we told
you". The round's votes and proposals stand as one view in the loop (given by every voter and
young proposer, saying nothing of anyone's choice); the decision is the response to it; the
feedback tells them all. A theme vote's winners become themes (``heard.groups``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from heard.core import audit
from heard.core.permissions import require
from heard.decisions import events
from heard.decisions.models import Ballot, BudgetRound, Proposal
from heard.groups.models import Theme
from heard.groups.services import theme_create
from heard.people.models import Organisation, YoungPerson
from heard.voice.models import Feedback, Response, View
from heard.voice.services.loop import feedback_record, response_record
from heard.voice.services.views import view_record

NOT_CLOSED = gettext_noop("A round is decided once voting has closed.")
DECIDED = gettext_noop("This round has already been decided.")
NOT_DECIDED = gettext_noop("Record the decision before telling young people about it.")


def takers_part(round_: BudgetRound) -> list[YoungPerson]:
    """Everyone who took part: the voters and the young people who proposed, by reference."""
    voters = Ballot.objects.filter(round=round_).values("young_person_id")
    proposers = Proposal.objects.filter(round=round_).values("proposed_by_young_person_id")
    return list(
        YoungPerson.objects.filter(Q(pk__in=voters) | Q(pk__in=proposers)).order_by("reference")
    )


def _chosen(round_: BudgetRound, chosen: Iterable[Any], errors: dict[str, Any]) -> list[Proposal]:
    picked = list(chosen or [])
    options = {
        proposal.pk: proposal
        for proposal in Proposal.objects.select_for_update().filter(
            round=round_, status=Proposal.Status.SHORTLISTED
        )
    }
    if not all(isinstance(item, Proposal) and item.pk in options for item in picked):
        errors["chosen"] = _("Choose from the shortlisted proposals of this round.")
        return []
    proposals = [options[item.pk] for item in picked]
    if round_.is_theme_vote:
        if len(proposals) != round_.winners:
            winners = round_.winners or 0
            errors["chosen"] = ngettext(
                "Choose the %(winners)d option that becomes a theme.",
                "Choose the %(winners)d options that become themes.",
                winners,
            ) % {"winners": winners}
        taken = sorted(
            Theme.objects.filter(
                period=round_.theme_period, title__in=[p.title for p in proposals]
            ).values_list("title", flat=True)
        )
        if taken:
            errors["chosen"] = _(
                "There is already a theme for %(theme_period)s called %(titles)s: rename "
                "the option or the theme first."
            ) % {"theme_period": round_.theme_period, "titles": ", ".join(taken)}
        return proposals
    if not proposals:
        errors["chosen"] = _("Choose the proposals that are funded.")
    total = sum((p.cost or Decimal("0") for p in proposals), Decimal("0"))
    if total > round_.young_people_pot:
        errors["chosen"] = _(
            "The proposals chosen cost £%(total)s: more than the "
            "£%(young_people_pot)s young people decide in this round."
        ) % {"total": format(total, ","), "young_people_pot": format(round_.young_people_pot, ",")}
    return proposals


def _round_view(actor: Any, round_: BudgetRound, owner: Organisation | None) -> View:
    """The view that stands for a round's votes and proposals (who chose what stays secret)."""
    people = takers_part(round_)
    view = view_record(
        actor=actor,
        # No count: the round's results give it, protected for readers who may not see it exact.
        text=f"Young people's votes and ideas in “{round_.title}”. Who chose what is secret.",
        kind=View.Kind.IDEA,
        organisation=owner,
        recorded_on=round_.closes,
        themes=[round_.theme] if round_.theme is not None else [],
        young_people=people,
        is_anonymous=not people,
    )
    return view


def _choose(actor: Any, round_: BudgetRound, proposals: Iterable[Proposal]) -> None:
    """Mark the ``proposals`` chosen; in a theme vote each becomes a theme."""
    for proposal in proposals:
        proposal.chosen = True
        if round_.is_theme_vote:
            proposal.theme = theme_create(
                actor=actor,
                title=proposal.title,
                period=round_.theme_period,
                description=proposal.description,
            )
        proposal.save(update_fields=["chosen", "theme", "updated_at"])


@transaction.atomic
def round_decide(
    *,
    actor: Any,
    round: BudgetRound,  # noqa: A002
    chosen: Iterable[Proposal],
    decision_maker: str,
    explanation: str,
    plain_language: str,
    date: datetime.date,
    organisation: Organisation | None = None,
) -> Response:
    """Record what a closed round decided: the proposals funded (within the young people's
    share of the pot) or the options that won (each becomes a theme). It is recorded as the
    response to the view that stands for the round's votes and proposals."""
    require(actor, "decisions.decide_budgetround", round)
    round_ = BudgetRound.objects.select_for_update().get(pk=round.pk)
    errors: dict[str, Any] = {}
    if round_.decided_on is not None:
        raise ValidationError({"__all__": _(DECIDED)})
    if round_.stage != BudgetRound.Stage.CLOSED:
        raise ValidationError({"__all__": _(NOT_CLOSED)})
    proposals = _chosen(round_, chosen, errors)
    owner = round_.organisation or organisation
    if not isinstance(owner, Organisation):
        errors["organisation"] = _("Choose the organisation whose record this decision is.")
    if isinstance(date, datetime.date) and date < round_.closes:
        errors["date"] = _("The decision comes on or after the day voting closed.")
    if errors:
        raise ValidationError(errors)
    view = _round_view(actor, round_, owner)
    response = response_record(
        actor=actor,
        views=[view],
        decision_maker=decision_maker,
        outcome=Response.Outcome.CHANGED,
        explanation=explanation,
        plain_language=plain_language,
        date=date,
    )
    _choose(actor, round_, proposals)
    round_.decided_on = date
    round_.decided_by = actor
    round_.view = view
    round_.response = response
    round_.save(update_fields=["decided_on", "decided_by", "view", "response", "updated_at"])
    audit.record(
        actor=actor,
        event=events.ROUND_DECIDED,
        obj=round_,
        changes={
            "decided_on": [None, date.isoformat()],
            "chosen": [None, [proposal.title for proposal in proposals]],
        },
    )
    return response


@transaction.atomic
def round_tell(
    *,
    actor: Any,
    round: BudgetRound,  # noqa: A002
    date: datetime.date,
    channel: str = Feedback.Channel.PORTAL,
    notes: str = "",
) -> Feedback:
    """Record that the decision was told to every voter and young proposer."""
    require(actor, "decisions.decide_budgetround", round)
    if round.response_id is None:
        raise ValidationError({"__all__": _(NOT_DECIDED)})
    return feedback_record(
        actor=actor,
        response=round.response,  # type: ignore[arg-type]
        date=date,
        channel=channel,
        young_people=list(round.view.young_people.all()),  # type: ignore[union-attr]
        notes=notes,
    )
