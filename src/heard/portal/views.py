"""Pages of the young person's portal, the staff page for sign-in codes, and the public pages.

A young person is "signed in" when the Django session holds the portal key: their id, the code
that opened the session and when. That is not a staff login: ``request.user`` is untouched. Every
portal page reads the young person from the session (never from the request), checks the code
still works and the session is under two hours old, and sends anyone else to the sign-in page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial, wraps
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from heard.core import tables
from heard.core.models import Partnership
from heard.core.permissions import require
from heard.core.records import named
from heard.core.security import client_address
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson
from heard.portal import forms, poster, selectors, services
from heard.voice import services as voice_services

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PORTAL_SESSION_KEY = "heard_portal"
#: A portal session lasts this long after signing in, whatever the staff session length.
PORTAL_SESSION_SECONDS = 2 * 60 * 60
RATE_LIMITED = gettext_noop(
    "You have tried a lot of times. Please wait 10 minutes and try again, "
    "or ask your worker for help."
)


# --- The portal session -------------------------------------------------------------------------


def _portal_young_person(request: HttpRequest) -> YoungPerson | None:
    data = request.session.get(PORTAL_SESSION_KEY)
    if not isinstance(data, dict):
        return None
    signed_in_at = data.get("at")
    if not isinstance(signed_in_at, int | float) or time.time() - signed_in_at > (
        PORTAL_SESSION_SECONDS
    ):
        request.session.pop(PORTAL_SESSION_KEY, None)
        return None
    young_person = selectors.portal_young_person(
        young_person_id=data.get("young_person"), code_id=data.get("code")
    )
    if young_person is None:
        request.session.pop(PORTAL_SESSION_KEY, None)
    return young_person


def portal_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """The view gets the signed-in young person as its second argument; others go to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        young_person = _portal_young_person(request)
        if young_person is None:
            return redirect("portal:sign-in")
        return view(request, young_person, *args, **kwargs)

    return never_cache(wrapper)


