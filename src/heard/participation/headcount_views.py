"""A session's headcount pages: count young people not on the register, or remove a row after
a confirmation. Thin: the selectors read, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.forms import form_page
from heard.core.permissions import require
from heard.participation import selectors, services
from heard.participation.forms import HeadcountForm


def _back(session_id: int) -> str:
    return reverse("participation:session-detail", args=[session_id]) + "#headcount"


@login_required
def headcount_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = selectors.session_get(user, pk)
    require(user, "participation.change_session", session)
    form = HeadcountForm(request.POST or None)
    back = _back(session.pk)
    return form_page(
        request,
        form,
        lambda: services.headcount_add(actor=user, session=session, **form.cleaned_data),
        success="Headcount added.",
        then=back,
        title=f"Add a headcount to {session}",
        submit_label="Add headcount",
        cancel_url=back,
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
