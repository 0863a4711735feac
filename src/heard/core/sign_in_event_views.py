"""The administrator's "Sign-in events" page: every sign-in, failure, lockout, two-factor event,
password change or reset and API token created, filtered by person, event and dates; paged;
downloadable as CSV. Every other role gets 403."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from heard.core import sign_in_events, tables
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.forms import GovUKDateField
from heard.core.models import SignInEvent

EVENTS_PER_PAGE = 50


class SignInEventFilterForm(forms.Form):
    user = forms.CharField(
        label="Email address", required=False, help_text="All or part of it.", max_length=254
    )
    event = forms.ChoiceField(
        label="Event", required=False, choices=[("", "Any event"), *SignInEvent.Event.choices]
    )
    start = GovUKDateField(label="From", subject="The start date", required=False)
    end = GovUKDateField(label="To", subject="The end date", required=False)


def _events(request: HttpRequest) -> tuple[SignInEventFilterForm, Any]:
    form = SignInEventFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    return form, sign_in_events.sign_in_events_for(request.user, **filters)


def _when(event: SignInEvent) -> str:
    return f"{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}"


#: The page's table and the CSV export (which adds the outcome, the account and who acted).
COLUMNS = (
    tables.Column(gettext_lazy("When"), _when, cell='{{ row.at|date:"j F Y, H:i:s" }}'),
    tables.Column(
        gettext_lazy("Event"),
        "get_event_display",
        cell='{% if row.outcome == "refused" %}<strong class="govuk-tag govuk-tag--red">'
        "{{ row.get_event_display }}</strong>{% else %}{{ row.get_event_display }}{% endif %}",
    ),
    tables.Column(gettext_lazy("Outcome"), "outcome", in_table=False),
    tables.Column(
        gettext_lazy("Email address"),
        "email",
        cell='{{ row.email|default:"-" }}{% if row.actor %}<br>'
        '<span class="govuk-hint govuk-!-margin-0">by {{ row.actor.email }}</span>{% endif %}',
    ),
    tables.Column(
        gettext_lazy("Account"),
        lambda event: event.user.full_name if event.user else "",
        in_table=False,
    ),
    tables.Column(
        gettext_lazy("By"), lambda event: event.actor.email if event.actor else "", in_table=False
    ),
    tables.Column(gettext_lazy("Address"), "address"),
    tables.Column(
        gettext_lazy("Browser"),
        "user_agent",
        cell='{{ row.user_agent|truncatechars:60|default:"-" }}',
    ),
    tables.Column(gettext_lazy("Detail"), "detail"),
)
CSV_COLUMNS = tables.csv_columns(COLUMNS)


@never_cache
@login_required
def sign_in_event_list(request: HttpRequest) -> HttpResponseBase:
    form, events = _events(request)
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        rows = events.iterator(chunk_size=2000)
        return export_response(export_format, rows, CSV_COLUMNS, "sign-in-events.csv")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    csv_query, xlsx_query = query.copy(), query.copy()
    csv_query["format"], xlsx_query["format"] = "csv", "xlsx"
    context = {
        "title": _("Sign-in events"),
        "form": form,
        "page_obj": page,
        "events": page.object_list,
        "columns": tables.table_columns(COLUMNS),
        "query_string": query.urlencode(),
        "csv_query": csv_query.urlencode(),
        "xlsx_query": xlsx_query.urlencode(),
    }
    return render(request, "core/sign_in_events.html", context)