def portal_page(
    view_name: str, template: str, title: StrOrPromise, **shows: Callable[[YoungPerson], Any]
) -> Callable[..., HttpResponse]:
    """A portal page, named ``view_name`` as if written out, that shows the signed-in young
    person what is theirs: each of ``shows`` read for them (``surveys=selectors.portal_surveys``),
    under ``title`` (marked with ``gettext_lazy``) in their language."""

    @portal_required
    def page(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
        context = {name: read(young_person) for name, read in shows.items()}
        context.update(young_person=young_person, title=str(title))
        return render(request, template, context)

    return named(page, view_name)


# --- Signing in and out -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """The code form. A link with ?code= fills the box in; only pressing the button signs in."""
    if request.method == "GET" and _portal_young_person(request) is not None:
        return redirect("portal:home")
    status = 200
    if request.method == "POST":
        form = forms.SignInForm(request.POST)
        address = client_address(request)
        services.sign_in_attempts_forget()
        allowed = services.sign_in_attempt_allowed(
            address=address, code=str(request.POST.get("code", ""))[:100]
        )
        if not allowed:
            form.is_valid()
            form.add_error(None, _(RATE_LIMITED))
            status = 429
        elif form.is_valid():
            try:
                code = services.sign_in_code_use(code=form.cleaned_data["code"])
            except ValidationError as exc:
                forms.add_service_errors(form, exc)
            else:
                services.sign_in_attempt_refund(address=address)
                request.session.cycle_key()
                request.session[PORTAL_SESSION_KEY] = {
                    "young_person": code.young_person_id,
                    "code": code.pk,
                    "at": time.time(),
                }
                return redirect("portal:home")
    else:
        form = forms.SignInForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(
        request, "portal/sign_in.html", {"form": form, "title": _("Sign in")}, status=status
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(PORTAL_SESSION_KEY, None)
    request.session.cycle_key()
    messages.success(request, _("You are signed out. See you soon!"))
    return redirect("portal:sign-in")


# --- The young person's pages -------------------------------------------------------------------


@portal_required
def home(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
    context = {
        "young_person": young_person,
        "items": selectors.portal_views(young_person),
        "rating_choices": forms.RatingForm.base_fields["value"].choices,  # type: ignore[attr-defined]
        "title": _("What happened to what I said"),
    }
    return render(request, "portal/home.html", context)


def one_tap(request: HttpRequest, form_class: type[Any], give: Callable[..., Any]) -> None:
    """A one-tap answer (a rating, an evaluation): ``give(**answers)`` when the POST is valid
    for ``form_class``, then its errors or the thanks as messages on the page it goes back to."""
    form = form_class(request.POST)
    if form.is_valid():
        try:
            give(**form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you! We saved what you think."))


sessions = portal_page(
    "sessions",
    "portal/sessions.html",
    gettext_lazy("Times I took part"),
    sessions=selectors.portal_sessions,
    columns=lambda young_person: session_columns(),
)


@require_POST
@portal_required
def rate(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    """One tap: helpful, not sure or not helpful, with an optional comment."""
    response = selectors.portal_response_get(young_person, pk)
    one_tap(
        request,
        forms.RatingForm,
        partial(voice_services.rating_give, young_person=young_person, response=response),
    )
    view_pk = request.POST.get("view", "")
    anchor = f"#view-{int(view_pk)}" if view_pk.isdigit() else ""
    return redirect(reverse("portal:home") + anchor)


# --- Staff: sign-in codes for one young person --------------------------------------------------


#: A young person's current codes, each with a link to revoke it.
CODE_COLUMNS = (
    tables.Column(gettext_lazy("Given"), "created_at"),
    tables.Column(gettext_lazy("By"), lambda code: code.created_by or "Heard"),
    tables.Column(gettext_lazy("Use by"), "expires_at"),
    tables.Column(
        gettext_lazy("Used"),
        cell='{% if row.is_spent %}Spent: signed in {{ row.last_used_at|date:"j F Y, H:i" }}'
        "{% else %}Not used yet{% endif %}",
    ),
    tables.Column(
        gettext_lazy("Actions"),
        cell='<a class="govuk-link" href="{% url "portal:code-revoke" young_person.pk row.pk %}">'
        'Revoke<span class="govuk-visually-hidden"> the code given '
        '{{ row.created_at|date:"j F Y, H:i" }}</span></a>',
    ),
)


#: The times a young person took part, as their portal shows them.
def session_columns() -> tuple[tables.Column, ...]:
    """The columns of the times a young person took part, in their language."""
    return (
        tables.Column(_("Date"), "date"),
        tables.Column(_("What"), "get_kind_display"),
        tables.Column(
            _("Group"), lambda session: session.group.name if session.group else _("Just you")
        ),
    )


def _codes_context(
    request: HttpRequest, young_person: YoungPerson, form: forms.IssueCodeForm
) -> dict[str, Any]:
    return {
        "young_person": young_person,
        "form": form,
        "codes": selectors.sign_in_codes_active(user=request.user, young_person=young_person),
        "title": _("Portal sign-in codes for %(reference)s")
        % {"reference": young_person.reference},
        "code_columns": CODE_COLUMNS,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def codes(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a young person a code (shown once, on this page only) and take codes back."""
    user = request.user
    young_person = people_selectors.young_person_get(user, pk)
    require(user, "portal.view_signincode", young_person)
    form = forms.IssueCodeForm(request.POST or None)
    context: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            _code, plain = services.sign_in_code_issue(
                actor=user, young_person=young_person, valid_days=form.cleaned_data["valid_days"]
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            link = reverse("portal:sign-in") + "?" + urlencode({"code": plain})
            context = {
                "new_code": plain,
                "new_code_expires": _code.expires_at,
                "new_code_link": request.build_absolute_uri(link),
            }
            form = forms.IssueCodeForm()
    context.update(_codes_context(request, young_person, form))
    return render(request, "portal/codes.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def code_revoke(request: HttpRequest, pk: int, code_pk: int) -> HttpResponse:
    user = request.user
    young_person = people_selectors.young_person_get(user, pk)
    code = selectors.sign_in_code_get(user=user, young_person=young_person, pk=code_pk)
    require(user, "portal.change_signincode", code)
    if request.method == "POST":
        services.sign_in_code_revoke(actor=user, code=code)
        messages.success(request, _("The code is revoked: it no longer signs in."))
        return redirect("portal:codes", pk=young_person.pk)
    context = {
        "young_person": young_person,
        "code": code,
        "title": _("Revoke this code?"),
        "cancel_url": reverse("portal:codes", args=[young_person.pk]),
    }
    return render(request, "portal/code_revoke.html", context)


# --- Public: "You said, we did" -----------------------------------------------------------------


def _partnership_name() -> str:
    partnership = Partnership.objects.filter(pk=1).first()
    return partnership.name if partnership else Partnership._meta.get_field("name").default


@never_cache
def public(request: HttpRequest) -> HttpResponse:
    page, items = selectors.public_page(number=request.GET.get("page"))
    context = {
        "partnership_name": _partnership_name(),
        "items": items,
        "page_obj": page,
        "themes": selectors.public_themes(),
        "poster_url": reverse("portal:poster"),
        "title": _("You said, we did"),
    }
    return render(request, "portal/public.html", context)


@never_cache
def public_theme(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.public_theme_get(pk)
    page, items = selectors.public_page(theme=theme, number=request.GET.get("page"))
    context = {
        "partnership_name": _partnership_name(),
        "theme": theme,
        "items": items,
        "page_obj": page,
        "poster_url": reverse("portal:theme-poster", args=[theme.pk]),
        "title": _("You said, we did: %(theme)s") % {"theme": theme.title},
    }
    return render(request, "portal/public.html", context)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@never_cache
def poster_pdf(request: HttpRequest) -> HttpResponse:
    content = poster.poster_pdf(
        items=selectors.public_items(limit=poster.POSTER_ITEMS),
        subtitle=_partnership_name(),
        footer=request.build_absolute_uri(reverse("portal:public")),
    )
    return _pdf(content, "you-said-we-did.pdf")


@never_cache
def theme_poster_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.public_theme_get(pk)
    content = poster.poster_pdf(
        items=selectors.public_items(theme=theme, limit=poster.POSTER_ITEMS),
        subtitle=theme.title,
        footer=request.build_absolute_uri(reverse("portal:public-theme", args=[theme.pk])),
    )
    return _pdf(content, f"you-said-we-did-theme-{theme.pk}.pdf")
