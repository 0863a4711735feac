"""Pages for responses, feedback and what is still owed feedback."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heard.core.exports import Column
from heard.core.forms import add_service_errors, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.groups import selectors as group_selectors
from heard.people import selectors as people_selectors
from heard.voice import selectors, services
from heard.voice.filters import ResponseFilter
from heard.voice.forms import (
    FeedbackForm,
    ResponseForm,
)
from heard.voice.models import Response
from heard.voice.readability import warning_at
from heard.voice.views import _columns

RESPONSE_CSV_COLUMNS: list[Column] = [
    ("ID", "pk"),
    ("Date", "date"),
    ("Decision-maker", "decision_maker"),
    ("Outcome", "get_outcome_display"),
    ("Days waiting", "days_waiting"),
    ("Views owed feedback", lambda r: "; ".join(str(v.pk) for v in r.owed_views)),
    ("Plain language", "plain_language"),
]


@login_required
def response_create(request: HttpRequest) -> HttpResponse:
    """Respond to the open views chosen on the views list or a view's page."""
    require(request.user, "voice.add_response")
    source = request.POST if request.method == "POST" else request.GET
    views = selectors.views_open_for_response(request.user, source.getlist("views"))
    if not views:
        messages.error(request, _("Choose one or more open views to respond to."))
        return redirect(reverse("voice:view-list") + "?status=open")
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_record(
                actor=request.user, views=views, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Response recorded for %(count)d view.",
                    "Response recorded for %(count)d views.",
                    len(views),
                )
                % {"count": len(views)},
            )
            warning = getattr(response, "readability_warning", None)
            if warning:
                messages.warning(request, warning)
            return redirect("voice:response-detail", pk=response.pk)
    context = {
        "form": form,
        "views": views,
        "title": _("Respond to views"),
        "view_columns": _columns.VIEWS_ANSWERED,
        "cancel_url": reverse("voice:view-list"),
        "shows_names": can(request.user, "people.view_youngperson_name"),
    }
    return render(request, "voice/response_form.html", context)


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = selectors.response_get(request.user, pk)
    context = {
        "response": response,
        "title": _("Response: %(outcome)s") % {"outcome": response.get_outcome_display()},
        "views": list(response.views.all()),
        "view_columns": _columns.VIEWS_ANSWERED,
        "feedback": list(response.feedback.all()),
        "feedback_columns": _columns.FEEDBACK,
        "reading_age": response.reading_age,
        "readability_warning": warning_at(response.reading_age),
        "can_feed_back": can(request.user, "voice.add_feedback", response),
        "can_view_history": can(request.user, "core.view_history"),
        "shows_names": can(request.user, "people.view_youngperson_name"),
    }
    return render(request, "voice/response_detail.html", context)


@login_required
def feedback_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a response was told to those who gave its views (they are preselected)."""
    response = selectors.response_get(request.user, pk)
    require(request.user, "voice.add_feedback", response)
    people_ids, group_ids = services.givers_of(response)
    people = people_selectors.young_people_visible_to(request.user).filter(pk__in=people_ids)
    groups = group_selectors.groups_visible_to(request.user).filter(pk__in=group_ids)
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        people=people.order_by("reference"),
        groups=groups.order_by("name"),
        initial={
            "date": timezone.localdate(),
            "young_people": [] if group_ids else list(people),
            "groups": list(groups),
        },
    )
    back = reverse("voice:response-detail", args=[response.pk])
    return form_page(
        request,
        form,
        lambda: services.feedback_record(
            actor=request.user, response=response, **form.cleaned_data
        ),
        success="Feedback recorded.",
        then=back,
        template="voice/feedback_form.html",
        title="Record feedback",
        cancel_url=back,
        submit_label="Record feedback",
        response=response,
    )


class FeedbackOwedView(StaffListView):
    template_name = "voice/feedback_owed.html"
    title = "Still owed feedback"
    columns = _columns.FEEDBACK_OWED
    csv_columns = RESPONSE_CSV_COLUMNS
    permission_required = "voice.view_response"
    filterset_class = ResponseFilter
    csv_filename = "feedback-owed.csv"

    def get_base_queryset(self) -> QuerySet[Response]:
        return selectors.feedback_owed(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["feed_back_within_days"] = selectors.partnership_settings().feed_back_within_days
        context["shows_names"] = can(self.request.user, "people.view_youngperson_name")
        return context
