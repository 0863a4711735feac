"""Young people's training pages (M21): the courses, a course and who attended, recording,
editing and deleting one, and the list of who is trained and current."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.audits import filters, forms, selectors, services
from heard.audits.views._common import delete_view, link
from heard.core import tables
from heard.core.columns import ATTENDED, DATE
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.records import Record, cleaned

COURSE = Record(
    "audits:course",
    "audits.course",
    selectors.course_get,
    form=forms.CourseForm,
    initial=forms.CourseForm.initial_for,
    label=lambda course: f"the course {course.title}",
)
CourseListView = COURSE.list_view(
    title="Young people's training",
    selector=selectors.courses_visible_to,
    filterset_class=filters.CourseFilter,
    context_permissions={
        "can_add": "audits.add_course",
        "can_view_trained": "audits.view_courseattendance",
    },
    columns=(
        tables.Column(
            gettext_lazy("Course"), "title", cell=link("audits:course-detail", "{{ row.title }}")
        ),
        tables.Column(gettext_lazy("For"), "get_kind_display"),
        DATE,
        tables.Column(gettext_lazy("Current until"), "valid_until"),
        ATTENDED,
    ),
)


course_detail = COURSE.detail_view(
    "audits/course_detail.html",
    lambda request, course: {
        "title": course.title,
        "attendees": selectors.course_attendees(request.user, course).order_by("reference"),
        "can_view_attendees": can(request.user, "audits.view_courseattendance"),
        "today": timezone.localdate(),
    },
)


course_create = COURSE.create_view(
    services.course_record,
    title="Record a course",
    submit_label="Record the course",
    success="Course recorded.",
)
course_edit = COURSE.edit_view(
    services.course_update,
    values=cleaned,
    title=lambda course: f"Edit {course.title}",
    success="Course updated.",
)
course_delete = delete_view(
    COURSE,
    services.course_delete,
    warning="Who attended it is deleted with it: they are no longer counted as trained.",
)


CURRENT = (
    '{% if row.course.valid_until >= today %}<strong class="govuk-tag govuk-tag--green">'
    'Current</strong>{% else %}<strong class="govuk-tag govuk-tag--grey">No longer current'
    "</strong>{% endif %}"
)


def _current(row: Any) -> str:
    return "Current" if row.course.valid_until >= timezone.localdate() else "No longer current"


class TrainedListView(StaffListView):
    selector = staticmethod(selectors.attendances_visible_to)
    permission_required = "audits.view_courseattendance"
    template_name = "audits/trained_list.html"
    filterset_class = filters.TrainedFilter
    title = "Trained young people"
    columns = (
        tables.Column(
            gettext_lazy("Young person"),
            "young_person.reference",
            cell='<a class="govuk-link" href="{% url "people:young-person-detail" '
            'row.young_person_id %}">{{ row.young_person.reference }}</a>',
        ),
        tables.Column(
            gettext_lazy("Course"),
            "course.title",
            cell='<a class="govuk-link" href="{% url "audits:course-detail" row.course_id %}">'
            "{{ row.course.title }}</a>",
        ),
        tables.Column(gettext_lazy("For"), "course.get_kind_display"),
        tables.Column(gettext_lazy("Trained on"), "course.date"),
        tables.Column(gettext_lazy("Current until"), "course.valid_until"),
        tables.Column(gettext_lazy("Current"), _current, cell=CURRENT),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context
