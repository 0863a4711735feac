"""Proposals: ideas to fund (with a cost) or options of a theme vote (without), added by staff
for a young person, a group or themselves, or proposed by a young person in the portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import require
from heard.core.svc_values import plain_texts
from heard.core.updates import Change, Creation
from heard.decisions import events, selectors
from heard.decisions.models import BudgetRound, Proposal
from heard.decisions.services.rounds import _money
from heard.groups.models import Group
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

PROPOSAL_FIELDS = (
    "title",
    "description",
    "cost",
    "status",
    "proposed_by_young_person",
    "proposed_by_group",
)
#: The longest plain-language description: about a page.
DESCRIPTION_MAX_LENGTH = 2000
FIXED = gettext_noop(
    "Young people have started voting: the shortlist and the costs can no longer change."
)
DECIDED = gettext_noop("This round has been decided: its proposals can no longer change.")
NEEDS_COST = gettext_noop("Enter what it costs in pounds, more than 0.")
NO_COST = gettext_noop("Options of a theme vote have no cost: leave it empty.")


def _check_text(values: dict[str, Any], errors: dict[str, Any]) -> None:
    plain_texts(values, ("title", "description"))
    if "description" in values:
        if not values["description"]:
            errors["description"] = _("Say what it is, in words a child can read.")
        elif len(values["description"]) > DESCRIPTION_MAX_LENGTH:
            errors["description"] = _(
                "Keep the description to %(description_max_length)s characters or fewer."
            ) % {"description_max_length": format(DESCRIPTION_MAX_LENGTH, ",")}


def _check_title(
    round_: BudgetRound, title: Any, errors: dict[str, Any], exclude: int | None = None
) -> None:
    same = Proposal.objects.filter(round=round_, title__iexact=title)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if title and "title" not in errors and same.exists():
        errors["title"] = _("This round already has a proposal with this title.")


def _check_cost(round_: BudgetRound, cost: Any, errors: dict[str, Any], *, required: bool) -> Any:
    amount = _money(cost, "cost", errors)
    if "cost" in errors:
        return None
    if round_.is_theme_vote:
        if amount is not None:
            errors["cost"] = _(NO_COST)
        return None
    if (amount is None and required) or (amount is not None and amount <= 0):
        errors["cost"] = _(NEEDS_COST)
    elif amount is not None and amount > round_.young_people_pot:
        errors["cost"] = _(
            "It costs more than young people decide in this round (£%(young_people_pot)s)."
        ) % {"young_people_pot": format(round_.young_people_pot, ",")}
    return amount


def _open_for_proposals(round_: BudgetRound, errors: dict[str, Any]) -> None:
    if round_.decided_on is not None:
        errors["__all__"] = _(DECIDED)
    elif round_.ballots.exists():
        errors["__all__"] = _(FIXED)


_PROPOSAL_ADD = Creation(
    events.PROPOSAL_CREATED, PROPOSAL_FIELDS, exclude=["proposed_by_staff", "theme"]
)


@transaction.atomic
def proposal_add(
    *,
    actor: Any,
    round: BudgetRound,  # noqa: A002
    title: str,
    description: str,
    cost: Any = None,
    proposed_by_young_person: YoungPerson | None = None,
    proposed_by_group: Group | None = None,
    status: str = Proposal.Status.SHORTLISTED,
) -> Proposal:
    """Add a proposal (or an option of a theme vote) to a round nobody has voted in yet."""
    require(actor, "decisions.add_proposal", round)
    errors: dict[str, Any] = {}
    values = {"title": title, "description": description}
    _check_text(values, errors)
    _check_title(round, values["title"], errors)
    _open_for_proposals(round, errors)
    if status not in (Proposal.Status.PROPOSED, Proposal.Status.SHORTLISTED):
        errors["status"] = _("Choose proposed or on the shortlist.")
    amount = _check_cost(round, cost, errors, required=status == Proposal.Status.SHORTLISTED)
    if proposed_by_young_person is not None and not people_selectors.sees_young_person(
        actor, proposed_by_young_person
    ):
        errors["proposed_by_young_person"] = _("Choose a young person you can see.")
    if proposed_by_group is not None and not isinstance(proposed_by_group, Group):
        errors["proposed_by_group"] = _("Choose a group that is on the register.")
    proposal = Proposal(
        round=round,
        title=values["title"],
        description=values["description"],
        cost=amount,
        status=status,
        proposed_by_young_person=proposed_by_young_person
        if "proposed_by_young_person" not in errors
        else None,
        proposed_by_group=proposed_by_group if "proposed_by_group" not in errors else None,
        proposed_by_staff=actor,
    )
    return _PROPOSAL_ADD.save(proposal, actor=actor, errors=errors)


@transaction.atomic
def proposal_propose(
    *,
    young_person: YoungPerson,
    round: BudgetRound,  # noqa: A002
    title: str,
    description: str,
    cost: Any = None,
) -> Proposal:
    """A young person proposes an idea in the portal, while the round takes proposals from
    young people and they may take part. Staff then shortlist it. Audited with no staff actor."""
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(_("Only a young person on the register can propose."))
    if not round.young_people_propose or not round.takes_proposals:
        raise PermissionDenied(_("This round is not taking ideas from young people now."))
    if not selectors.is_eligible(round, young_person):
        raise PermissionDenied(_("This round is not open to you."))
    errors: dict[str, Any] = {}
    values = {"title": title, "description": description}
    _check_text(values, errors)
    _check_title(round, values["title"], errors)
    amount = _check_cost(round, cost, errors, required=False)
    proposal = Proposal(
        round=round,
        title=values["title"],
        description=values["description"],
        cost=amount,
        status=Proposal.Status.PROPOSED,
        proposed_by_young_person=young_person,
    )
    return _PROPOSAL_ADD.save(proposal, actor=None, errors=errors)


_PROPOSAL_UPDATE = Change(
    "proposal_update", events.PROPOSAL_CHANGED, ("title", "description", "cost", "status")
)


@transaction.atomic
def proposal_update(*, actor: Any, proposal: Proposal, **fields: Any) -> Proposal:
    """Change a proposal's words; its cost and place on the shortlist only before voting."""
    require(actor, "decisions.change_proposal", proposal)
    round_ = proposal.round

    def check(obj: Proposal, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if round_.decided_on is not None:
            errors["__all__"] = _(DECIDED)
            return
        _check_text(values, errors)
        if "title" in values:
            _check_title(round_, values["title"], errors, exclude=obj.pk)
        if "status" in values and values["status"] not in (
            Proposal.Status.PROPOSED,
            Proposal.Status.SHORTLISTED,
        ):
            errors["status"] = _("Choose proposed or on the shortlist.")
        status = values.get("status", obj.status)
        if "cost" in values or status != obj.status:
            values["cost"] = _check_cost(
                round_,
                values.get("cost", obj.cost),
                errors,
                required=status == Proposal.Status.SHORTLISTED,
            )
        changing = {
            name
            for name in ("cost", "status")
            if name in values and values[name] != getattr(obj, name)
        }
        if changing and round_.ballots.exists():
            errors["__all__"] = _(FIXED)

    return _PROPOSAL_UPDATE.apply(proposal, actor=actor, fields=fields, check=check)


_PROPOSAL_WITHDRAW = Change("proposal_withdraw", events.PROPOSAL_WITHDRAWN, ("status",))


@transaction.atomic
def proposal_withdraw(*, actor: Any, proposal: Proposal) -> Proposal:
    """Take a proposal off the round before anyone has voted (it stays on the record)."""
    require(actor, "decisions.change_proposal", proposal)
    errors: dict[str, Any] = {}
    _open_for_proposals(proposal.round, errors)
    if proposal.status == Proposal.Status.WITHDRAWN:
        errors["__all__"] = _("This proposal has already been withdrawn.")
    if errors:
        raise ValidationError(errors)
    withdrawn = {"status": Proposal.Status.WITHDRAWN}
    return _PROPOSAL_WITHDRAW.apply(proposal, actor=actor, fields=withdrawn)
