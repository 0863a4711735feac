"""A member of staff's password: change it (signed in), or reset a forgotten one by an emailed
single-use link that expires (Django's reset views with Heard's pages and services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heard.core import passwords
from heard.core.forms import add_service_errors


def _password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(
        attrs={"autocomplete": autocomplete, "class": "govuk-input govuk-!-width-one-half"}
    )


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label="Current password", strip=False, widget=_password_input("current-password")
    )
    new_password = forms.CharField(
        label="New password",
        strip=False,
        help_text="At least 12 characters. A few words you will remember make a good password; "
        "not a common password, and not like your name or email address.",
        widget=_password_input("new-password"),
    )
    new_password_again = forms.CharField(
        label="Type the new password again", strip=False, widget=_password_input("new-password")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password_again") != data["new_password"]:
            self.add_error("new_password_again", _("The two new passwords are not the same."))
        return data


@never_cache
@sensitive_post_parameters()
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            passwords.password_change(
                request=request,
                user=request.user,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            add_service_errors(
                form, exc, aliases={"__all__": ("new_password",), "password": ("new_password",)}
            )
        else:
            messages.success(
                request,
                _(
                    "Your password is changed. Anywhere else you were signed in, "
                    "you are now signed out."
                ),
            )
            return redirect("core:two-factor-account")
    return render(
        request, "core/password_change.html", {"form": form, "title": _("Change your password")}
    )


class GovUKPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class GovUKSetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form (the same validators as anywhere else), with Heard's labels."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. A few words you will remember make a good password."
        self.fields["new_password2"].label = "Type the new password again"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. The page says the same whether or not the email is an account's."""

    template_name = "core/password_reset.html"
    form_class = GovUKPasswordResetForm
    email_template_name = "core/password_reset_email.txt"
    subject_template_name = "core/password_reset_subject.txt"
    success_url = reverse_lazy("core:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        passwords.password_reset_requested(request=self.request, email=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The emailed link: single use (the token depends on the password and the last sign-in)
    and it expires after ``PASSWORD_RESET_TIMEOUT``."""

    template_name = "core/password_reset_confirm.html"
    form_class = GovUKSetPasswordForm
    success_url = reverse_lazy("core:password-reset-complete")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            try:
                passwords.password_reset(
                    request=self.request,
                    user=form.user,
                    new_password=form.cleaned_data["new_password1"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc, aliases={"__all__": ("new_password1",)})
                return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"
