from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from heard.core import events, security, sso, tables
from heard.core.audit import history_for
from heard.core.forms import SignInForm
from heard.core.permissions import can
from heard.core.policies import policy_for


def root(request: HttpRequest) -> HttpResponse:
    return redirect("home" if request.user.is_authenticated else "core:sign-in")


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


class SignInView(LoginView):
    """Email and password; then, for staff who use two-factor sign-in, a code
    (``core:two-factor``). Repeated failures lock the sign-in (django-axes, see settings)."""

    template_name = "core/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if security.mark_pending_after_password(self.request, form.get_user()):
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse('core:two-factor')}?{query}")
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    # Signed in through the council's provider: sign out there too, if it says how (heard.core.sso).
    provider_sign_out = sso.provider_sign_out_url(request)
    logout(request)
    if provider_sign_out:
        return redirect(provider_sign_out)
    return redirect("core:sign-in")


#: The history's table: each row an entry with its line in words, ``(entry, line)``.
HISTORY_COLUMNS = (
    tables.Column(gettext_lazy("When"), lambda row: row[0].at),
    tables.Column(
        gettext_lazy("Who"),
        cell="{% if row.0.actor %}{{ row.0.actor.full_name }}{% elif row.0.on_behalf_of %}"
        "System, for {{ row.0.on_behalf_of.full_name }}{% else %}System{% endif %}",
    ),
    tables.Column(
        gettext_lazy("What"),
        cell="{{ row.1.what }}{% if row.1.detail %}<br>"
        '<span class="govuk-body-s">{{ row.1.detail }}</span>{% endif %}',
    ),
    tables.Column(
        gettext_lazy("Changes"),
        cell="{% for change in row.1.changes %}<strong>{{ change.field }}</strong>: "
        "{{ change.old }} &rarr; {{ change.new }}<br>{% empty %}-{% endfor %}",
    ),
)


@login_required
def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """The audit history of one object, for staff allowed to see it and the object: each entry
    in words (``heard.core.events``). Records with a permission policy have a history."""
    if not can(request.user, "core.view_history"):
        raise PermissionDenied
    try:
        policy = policy_for(object_type)
        obj = policy.model._default_manager.filter(pk=object_id).first()
    except (KeyError, ValueError) as exc:
        raise Http404("No such record.") from exc
    if obj is None:
        raise Http404("No such record.")
    if not policy.allows(request.user, "view", obj):
        raise PermissionDenied
    page = Paginator(history_for(obj), 50).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "object": obj,
        "page_obj": page,
        "entries": events.read_page(page.object_list, policy.model),
        "columns": HISTORY_COLUMNS,
    }
    return render(request, "core/history.html", context)
