"""Pages for involvement activities: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.involvement import selectors, services
from heard.involvement.filters import ActivityFilter
from heard.involvement.forms import ActivityForm, activity_initial, person_label
from heard.involvement.models import InvolvementActivity

VIEW = "involvement.view_involvementactivity"
ADD = "involvement.add_involvementactivity"
CHANGE = "involvement.change_involvementactivity"
DELETE = "involvement.delete_involvementactivity"


def activity_url(activity: InvolvementActivity) -> str:
    return reverse("involvement:activity-detail", args=[activity.pk])


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
        "can_change": can(user, CHANGE, activity),
        "can_delete": can(user, DELETE, activity),
        "can_view_history": can(user, "core.view_history"),
    }
    return render(request, "involvement/activity_detail.html", context)


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, ADD)
    form = ActivityForm(request.POST or None, user=user)
    return form_page(
        request,
        form,
        lambda: services.activity_record(actor=user, **form.cleaned_data),
        success=lambda added: f"Activity “{added.title}” recorded.",
        then=activity_url,
        title="Record an involvement activity",
        submit_label="Record activity",
        cancel_url=reverse("involvement:activity-list"),
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = selectors.activity_get(user, pk)
    require(user, CHANGE, activity)
    people = selectors.activity_young_people(user, activity)
    form = ActivityForm(request.POST or None, user=user, initial=activity_initial(activity, people))
    return form_page(
        request,
        form,
        lambda: services.activity_update(actor=user, activity=activity, **changed_values(form)),
        success="Activity updated.",
        then=activity_url(activity),
        title=f"Edit {activity.title}",
        submit_label="Save changes",
        cancel_url=activity_url(activity),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = selectors.activity_get(user, pk)
    require(user, DELETE, activity)
    if request.method == "POST":
        services.activity_delete(actor=user, activity=activity)
        messages.success(request, f"Activity “{activity.title}” deleted.")
        return redirect("involvement:activity-list")
    context = {"activity": activity, "title": f"Delete {activity.title}?"}
    return render(request, "involvement/activity_delete.html", context)
