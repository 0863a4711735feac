"""Pages for involvement activities: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DATE, KIND, ORGANISATION
from heard.core.record_views import ShareListView
from heard.core.records import Record
from heard.involvement import selectors, services
from heard.involvement.filters import ActivityFilter
from heard.involvement.forms import ActivityForm, activity_initial, person_label
from heard.involvement.models import InvolvementActivity

ACTIVITY = Record(
    "involvement:activity",
    "involvement.involvementactivity",
    selectors.activity_get,
    form=ActivityForm,
)


ActivityListView = ACTIVITY.list_view(
    base=ShareListView,
    figures={"shown_young_people_count": selectors.shown_young_people_count},
    share=staticmethod(selectors.decisions_share),
    title="Involvement in decisions",
    selector=selectors.activities_visible_to,
    filterset_class=ActivityFilter,
    csv_filename="involvement-activities.csv",
    columns=(
        ACTIVITY.link_column("Title", "title"),
        KIND,
        DATE,
        ORGANISATION,
        tables.Column(gettext_lazy("Young people involved"), "young_people_involved"),
        tables.Column(gettext_lazy("How"), lambda row: ", ".join(row.how_labels())),
        tables.Column(gettext_lazy("Young people named"), "shown_young_people_count", numeric=True),
        tables.Column(gettext_lazy("Notes"), "notes", in_table=False),
    ),
)


def _people(request: HttpRequest, activity: InvolvementActivity) -> dict[str, Any]:
    user = request.user
    people = [
        person_label(person, user) for person in selectors.activity_young_people(user, activity)
    ]
    seen = {activity.pk: {person.pk for person in selectors.activity_young_people(user, activity)}}
    hidden = selectors.hidden_young_people([activity], seen)[activity.pk]
    return {"young_people": people, "hidden_count": hidden}


activity_detail = ACTIVITY.detail_view("involvement/activity_detail.html", _people)


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
