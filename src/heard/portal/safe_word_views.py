"""The safe word (issue 19): from any portal page a young person can say "I don't feel safe" or
"I need to talk to someone". One press raises a safeguarding concern at once
(``safeguarding.services.concern_raise_from_portal``), which emails the safeguarding leads; the
next page says what happens next and who to call now.

The portal never shows the concern back: the "sent" page is the same for everyone and holds none
of what was written (the POST redirects to it, so the browser's history and a refresh hold no
form), and neither page is cached. The form's one-time token makes a second press of the button
find the concern the first one raised.
"""

from __future__ import annotations

import secrets
import time

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from heard.core.forms import add_service_errors
from heard.people.models import YoungPerson
from heard.portal.safe_word_forms import SafeWordForm
from heard.portal.views import PORTAL_SESSION_SECONDS, portal_required
from heard.safeguarding import services as safeguarding_services

#: The session's note that this young person asked for help: who and when, nothing they wrote.
SENT_KEY = "heard_portal_help_sent"


@require_http_methods(["GET", "POST"])
@portal_required
def help_page(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
    """Ask for help: one button, and optionally their own words and how to get in touch."""
    form = SafeWordForm(request.POST or None, initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        try:
            safeguarding_services.concern_raise_from_portal(
                young_person=young_person,
                words=form.cleaned_data["words"],
                how_to_contact=form.cleaned_data["how_to_contact"],
                token=form.cleaned_data["token"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[SENT_KEY] = {"young_person": young_person.pk, "at": time.time()}
            return redirect("portal:help-sent")
    context = {"young_person": young_person, "form": form, "title": _("Get help now")}
    return render(request, "portal/safe_word.html", context)


@require_GET
@portal_required
def help_sent(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
    """What happens next and who to contact now: the same words for everyone who asked."""
    sent = request.session.get(SENT_KEY)
    if (
        not isinstance(sent, dict)
        or sent.get("young_person") != young_person.pk
        or not isinstance(sent.get("at"), int | float)
        or time.time() - sent["at"] > PORTAL_SESSION_SECONDS
    ):
        return redirect("portal:help")
    context = {"young_person": young_person, "title": _("We have told someone who can help")}
    return render(request, "portal/safe_word_sent.html", context)
