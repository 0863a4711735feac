"""Pages for how long sessions count for: each session's hours, and the defaults per kind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DATE
from heard.core.forms import add_service_errors, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import require
from heard.rewards import selectors, services
from heard.rewards.filters import SessionHoursFilter
from heard.rewards.forms import DefaultsForm, HoursForm

VIEW = "rewards.view_sessionhours"
CHANGE = "rewards.change_sessionhours"
CHANGE_DEFAULTS = "rewards.change_hoursdefault"


class SessionHoursListView(StaffListView):
    template_name = "rewards/session_hours_list.html"
    filterset_class = SessionHoursFilter
    permission_required = VIEW
    title = "Session hours"
    selector = staticmethod(selectors.sessions_with_hours)
    context_permissions = {"can_change": CHANGE, "can_change_defaults": CHANGE_DEFAULTS}
    columns = (
        tables.Column(
            gettext_lazy("Session"),
            "__str__",
            cell='<a class="govuk-link" href="{% url "participation:session-detail" row.pk %}">'
            "{{ row }}</a>",
            row_header=True,
        ),
        tables.Column(gettext_lazy("Group"), "group.name"),
        DATE,
        tables.Column(gettext_lazy("Attended"), "attended", numeric=True),
        tables.Column(gettext_lazy("Hours"), "hours", numeric=True),
        tables.Column(
            gettext_lazy("Set for the session"),
            lambda row: "Yes" if row.hours_set is not None else "No, the kind's default",
        ),
        tables.Column(
            gettext_lazy("Actions"),
            in_csv=False,
            cell='{% if can_change %}<a class="govuk-link" '
            'href="{% url "rewards:session-hours-edit" row.pk %}">Set hours<span '
            'class="govuk-visually-hidden"> of {{ row }}</span></a>{% endif %}',
        ),
    )

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["defaults"] = selectors.hours_defaults()
        return context


@login_required
def session_hours_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = selectors.session_with_hours_get(user, pk)
    require(user, CHANGE, session)
    hours = session.hours  # type: ignore[attr-defined]
    form = HoursForm(request.POST if request.method == "POST" else None, initial={"hours": hours})
    return form_page(
        request,
        form,
        lambda: services.session_hours_set(actor=user, session=session, **form.cleaned_data),
        success=f"Hours of {session} saved.",
        then=reverse("rewards:session-hours-list"),
        title=f"Hours of {session}",
        submit_label="Save hours",
        cancel_url=reverse("rewards:session-hours-list"),
    )


@login_required
def hours_defaults_edit(request: HttpRequest) -> HttpResponse:
    """A participation lead sets how long each kind of session counts for by default."""
    user = request.user
    require(user, CHANGE_DEFAULTS)
    initial = {row.kind: row.hours for row in selectors.hours_defaults()}
    form = DefaultsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind in form.changed_data:
                try:
                    services.hours_default_set(
                        actor=user, session_kind=kind, hours=form.cleaned_data[kind]
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc, aliases={"hours": (kind,)})
            if form.errors:
                transaction.set_rollback(True)
        if not form.errors:
            messages.success(request, _("Default hours saved."))
            return redirect("rewards:session-hours-list")
    context = {
        "form": form,
        "title": _("Default hours per kind of session"),
        "submit_label": _("Save default hours"),
        "cancel_url": reverse("rewards:session-hours-list"),
    }
    return render(request, "includes/form_page.html", context)
