"""A session's headcount pages: count young people not on the register, or remove a row after
a confirmation. Thin: the selectors read, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.permissions import require
from heard.core.record_views import record_form_view
from heard.participation import selectors, services
from heard.participation.forms import HeadcountForm


def _back(session_id: int) -> str:
    return reverse("participation:session-detail", args=[session_id]) + "#headcount"


headcount_add = record_form_view(
    selectors.session_get,
    "participation.change_session",
    services.headcount_add,
    form=HeadcountForm,
    keyword="session",
    back=lambda session: _back(session.pk),
    title=lambda session: f"Add a headcount to {session}",
    name="headcount_add",
    success="Headcount added.",
    submit_label="Add headcount",
)


@login_required
def headcount_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    headcount = selectors.headcount_get(user, pk)
    require(user, "participation.change_session", headcount.session)
    back = _back(headcount.session_id)
    if request.method == "POST":
        services.headcount_remove(actor=user, headcount=headcount)
        messages.success(request, _("Headcount removed."))
        return redirect(back)
    context = {"headcount": headcount, "title": _("Remove this headcount?"), "cancel_url": back}
    return render(request, "participation/headcount_remove.html", context)
