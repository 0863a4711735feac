"""Single sign-on pages: the provider's callback (mozilla-django-oidc's, with Heard's sign-in
rules), the refusal page, and the administrator's single sign-on settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from heard.core import security, sign_in_events, sso, sso_services
from heard.core.models import Partnership
from heard.core.permissions import require

#: The sign-in event's detail for a sign-in through the provider.
SIGN_IN_DETAIL = "single sign-on"


def provider_name() -> str:
    return str(getattr(settings, "HEARD_SSO_PROVIDER_NAME", ""))


class HeardOIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider sends the browser back here with a code. Signed in: the two-factor step
    as after a password, unless the provider's multi-factor check is trusted. Refused: a
    sign-in event and the refusal page, never an account."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        # Mark the request as single sign-on first: the lockout handler leaves its refusal to us.
        attempt = sso.attempt_of(request)
        if request.GET.get("error"):
            attempt.reason = sso.Reason.CANCELLED
        return super().get(request)  # type: ignore[no-any-return]

    def login_success(self) -> HttpResponseBase:
        request = self.request
        request.heard_sign_in_detail = SIGN_IN_DETAIL  # type: ignore[attr-defined]
        response = super().login_success()
        attempt = sso.attempt_of(request)
        request.session[sso.SSO_SESSION_KEY] = True
        if attempt.multi_factor and Partnership.current().trust_provider_mfa:
            request.session[sso.PROVIDER_MFA_SESSION_KEY] = True
            return response  # type: ignore[no-any-return]
        request.session.pop(sso.PROVIDER_MFA_SESSION_KEY, None)
        if security.mark_pending_after_password(request, self.user):
            query = urlencode({"next": self.success_url})
            return redirect(f"{reverse('core:two-factor')}?{query}")
        return response  # type: ignore[no-any-return]

    def login_failure(self) -> HttpResponseBase:
        request = self.request
        attempt = sso.attempt_of(request)
        reason = attempt.reason or sso.Reason.UNKNOWN
        if not getattr(request, "axes_locked_out", False):
            sign_in_events.record(
                sign_in_events.Event.SSO_REFUSED,
                request=request,
                email=attempt.email,
                detail=f"{SIGN_IN_DETAIL}: {reason}",
            )
        request.session[sso.REFUSAL_SESSION_KEY] = {"reason": reason, "email": attempt.email}
        return redirect("sso-refused")


def _refusal_text(reason: str, email: str, provider: str) -> str:
    if reason == sso.Reason.UNKNOWN and email:
        return _(
            "Your council account (%(email)s) is not set up in Heard. "
            "Ask your Heard administrator to add you."
        ) % {"email": email}
    if reason == sso.Reason.UNVERIFIED:
        return _(
            "Your council account (%(email)s) does not have a verified email address, so Heard "
            "cannot tell who you are. Ask your council's IT service desk to verify it."
        ) % {"email": email}
    if reason == sso.Reason.NO_EMAIL:
        return _(
            "%(provider)s did not give Heard your email address, so Heard cannot tell who you "
            "are. Ask your Heard administrator."
        ) % {"provider": provider}
    if reason == sso.Reason.CANCELLED:
        return _("You did not finish signing in with %(provider)s.") % {"provider": provider}
    return _(
        "Heard could not check your sign-in with %(provider)s. Try again, or sign in with your "
        "email address and password."
    ) % {"provider": provider}


@never_cache
def sso_refused(request: HttpRequest) -> HttpResponse:
    """Why single sign-on did not let someone in (shown once; 403)."""
    refusal = request.session.pop(sso.REFUSAL_SESSION_KEY, None) or {}
    provider = provider_name()
    text = _refusal_text(str(refusal.get("reason", "")), str(refusal.get("email", "")), provider)
    context = {"title": _("You could not be signed in"), "text": text, "provider": provider}
    return render(request, "core/sso_refused.html", context, status=403)


class SSOSettingsForm(forms.Form):
    trust_provider_mfa = forms.BooleanField(
        required=False,
        label=gettext_lazy("Trust the provider's multi-factor sign-in"),
        help_text=gettext_lazy(
            "When the provider says a member of staff used more than one factor (its amr claim "
            "names mfa, otp, a security key ...), they do not also enter a Heard two-factor code."
        ),
    )


@never_cache
def sso_settings(request: HttpRequest) -> HttpResponse:
    """The administrator's single sign-on settings (403 for anyone else)."""
    require(request.user, sso_services.CHANGE_PERMISSION)
    partnership = Partnership.current()
    form = SSOSettingsForm(  # an unticked box posts nothing: bound on any POST
        request.POST if request.method == "POST" else None,
        initial={"trust_provider_mfa": partnership.trust_provider_mfa},
    )
    if request.method == "POST" and form.is_valid():
        sso_services.sso_settings_change(
            actor=request.user, trust_provider_mfa=form.cleaned_data["trust_provider_mfa"]
        )
        messages.success(request, _("Single sign-on settings saved."))
        return redirect("sso-settings")
    context: dict[str, Any] = {
        "form": form,
        "title": _("Single sign-on"),
        "provider": provider_name(),
        "submit_label": _("Save"),
    }
    return render(request, "core/sso_settings.html", context)
