"""The portal's "Tell us how it went": a young person rates the sessions they took part in
(positive, neutral or negative, with a comment if they like), once each, and may change it.
The evaluation itself is the involvement app's (``heard.involvement``)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from heard.involvement import selectors as involvement_selectors
from heard.involvement import services as involvement_services
from heard.involvement.models import Evaluation
from heard.people.models import YoungPerson
from heard.portal import forms
from heard.portal.views import one_tap, portal_required

#: The three answers in a young person's words, in the order the buttons show them.
RATING_WORDS = [
    (Evaluation.Rating.POSITIVE, gettext_lazy("Good")),
    (Evaluation.Rating.NEUTRAL, gettext_lazy("OK")),
    (Evaluation.Rating.NEGATIVE, gettext_lazy("Not good")),
]


@portal_required
def how_it_went(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
    context = {
        "young_person": young_person,
        "sessions": involvement_selectors.portal_sessions_to_evaluate(young_person),
        "rating_choices": RATING_WORDS,
        "title": _("Tell us how it went"),
    }
    return render(request, "portal/how_it_went.html", context)


@require_POST
@portal_required
def evaluate(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    """One tap: good, OK or not good, with an optional comment."""
    session = involvement_selectors.portal_session_get(young_person, pk)
    give = partial(involvement_services.evaluation_give, young_person=young_person, session=session)
    one_tap(request, forms.EvaluationForm, give)
    return redirect(reverse("portal:how-it-went") + f"#session-{session.pk}")
