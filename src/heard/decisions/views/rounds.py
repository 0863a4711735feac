"""Pages for budget rounds and their proposals: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DESCRIPTION_CSV, KIND, STAGE
from heard.core.permissions import can, require
from heard.core.record_views import FiguresListView, page_url, values_of
from heard.core.records import Record
from heard.decisions import selectors, services
from heard.decisions.filters import RoundFilter
from heard.decisions.forms import ProposalForm, RoundForm, round_initial
from heard.decisions.models import BudgetRound, Proposal
from heard.people import selectors as people_selectors

ADD = "decisions.add_budgetround"
CHANGE = "decisions.change_budgetround"
DELETE = "decisions.delete_budgetround"
DECIDE = "decisions.decide_budgetround"
VERIFY = "decisions.verify_budgetround"
ADD_PROPOSAL = "decisions.add_proposal"
CHANGE_PROPOSAL = "decisions.change_proposal"
VIEW_BALLOTS = "decisions.view_ballot"
VIEW_ACTIVITIES = "involvement.view_involvementactivity"
ADD_BALLOT = "decisions.add_ballot"


round_url = page_url("decisions:round-detail")


ROUND = Record(
    "decisions:round",
    "decisions.budgetround",
    selectors.round_get,
    form=RoundForm,
    initial=round_initial,
    form_user=False,
)
PROPOSAL = Record(
    "decisions:proposal",
    "decisions.proposal",
    selectors.proposal_get,
    form=ProposalForm,
    initial=values_of("title", "description", "cost", "status"),
    form_kwargs=lambda request, proposal: {"editing": True},
    page=lambda proposal: round_url(proposal.round_id),
)


def _money(value: Any) -> str:
    return f"£{value:,}" if value is not None else ""


RoundListView = ROUND.list_view(
    base=FiguresListView,
    figures={"shown_ballot_count": selectors.shown_ballot_count},
    title="Budgets and votes",
    selector=selectors.rounds_visible_to,
    filterset_class=RoundFilter,
    csv_filename="budget-rounds.csv",
    context_permissions={"can_add": ADD, "can_view_panels": VIEW_ACTIVITIES},
    columns=(
        ROUND.link_column("Title", "title"),
        KIND,
        STAGE,
        tables.Column(
            gettext_lazy("Organisation"),
            lambda row: row.organisation.name if row.organisation else "The partnership",
        ),
        tables.Column(gettext_lazy("Voting opens"), "opens"),
        tables.Column(gettext_lazy("Voting closes"), "closes"),
        tables.Column(
            gettext_lazy("Young people decide"),
            lambda row: "" if row.is_theme_vote else _money(row.young_people_pot),
        ),
        tables.Column(gettext_lazy("Proposals"), "proposal_count", numeric=True),
        tables.Column(gettext_lazy("Ballots"), "shown_ballot_count", numeric=True),
        DESCRIPTION_CSV,
    ),
)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = selectors.round_get(user, pk)
    proposals = selectors.round_proposals(round_)
    can_change_proposals = can(user, CHANGE_PROPOSAL, Proposal(round=round_))
    context = {
        "round": round_,
        "title": round_.title,
        "proposals": proposals,
        "eligibility": selectors.eligible_summary(round_),
        "eligible_count": selectors.eligible_young_people(round_).count()
        if can(user, VIEW_BALLOTS, round_)
        else None,
        "results": selectors.results(user, round_),
        "ballot_count": selectors.shown_ballot_count(user, round_),
        "can_change": can(user, CHANGE, round_) and round_.decided_on is None,
        "can_delete": can(user, DELETE, round_) and not round_.ballots_exist,
        "can_add_proposal": can(user, ADD_PROPOSAL, round_)
        and round_.decided_on is None
        and not round_.ballots_exist,
        "can_change_proposals": can_change_proposals and round_.decided_on is None,
        "can_withdraw": can_change_proposals
        and round_.decided_on is None
        and not round_.ballots_exist,
        "can_view_ballots": can(user, VIEW_BALLOTS, round_),
        "can_enter_ballot": can(user, ADD_BALLOT, round_) and round_.is_open,
        "can_decide": can(user, DECIDE, round_) and round_.stage == BudgetRound.Stage.CLOSED,
        "can_tell": can(user, DECIDE, round_)
        and round_.response is not None
        and round_.response.awaiting_feedback,
        "can_verify": can(user, VERIFY, round_),
        "can_view_history": can(user, "core.view_history"),
    }
    return render(request, "decisions/round_detail.html", context)


round_create = ROUND.create_view(
    services.round_create,
    title="Set up a budget round or theme vote",
    submit_label="Set up the round",
    success=lambda added: f"Round “{added.title}” set up.",
    initial=lambda request: {"method": BudgetRound.Method.ONE_VOTE},
)
round_edit = ROUND.edit_view(services.round_update)
round_delete = ROUND.delete_view(services.round_delete, template="decisions/round_delete.html")


# Proposals ---------------------------------------------------------------------------------------


proposal_create = ROUND.form_view(
    ADD_PROPOSAL,
    services.proposal_add,
    form=ProposalForm,
    form_kwargs=lambda request, round_: {"user": request.user},
    title=lambda round_: f"Add a proposal to {round_.title}",
    submit_label="Add proposal",
    success=lambda added: f"Proposal “{added.title}” added.",
    name="proposal_create",
)
proposal_edit = PROPOSAL.edit_view(services.proposal_update)
proposal_withdraw = PROPOSAL.confirm_view(
    "change",
    services.proposal_withdraw,
    template="decisions/proposal_withdraw.html",
    title=lambda proposal: f"Withdraw {proposal.title}?",
    success=lambda proposal: f"Proposal “{proposal.title}” withdrawn.",
    name="proposal_withdraw",
)


@login_required
def panels(request: HttpRequest) -> HttpResponse:
    """Panels recorded in "Accountable to the board": the young people who sat on each, and
    the training they had."""
    user = request.user
    require(user, VIEW_ACTIVITIES)
    context = {
        "title": _("Young people on panels"),
        "panels": selectors.panels(user),
        "today": timezone.localdate(),
        "sees_names": people_selectors.sees_names(user),
    }
    return render(request, "decisions/panels.html", context)
