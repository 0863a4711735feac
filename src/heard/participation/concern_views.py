"""Raising a safeguarding concern from a session: participation's page, since the session is
participation's (safeguarding, below it, cannot look sessions up). The form, the thank-you page
and everything after are safeguarding's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from heard.participation import selectors
from heard.participation.concerns import concern_raise_from_session
from heard.safeguarding.views import raise_page


@login_required
def concern_raise(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise a concern from a session the user can see (404 otherwise); a one-to-one session's
    concern is about its young person."""
    user = request.user
    session = selectors.session_get(user, pk)
    young_person = session.young_person
    return raise_page(
        request,
        lambda form: concern_raise_from_session(
            actor=user,
            session=session,
            young_person=young_person or form.cleaned_data.get("young_person_reference"),
            **form.concern_values(),
        ),
        young_person=young_person,
        session=session,
        cancel_url=reverse("participation:session-detail", args=[session.pk]),
    )
