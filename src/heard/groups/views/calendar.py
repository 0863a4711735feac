"""The engagement calendar's pages: the list of groups by when they are due, and its feeds."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import HOST, STAGE
from heard.core.exports import Column
from heard.core.lists import StaffListView
from heard.core.permissions import require
from heard.groups import selectors
from heard.groups.calendar import stream_ics
from heard.groups.filters import CalendarFilter
from heard.groups.models import Group
from heard.groups.views._common import GROUP_LINK, NEXT_DUE


class CalendarView(StaffListView):
    """Every open group by when its next visit is due: computed, filtered and paged in SQL."""

    template_name = "groups/calendar.html"
    filterset_class = CalendarFilter
    permission_required = "groups.view_group"
    title = "Engagement calendar"
    columns = (
        GROUP_LINK,
        HOST,
        STAGE,
        tables.Column(gettext_lazy("Cadence"), "get_cadence_display"),
        tables.Column(
            gettext_lazy("Last contact"),
            cell='{{ row.last_contact|date:"j F Y"|default:"None yet" }}',
        ),
        NEXT_DUE,
    )
    csv_columns: list[Column] = [
        ("Group", "name"),
        ("Kind", "get_kind_display"),
        ("Stage", "get_stage_display"),
        ("Host organisation", "host_organisation.name"),
        ("Cadence", "get_cadence_display"),
        ("Last contact", "last_contact"),
        ("Next due", "next_due"),
        ("Overdue", lambda g: "Yes" if g.is_overdue else "No"),
        ("Days overdue", "days_overdue"),
    ]

    def get_base_queryset(self) -> QuerySet[Group]:
        return selectors.group_calendar(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


#: Groups read at a time for the iCalendar export (each chunk prefetches its past sessions).
ICS_CHUNK = 500


def _ics_response(rows: QuerySet[Group], filename: str, name: str) -> StreamingHttpResponse:
    content = stream_ics(rows.iterator(chunk_size=ICS_CHUNK), now=timezone.now(), name=name)
    response = StreamingHttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def calendar_ics(request: HttpRequest) -> StreamingHttpResponse:
    require(request.user, "groups.view_group")
    rows = selectors.calendar_feed(user=request.user, today=timezone.localdate())
    return _ics_response(rows, "heard-engagement-calendar.ics", "Heard engagement calendar")


@login_required
def group_calendar_ics(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    group = selectors.group_get(request.user, pk)
    rows = selectors.calendar_feed(user=request.user, today=timezone.localdate(), group=group)
    return _ics_response(rows, f"group-{group.pk}.ics", f"Heard: {group.name}")
