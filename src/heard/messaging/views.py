"""The staff pages of messages: the list (with CSV), sending a failed one again, and each staff
member's own reminder settings."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from heard.core import tables
from heard.core.lists import StaffListView
from heard.core.permissions import require
from heard.messaging import filters, selectors, services
from heard.messaging.forms import ReminderForm
from heard.messaging.models import Message

RETRY_CELL = (
    '{% load i18n %}{% if row.status == "failed" %}<form method="post" '
    'action="{% url "messaging:retry" row.pk %}">{% csrf_token %}<button type="submit" '
    'class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
    'data-module="govuk-button">{% translate "Retry now" %}</button></form>{% endif %}'
)


class MessageListView(StaffListView):
    selector = staticmethod(selectors.messages_visible_to)
    template_name = "messaging/message_list.html"
    permission_required = "messaging.view_message"
    filterset_class = filters.MessageFilter
    title = _("Messages")  # type: ignore[assignment]  # lazy: translated when shown
    csv_filename = "messages.csv"
    columns = tables.model_columns(
        Message,
        "kind",
        tables.Column(str(_("To")), "recipient_reference"),
        "status",
        tables.Column(str(_("Attempts")), "attempts", numeric=True),
        tables.Column(str(_("Queued")), "created_at"),
        tables.Column(str(_("Sent")), "sent_at"),
        tables.Column(str(_("Next attempt")), "next_attempt_at", in_table=False),
        tables.Column(str(_("Last error")), "last_error", in_table=False),
        tables.Column(str(_("Action")), cell=RETRY_CELL, in_csv=False),
    )


@require_POST
@login_required
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "messaging.view_message")
    message = selectors.message_get(request.user, pk)
    require(request.user, "messaging.retry_message", message)
    services.message_retry(actor=request.user, message=message)
    flash.success(request, _t("The message is queued to be sent again."))
    return redirect("messaging:list")


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    current = selectors.reminder_settings(request.user)
    form = ReminderForm(request.POST or None, initial_settings=current)
    if request.method == "POST" and form.is_valid():
        services.reminder_preferences_update(
            actor=request.user, user=request.user, **form.cleaned_data
        )
        flash.success(request, _t("Your reminders are saved."))
        return redirect("messaging:reminders")
    context = {"form": form, "title": _t("Reminders by email")}
    return render(request, "messaging/reminders.html", context)
