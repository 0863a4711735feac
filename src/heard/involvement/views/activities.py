"""Pages for involvement activities: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heard.core import tables
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.records import Record, may
from heard.involvement import selectors, services
from heard.involvement.filters import ActivityFilter
from heard.involvement.forms import ActivityForm, activity_initial, person_label

VIEW = "involvement.view_involvementactivity"
ADD = "involvement.add_involvementactivity"
CHANGE = "involvement.change_involvementactivity"
DELETE = "involvement.delete_involvementactivity"


ACTIVITY = Record(
    "involvement:activity",
    "involvement.involvementactivity",
    selectors.activity_get,
    form=ActivityForm,
)
activity_url = ACTIVITY.url


class ActivityListView(StaffListView):
    template_name = "involvement/activity_list.html"
    filterset_class = ActivityFilter
    permission_required = VIEW
    title = "Involvement in decisions"
    csv_filename = "involvement-activities.csv"
    selector = staticmethod(selectors.activities_visible_to)
    context_permissions = {"can_add": ADD}
    columns = (
        tables.Column(
            "Title",
            "title",
            cell='<a class="govuk-link" href="{% url "involvement:activity-detail" row.pk %}">'
            "{{ row.title }}</a>",
        ),
        tables.Column("Kind", "get_kind_display"),
        tables.Column("Date", "date"),
        tables.Column("Organisation", "organisation.name"),
        tables.Column("Young people involved", "young_people_involved"),
        tables.Column("How", lambda row: ", ".join(row.how_labels())),
        tables.Column("Young people named", "young_people_count", numeric=True),
        tables.Column("Notes", "notes", in_table=False),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["share"] = selectors.decisions_share(self.object_list)  # type: ignore[arg-type]
        return context


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = selectors.activity_get(user, pk)
    people = [
        person_label(person, user) for person in selectors.activity_young_people(user, activity)
    ]
    context = {
        "activity": activity,
        "title": activity.title,
        "young_people": people,
        "hidden_count": activity.young_people_count - len(people),  # type: ignore[attr-defined]
        **may(user, ACTIVITY, activity, "change", "delete"),
        "can_view_history": can(user, "core.view_history"),
    }
    return render(request, "involvement/activity_detail.html", context)


activity_create = ACTIVITY.create_view(
    services.activity_record,
    title="Record an involvement activity",
    submit_label="Record activity",
    success=lambda added: f"Activity “{added.title}” recorded.",
)
activity_edit = ACTIVITY.edit_view(
    services.activity_update,
    initial=lambda request, activity: activity_initial(
        activity, selectors.activity_young_people(request.user, activity)
    ),
)
activity_delete = ACTIVITY.delete_view(
    services.activity_delete, template="involvement/activity_delete.html"
)
