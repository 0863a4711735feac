"""The portal's "Get involved": the published opportunities that suit the signed-in young
person and are still open, each with its accessibility; signing up (a confirmation page, then
a POST), withdrawing, and "My sign-ups"."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.core.confirm import confirm_page
from heard.opportunities import selectors, services
from heard.opportunities.models import SignUp
from heard.people.models import YoungPerson
from heard.portal.views import portal_page, portal_required

get_involved = portal_page(
    "get_involved",
    "opportunities/portal_list.html",
    gettext_lazy("Get involved"),
    opportunities=lambda young_person: selectors.portal_opportunities(
        young_person, timezone.localdate()
    ),
)


@portal_required
def opportunity(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    found = selectors.portal_opportunity_get(young_person, pk, timezone.localdate())
    context = {
        "young_person": young_person,
        "opportunity": found,
        "mine": found.mine,  # type: ignore[attr-defined]
        "title": found.title,
    }
    return render(request, "opportunities/portal_detail.html", context)


@require_http_methods(["GET", "POST"])
@portal_required
def sign_up(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    """ "Do you want to sign up?", then the sign-up itself."""
    found = selectors.portal_opportunity_get(young_person, pk, timezone.localdate())
    mine = found.mine  # type: ignore[attr-defined]
    if mine is not None and mine.status != SignUp.Status.WITHDRAWN:
        messages.info(request, _("You have already signed up for this."))
        return redirect("opportunities:portal-mine")
    return confirm_page(
        request,
        lambda: services.sign_up_give(young_person=young_person, opportunity=found),
        success=lambda: f"You have signed up for {found.title}. See you there!",
        then="opportunities:portal-mine",
        template="opportunities/portal_sign_up.html",
        context=lambda: {
            "young_person": young_person,
            "opportunity": found,
            "title": _("Sign up for %(title)s?") % {"title": found.title},
        },
        error_status=200,
    )


mine = portal_page(
    "mine",
    "opportunities/portal_mine.html",
    gettext_lazy("My sign-ups"),
    sign_ups=lambda young_person: list(selectors.portal_sign_ups(young_person)),
)


@require_http_methods(["GET", "POST"])
@portal_required
def withdraw(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    """ "Do you want to stop?", then the withdrawal."""
    found = selectors.portal_sign_up_get(young_person, pk)
    if found.status != SignUp.Status.SIGNED_UP:
        messages.info(request, _("This sign-up cannot be withdrawn now."))
        return redirect("opportunities:portal-mine")
    if request.method == "POST":
        services.sign_up_withdraw(sign_up=found, young_person=young_person)
        messages.success(
            request,
            _("You are no longer signed up for %(title)s.") % {"title": found.opportunity.title},
        )
        return redirect("opportunities:portal-mine")
    context = {
        "young_person": young_person,
        "sign_up": found,
        "title": _("Stop your sign-up for %(title)s?") % {"title": found.opportunity.title},
    }
    return render(request, "opportunities/portal_withdraw.html", context)
