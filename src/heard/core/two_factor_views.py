"""Two-factor sign-in pages: set up an authenticator app (QR code and secret), or enter a code;
the account page (linked from the header) where anyone may turn it on; an administrator's reset
of someone's app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from heard.core import security, tables
from heard.core import two_factor as tfa
from heard.core.confirm import confirm_page
from heard.core.permissions import can


def _code_field(label: str, help_text: str, max_length: int, width: int, **attrs: str) -> Any:
    """A one-time code's input: no autocorrect, the browser may fill it from the phone."""
    widget = forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "spellcheck": "false",
            "class": f"govuk-input govuk-input--width-{width}",
            **attrs,
        }
    )
    return forms.CharField(label=label, help_text=help_text, max_length=max_length, widget=widget)


class TwoFactorCodeForm(forms.Form):
    code = _code_field(
        "Code from your authenticator app",
        "The 6-digit code the app shows now, like 123456.",
        12,
        10,
        inputmode="numeric",
    )


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/home/"


class BackupCodeForm(forms.Form):
    code = _code_field(
        "Backup code",
        "One of the backup codes you were given, like abcde-fghij. Each works once.",
        40,
        20,
        autocapitalize="none",
    )


def _show_backup_codes(
    request: HttpRequest, codes: list[str], *, next_url: str, just_set_up: bool = False
) -> HttpResponse:
    """The new backup codes, shown this once (never cached)."""
    context = {
        "codes": codes,
        "next": next_url,
        "title": _("Your backup codes"),
        "just_set_up": just_set_up,
    }
    response = render(request, "core/backup_codes.html", context)
    add_never_cache_headers(response)
    return response


def _handle(request: HttpRequest, *, setting_up: bool) -> HttpResponse:
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tfa.two_factor_verify(request=request, token=form.cleaned_data["code"]):
            if setting_up:
                codes = tfa.backup_codes_generate(request=request, user=request.user)
                return _show_backup_codes(
                    request, codes, next_url=_next_url(request), just_set_up=True
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _("That code did not work. Enter the 6-digit code your authenticator app shows now."),
        )
    context: dict[str, Any] = {
        "form": form,
        "next": _next_url(request),
        "required": security.two_factor_required_for(request.user),
    }
    if setting_up:
        device = tfa.unconfirmed_device(request.user)
        context.update(qr_code=tfa.qr_code_svg(device), secret=tfa.secret_text(device))
        return render(request, "core/two_factor_setup.html", context)
    return render(request, "core/two_factor_verify.html", context)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """After the password: enter a code, or (the first time) set up an authenticator app."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    return _handle(request, setting_up=security.confirmed_device(request.user) is None)


@never_cache
@login_required
def two_factor_backup_code(request: HttpRequest) -> HttpResponse:
    """After the password: sign in with a backup code instead of the app's code."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if security.confirmed_device(request.user) is None:
        return redirect(reverse("core:two-factor"))
    form = BackupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tfa.backup_code_verify(request=request, code=form.cleaned_data["code"]):
            left = tfa.backup_codes_left(request.user)
            messages.info(
                request,
                ngettext(
                    "You signed in with a backup code. You have %(left)d left: make new "
                    "ones from Two-factor sign-in when you run low.",
                    "You signed in with a backup code. You have %(left)d left: make new "
                    "ones from Two-factor sign-in when you run low.",
                    left,
                )
                % {"left": left},
            )
            return redirect(_next_url(request))
        form.add_error("code", _("That backup code did not work. Check it, or try another."))
    context = {"form": form, "next": _next_url(request), "title": _("Enter a backup code")}
    return render(request, "core/backup_code_verify.html", context)


@never_cache
@login_required
@require_http_methods(["POST"])
def backup_codes_regenerate(request: HttpRequest) -> HttpResponse:
    """New backup codes from the account page; the old ones stop working."""
    try:
        codes = tfa.backup_codes_generate(request=request, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:two-factor-account")
    return _show_backup_codes(request, codes, next_url=reverse("core:two-factor-account"))


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Any member of staff may turn on two-factor sign-in for their own account."""
    if security.confirmed_device(request.user) is not None:
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect(_next_url(request))
    return _handle(request, setting_up=True)


#: Staff listed per page on the account page's reset list.
STAFF_PER_PAGE = 50
_RESET_LINK = (
    '<a class="govuk-link" href="{% url "core:two-factor-reset" row.pk %}">Reset'
    '<span class="govuk-visually-hidden"> two-factor sign-in for {{ row }}</span></a>'
)
#: The reset list: each member of staff who uses two-factor sign-in, with a link to reset it.
STAFF_COLUMNS = (
    tables.Column(gettext_lazy("Name"), str),
    tables.Column(gettext_lazy("Email"), "email"),
    tables.Column(gettext_lazy("Role"), "get_role_display"),
    tables.Column(gettext_lazy("Action"), cell=_RESET_LINK),
)


@never_cache
@login_required
def two_factor_account(request: HttpRequest) -> HttpResponse:
    """Whether two-factor sign-in is on for you, and a way to turn it on; for an administrator,
    also the staff who use it, each with a way to reset their app."""
    user = request.user
    staff = tfa.staff_using_two_factor(user)
    context: dict[str, Any] = {
        "title": _("Two-factor sign-in"),
        "is_on": security.confirmed_device(user) is not None,
        "required": security.two_factor_required_for(user),
        "setup_url": reverse("core:two-factor-setup")
        + "?next="
        + reverse("core:two-factor-account"),
        "can_reset": can(user, security.RESET_PERMISSION),
        "backup_codes_left": tfa.backup_codes_left(user),
        "page_obj": Paginator(staff, STAFF_PER_PAGE).get_page(request.GET.get("page")),
        "staff_columns": STAFF_COLUMNS,
    }
    return render(request, "core/two_factor_account.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator removes a member of staff's authenticator app (lost or new phone), after
    a confirmation page."""
    member = tfa.staff_member_get(request.user, pk)
    return confirm_page(
        request,
        lambda: tfa.two_factor_reset(actor=request.user, user=member, request=request),
        success=lambda: (
            f"Two-factor sign-in was reset for {member.full_name or member.email}. "
            + (
                "They will set up a new authenticator app when they next sign in."
                if security.two_factor_required_for(member)
                else "They sign in with their password until they set up a new app."
            )
        ),
        then="core:two-factor-account",
        template="core/two_factor_reset.html",
        context=lambda: {
            "title": _("Reset two-factor sign-in?"),
            "member": member,
            "required": security.two_factor_required_for(member),
        },
    )
