from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


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
    for name, messages in exc.message_dict.items():
        target: str | None = name if name in form.fields else None
        if aliases and name in aliases:
            target = next((alias for alias in aliases[name] if alias in form.fields), None)
        for message in messages:
            form.add_error(target, message)
