from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

T = TypeVar("T")


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account is not active. Ask your administrator.",
    }


class GovUKDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(
            attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d"
        )


def add_service_errors(
    form: Any, exc: ValidationError, *, aliases: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Show a service's ValidationError on the form: against the field it names when the form has
    one, else above the form. ``aliases`` maps a service's field to the form fields that stand for
    it (the first one present gets the message), e.g. ``{"attendees": ("attended", ...)}``."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, field_messages in exc.message_dict.items():
        target: str | None = name if name in form.fields else None
        if aliases and name in aliases:
            target = next((alias for alias in aliases[name] if alias in form.fields), None)
        for message in field_messages:
            form.add_error(target, message)


def save_form(
    request: HttpRequest,
    form: Any,
    save: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    then: str | Callable[[T], str],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> HttpResponse | None:
    """The POST half of every create and edit page: when the form is valid, ``save()`` (a call
    to a service); its ValidationError goes on the form, otherwise ``success`` is flashed and the
    response redirects to ``then`` (a URL or URL name, or made from what was saved). ``aliases``
    as for :func:`add_service_errors`. ``None``
    means: show the form (again), with its errors if any.

        if done := save_form(request, form, lambda: services.theme_create(...),
                             success="Theme added.", then=lambda theme: theme_url(theme)):
            return done
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as exc:
        add_service_errors(form, exc, aliases=aliases)
        return None
    messages.success(request, success(saved) if callable(success) else success)
    return redirect(then(saved) if callable(then) else then)


SAVE_OPTIONS = ("success", "then", "aliases")


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    template: str = "includes/form_page.html",
    **options: Any,
) -> HttpResponse:
    """The whole of a create or edit page: :func:`save_form` (with ``success``, ``then`` and
    ``aliases`` from ``options``) on a valid POST, otherwise the form (again, with its errors) in
    ``template`` with the other ``options`` as its context (title, back link, button text).

        return form_page(request, form, lambda: services.theme_create(actor=user, **values),
                         success="Theme added.", then=theme_url, title="Add a theme")
    """
    saving = {name: options.pop(name) for name in SAVE_OPTIONS if name in options}
    if done := save_form(request, form, save, **saving):
        return done
    return render(request, template, {"form": form, **options})


def changed_values(form: Any) -> dict[str, Any]:
    """The cleaned values of the fields the user changed: what an edit passes to its service."""
    return {name: form.cleaned_data[name] for name in form.changed_data}
