"""Pages for budget rounds and their proposals: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.decisions import selectors, services
from heard.decisions.filters import RoundFilter
from heard.decisions.forms import ProposalForm, RoundForm, round_initial
from heard.decisions.models import BudgetRound, Proposal
from heard.people import selectors as people_selectors

VIEW = "decisions.view_budgetround"
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


def round_url(round_: BudgetRound | int) -> str:
    pk = round_ if isinstance(round_, int) else round_.pk
    return reverse("decisions:round-detail", args=[pk])


def _money(value: Any) -> str:
    return f"£{value:,}" if value is not None else ""


class RoundListView(StaffListView):
    template_name = "decisions/round_list.html"
    filterset_class = RoundFilter
    permission_required = VIEW
    title = "Budgets and votes"
    csv_filename = "budget-rounds.csv"
    selector = staticmethod(selectors.rounds_visible_to)
    context_permissions = {
        "can_add": ADD,
        "can_view_panels": "involvement.view_involvementactivity",
    }
    columns = (
        tables.Column(
            "Title",
            "title",
            cell='<a class="govuk-link" href="{% url "decisions:round-detail" row.pk %}">'
            "{{ row.title }}</a>",
        ),
        tables.Column("Kind", "get_kind_display"),
        tables.Column("Stage", "get_stage_display"),
        tables.Column(
            "Organisation",
            lambda row: row.organisation.name if row.organisation else "The partnership",
        ),
        tables.Column("Voting opens", "opens"),
        tables.Column("Voting closes", "closes"),
        tables.Column(
            "Young people decide",
            lambda row: "" if row.is_theme_vote else _money(row.young_people_pot),
        ),
        tables.Column("Proposals", "proposal_count", numeric=True),
        tables.Column("Ballots", "ballot_count", numeric=True),
        tables.Column("Description", "description", in_table=False),
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


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, ADD)
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial={"method": BudgetRound.Method.ONE_VOTE},
    )
    return form_page(
        request,
        form,
        lambda: services.round_create(actor=user, **form.cleaned_data),
        success=lambda added: f"Round “{added.title}” set up.",
        then=round_url,
        title="Set up a budget round or theme vote",
        submit_label="Set up the round",
        cancel_url=reverse("decisions:round-list"),
    )


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = selectors.round_get(user, pk)
    require(user, CHANGE, round_)
    form = RoundForm(
        request.POST if request.method == "POST" else None, initial=round_initial(round_)
    )
    return form_page(
        request,
        form,
        lambda: services.round_update(actor=user, round=round_, **changed_values(form)),
        success="Round updated.",
        then=round_url(round_),
        title=f"Edit {round_.title}",
        submit_label="Save changes",
        cancel_url=round_url(round_),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = selectors.round_get(user, pk)
    require(user, DELETE, round_)
    error = None
    if request.method == "POST":
        try:
            services.round_delete(actor=user, round=round_)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Round “{round_.title}” deleted.")
            return redirect("decisions:round-list")
    context = {
        "round": round_,
        "title": f"Delete {round_.title}?",
        "error": error,
        "cancel_url": round_url(round_),
    }
    return render(request, "decisions/round_delete.html", context, status=400 if error else 200)


# Proposals ---------------------------------------------------------------------------------------


@login_required
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = selectors.round_get(user, pk)
    require(user, ADD_PROPOSAL, round_)
    form = ProposalForm(request.POST if request.method == "POST" else None, user=user)
    return form_page(
        request,
        form,
        lambda: services.proposal_add(actor=user, round=round_, **form.cleaned_data),
        success=lambda added: f"Proposal “{added.title}” added.",
        then=round_url(round_),
        title=f"Add a proposal to {round_.title}",
        submit_label="Add proposal",
        cancel_url=round_url(round_),
    )


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = selectors.proposal_get(user, pk)
    require(user, CHANGE_PROPOSAL, proposal)
    initial = {
        "title": proposal.title,
        "description": proposal.description,
        "cost": proposal.cost,
        "status": proposal.status,
    }
    form = ProposalForm(
        request.POST if request.method == "POST" else None, user=user, editing=True, initial=initial
    )
    back = round_url(proposal.round_id)
    return form_page(
        request,
        form,
        lambda: services.proposal_update(actor=user, proposal=proposal, **changed_values(form)),
        success="Proposal updated.",
        then=back,
        title=f"Edit {proposal.title}",
        submit_label="Save changes",
        cancel_url=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = selectors.proposal_get(user, pk)
    require(user, CHANGE_PROPOSAL, proposal)
    back = round_url(proposal.round_id)
    error = None
    if request.method == "POST":
        try:
            services.proposal_withdraw(actor=user, proposal=proposal)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Proposal “{proposal.title}” withdrawn.")
            return redirect(back)
    context = {
        "proposal": proposal,
        "title": f"Withdraw {proposal.title}?",
        "error": error,
        "cancel_url": back,
    }
    return render(
        request, "decisions/proposal_withdraw.html", context, status=400 if error else 200
    )


@login_required
def panels(request: HttpRequest) -> HttpResponse:
    """Panels recorded in "Accountable to the board": the young people who sat on each, and
    the training they had."""
    user = request.user
    require(user, VIEW_ACTIVITIES)
    context = {
        "title": "Young people on panels",
        "panels": selectors.panels(user),
        "today": timezone.localdate(),
        "sees_names": people_selectors.sees_names(user),
    }
    return render(request, "decisions/panels.html", context)
