"""Pages for ballots, the count and the decision: paper ballots entered by workers, who has
voted (never what they chose), the verification of the count, deciding, and telling everyone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import YOUNG_PERSON
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.forms import form_page
from heard.core.record_views import record_form_page
from heard.decisions import selectors, services
from heard.decisions.forms import BallotForm, DecideForm, TellForm
from heard.decisions.models import BudgetRound
from heard.decisions.views.rounds import (
    ADD_BALLOT,
    DECIDE,
    ROUND,
    VERIFY,
    VIEW_BALLOTS,
    round_url,
)

VOTER_COLUMNS = (
    YOUNG_PERSON,
    tables.Column(gettext_lazy("Voted"), "cast_at"),
    tables.Column(gettext_lazy("How"), "get_origin_display"),
    tables.Column(
        gettext_lazy("Entered by"),
        lambda row: row.entered_by.full_name if row.entered_by else "",
    ),
)


def ballot_form(request: HttpRequest, round_: BudgetRound, **more: Any) -> BallotForm:
    """The ballot paper of an open round (403 when voting is not open), whether a young person
    votes in the portal or a worker enters their paper ballot (``more``: whose it is)."""
    if not round_.is_open:
        raise PermissionDenied(_("Voting in this round is not open."))
    data = request.POST if request.method == "POST" else None
    return BallotForm(data, round_=round_, options=list(selectors.ballot_options(round_)), **more)


@login_required
def ballot_enter(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker enters a paper ballot: whose it is, then their choices. The receipt code is
    shown once, for the worker to hand to the young person."""
    user = request.user
    round_ = ROUND.fetch(request, pk, ADD_BALLOT)
    form = ballot_form(request, round_, voters=selectors.voters_to_enter(user, round_), user=user)
    return form_page(
        request,
        form,
        lambda: services.ballot_enter(
            actor=user,
            round=round_,
            young_person=form.cleaned_data["young_person"],
            choices=form.choices(),
        ),
        success=lambda cast: (
            f"Ballot of {cast.ballot.young_person.reference} entered. Give them the "
            f"receipt code {cast.receipt} so they can check it was counted."
        ),
        then=reverse("decisions:round-ballot", args=[round_.pk]),
        aliases={"choices": ("proposal",)},
        template="decisions/ballot_form.html",
        title=f"Enter a paper ballot: {round_.title}",
        submit_label="Enter the ballot",
        cancel_url=round_url(round_),
        round=round_,
    )


@login_required
def voters(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Who has voted in the round, when and how: never what they chose."""
    user = request.user
    round_ = ROUND.fetch(request, pk, VIEW_BALLOTS)
    rows = selectors.round_ballots(user, round_)
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        return export_response(export_format, rows, VOTER_COLUMNS, f"voters-round-{round_.pk}.csv")
    context = {
        "round": round_,
        "title": _("Who has voted: %(title)s") % {"title": round_.title},
        "ballots": list(rows),
        "columns": VOTER_COLUMNS,
    }
    return render(request, "decisions/voters.html", context)


@login_required
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    """The count checked: as many papers as ballots, per origin, and the receipt codes."""
    round_ = ROUND.fetch(request, pk, VERIFY)
    context = {
        "round": round_,
        "title": _("Check the count: %(title)s") % {"title": round_.title},
        "check": selectors.verification(round_),
    }
    return render(request, "decisions/verify.html", context)


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = ROUND.fetch(request, pk, DECIDE)
    if round_.stage != BudgetRound.Stage.CLOSED:
        raise PermissionDenied(_("Only a closed round that is not yet decided can be decided."))
    leading = selectors.leading(round_, round_.winners or 0) if round_.is_theme_vote else []
    form = DecideForm(
        request.POST if request.method == "POST" else None,
        round_=round_,
        initial={"chosen": [p.pk for p in leading]},
    )
    return record_form_page(
        request,
        round_,
        form,
        services.round_decide,
        keyword="round",
        back=round_url(round_),
        success="Decision recorded. Everyone who voted or proposed sees it in the portal.",
        template="decisions/decide.html",
        title=f"Record the decision: {round_.title}",
        submit_label="Record the decision",
        round=round_,
        results=selectors.results(user, round_),
    )


@login_required
def tell(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = ROUND.fetch(request, pk, DECIDE)
    if round_.response is None:
        raise PermissionDenied(_("Record the decision first."))
    form = TellForm(request.POST if request.method == "POST" else None)
    return record_form_page(
        request,
        round_,
        form,
        services.round_tell,
        keyword="round",
        back=round_url(round_),
        success="Recorded that everyone who took part was told.",
        title=f"Tell everyone who took part: {round_.title}",
        submit_label="Record the feedback",
    )
