"""The portal's "Votes and budgets": the rounds a young person may take part in, their ideas,
their vote (once, with a receipt code shown once), and the results once voting has closed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.core.forms import form_page
from heard.decisions import selectors, services
from heard.decisions.forms import PortalProposalForm
from heard.decisions.models import Ballot
from heard.decisions.views.ballots import ballot_form
from heard.people.models import YoungPerson
from heard.portal.views import portal_page, portal_required

#: The receipt code of the ballot just cast, kept in the session until it is shown once.
RECEIPT_KEY = "decisions.receipt"


def _round_url(pk: int) -> str:
    return reverse("decisions:portal-round", args=[pk])


portal_rounds = portal_page(
    "portal_rounds",
    "decisions/portal/rounds.html",
    gettext_lazy("Votes and budgets"),
    rounds=selectors.portal_rounds,
)


@portal_required
def portal_round(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    round_ = selectors.portal_round_get(young_person, pk)
    ballot = selectors.ballot_of(round_, young_person)
    receipt = request.session.pop(RECEIPT_KEY, None)
    context = {
        "young_person": young_person,
        "round": round_,
        "title": round_.title,
        "options": list(selectors.ballot_options(round_)),
        "ballot": ballot,
        "voted_on_paper": ballot is not None and ballot.origin == Ballot.Origin.PAPER,
        "receipt": receipt if ballot is not None else None,
        "can_vote": round_.is_open and ballot is None,
        "can_propose": round_.young_people_propose and round_.takes_proposals,
        "results": selectors.portal_results(round_),
        "response": round_.response,
    }
    return render(request, "decisions/portal/round.html", context)


@require_http_methods(["GET", "POST"])
@portal_required
def portal_vote(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    round_ = selectors.portal_round_get(young_person, pk)
    if selectors.ballot_of(round_, young_person) is not None:
        messages.info(request, _("You have already voted in this round."))
        return redirect(_round_url(round_.pk))
    form = ballot_form(request, round_)

    def cast() -> services.Cast:
        done = services.ballot_cast(young_person=young_person, round=round_, choices=form.choices())
        request.session[RECEIPT_KEY] = done.receipt
        return done

    return form_page(
        request,
        form,
        cast,
        template="decisions/portal/vote.html",
        success="Thank you! Your vote has been counted.",
        then=_round_url(round_.pk),
        aliases={"choices": ("proposal",)},
        young_person=young_person,
        round=round_,
        title=f"Vote: {round_.title}",
    )


@require_http_methods(["GET", "POST"])
@portal_required
def portal_propose(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    round_ = selectors.portal_round_get(young_person, pk)
    if not (round_.young_people_propose and round_.takes_proposals):
        raise PermissionDenied(_("This round is not taking ideas now."))
    form = PortalProposalForm(request.POST if request.method == "POST" else None, round_=round_)
    return form_page(
        request,
        form,
        lambda: services.proposal_propose(
            young_person=young_person, round=round_, **form.cleaned_data
        ),
        template="decisions/portal/propose.html",
        success="Thank you! We have your idea. The team will look at it.",
        then=_round_url(round_.pk),
        young_person=young_person,
        round=round_,
        title=f"Share an idea: {round_.title}",
    )
