"""Casting ballots: one per eligible young person per round, in the portal or on paper entered by
a worker, never both. The ballot records who voted and how; the choices go on a paper with no
link to the voter, and the audit log never holds them.

Every cast also rewrites the round's papers (and their choices) in a random order, in the same
transaction, under the round's lock (ADR 0011): the papers' physical order (SQLite's rowid,
PostgreSQL's ctid), their inserting transaction (PostgreSQL's xmin) and any order of insertion
then say nothing about which ballot, cast when, a paper belongs to."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from heard.core import audit
from heard.core.permissions import require
from heard.decisions import events, selectors
from heard.decisions.models import Ballot, BallotChoice, BallotPaper, BudgetRound, Proposal
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

NOT_OPEN = gettext_noop("Voting in this round is not open.")
NOT_ELIGIBLE = gettext_noop("This young person cannot vote in this round: it is not open to them.")
ONE_CHOICE = gettext_noop("Choose one idea to vote for.")
WHOLE_POINTS = gettext_noop("Give each idea a whole number of points, 0 or more.")


def already_voted(ballot: Ballot) -> str:
    how = "in the portal" if ballot.origin == Ballot.Origin.PORTAL else "on paper"
    return f"{ballot.young_person.reference} has already voted in this round ({how})."


@dataclass(frozen=True)
class Cast:
    """A ballot cast: the record that they voted, and the receipt code of their paper (shown
    once, to the voter)."""

    ballot: Ballot
    receipt: str


def _points(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _choices(round_: BudgetRound, choices: Mapping[Any, Any]) -> dict[Proposal, int]:
    """The choices as ``{proposal: points}`` (no zeros), checked against the method."""
    options = {proposal.pk: proposal for proposal in selectors.ballot_options(round_)}
    chosen: dict[Proposal, int] = {}
    for key, value in dict(choices or {}).items():
        pk = key.pk if isinstance(key, Proposal) else key
        proposal = options.get(pk) if isinstance(pk, int) else None
        if proposal is None:
            raise ValidationError({"choices": _("Choose from the ideas on this ballot.")})
        points = _points(value)
        if points is None or points < 0:
            raise ValidationError({"choices": _(WHOLE_POINTS)})
        if points:
            chosen[proposal] = points
    if round_.method == BudgetRound.Method.ONE_VOTE:
        if len(chosen) != 1 or next(iter(chosen.values())) != 1:
            raise ValidationError({"choices": _(ONE_CHOICE)})
        return chosen
    limit = round_.points_per_voter or 0
    total = sum(chosen.values())
    if not chosen:
        raise ValidationError(
            {
                "choices": ngettext(
                    "Give your %(limit)d point to one or more ideas.",
                    "Give your %(limit)d points to one or more ideas.",
                    limit,
                )
                % {"limit": limit}
            }
        )
    if total > limit:
        raise ValidationError(
            {
                "choices": ngettext(
                    "You gave %(total)d point: you have %(limit)d to spread, no more.",
                    "You gave %(total)d points: you have %(limit)d to spread, no more.",
                    total,
                )
                % {"total": total, "limit": limit}
            }
        )
    return chosen


def _cast(
    *,
    round_: BudgetRound,
    young_person: YoungPerson,
    choices: Mapping[Any, Any],
    origin: str,
    actor: Any,
) -> Cast:
    if not isinstance(round_, BudgetRound) or round_.stage != BudgetRound.Stage.VOTING:
        raise ValidationError({"__all__": _(NOT_OPEN)})
    if not isinstance(young_person, YoungPerson) or not selectors.is_eligible(round_, young_person):
        raise ValidationError({"young_person": _(NOT_ELIGIBLE)})
    BudgetRound.objects.select_for_update().filter(pk=round_.pk).first()
    earlier = selectors.ballot_of(round_, young_person)
    if earlier is not None:
        raise ValidationError({"young_person": already_voted(earlier)})
    chosen = _choices(round_, choices)
    ballot = Ballot(
        round=round_,
        young_person=young_person,
        origin=origin,
        entered_by=actor if origin == Ballot.Origin.PAPER else None,
    )
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:  # a second ballot at the same moment: the constraint refuses it
        raise ValidationError(
            {
                "young_person": _("%(reference)s has already voted in this round.")
                % {"reference": young_person.reference}
            }
        ) from None
    paper = BallotPaper.objects.create(round=round_, origin=origin)
    BallotChoice.objects.bulk_create(
        BallotChoice(paper=paper, proposal=proposal, points=points)
        for proposal, points in chosen.items()
    )
    papers_shuffle(round_)
    audit.record(
        actor=actor,
        event=events.BALLOT_CAST,
        obj=ballot,
        changes={"young_person": [None, young_person.reference], "origin": [None, origin]},
    )
    return Cast(ballot=ballot, receipt=paper.receipt)


_RANDOM = random.SystemRandom()


def papers_shuffle(round_: BudgetRound) -> int:
    """Rewrite the round's papers and their choices in a random order (same ids, receipts and
    choices): the rows the cast just wrote are then stored among the others at random, with the
    same inserting transaction as every other paper of the round. Call it holding the round's
    lock, inside a transaction. Returns how many papers it rewrote."""
    papers = list(BallotPaper.objects.filter(round=round_).order_by())
    choices = list(BallotChoice.objects.filter(paper__round=round_).order_by())
    _RANDOM.shuffle(papers)
    _RANDOM.shuffle(choices)
    # One DELETE each (the choices first): no signals or cascades to collect, nothing else
    # refers to papers or choices.
    BallotChoice.objects.filter(paper__round=round_)._raw_delete(BallotChoice.objects.db)
    BallotPaper.objects.filter(round=round_)._raw_delete(BallotPaper.objects.db)
    BallotPaper.objects.bulk_create(papers)
    BallotChoice.objects.bulk_create(choices)
    return len(papers)


@transaction.atomic
def ballot_cast(
    *,
    young_person: YoungPerson,
    round: BudgetRound,  # noqa: A002
    choices: Mapping[Any, Any],
) -> Cast:
    """A young person votes in the portal: ``choices`` is ``{proposal: points}`` (one vote
    each: one proposal with 1). Audited with no staff actor."""
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(_("Only a young person on the register can vote."))
    return _cast(
        round_=round,
        young_person=young_person,
        choices=choices,
        origin=Ballot.Origin.PORTAL,
        actor=None,
    )


@transaction.atomic
def ballot_enter(
    *,
    actor: Any,
    round: BudgetRound,  # noqa: A002
    young_person: YoungPerson,
    choices: Mapping[Any, Any],
) -> Cast:
    """A worker enters a young person's paper ballot (the worker is recorded on the ballot)."""
    require(actor, "decisions.add_ballot", round)
    if (
        actor is not None
        and isinstance(young_person, YoungPerson)
        and not people_selectors.young_people_visible_to(actor).filter(pk=young_person.pk).exists()
    ):
        raise ValidationError({"young_person": _("Choose a young person you can see.")})
    return _cast(
        round_=round,
        young_person=young_person,
        choices=choices,
        origin=Ballot.Origin.PAPER,
        actor=actor,
    )
