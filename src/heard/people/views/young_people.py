"""The young people's pages: their list, a record, adding and editing one."""

from __future__ import annotations

import copy
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import JOINED
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.people import filters, forms, selectors, services
from heard.people.models import YoungPerson
from heard.people.views._common import add_page, edit_page, link, linked, status_column

#: A young person's name in a list: their name linking to their record, and the preferred name
#: they gave (the list is in the order of first names).
YOUNG_PERSON_NAME = tables.Column(
    gettext_lazy("Name"),
    "display_name",
    cell=link(
        "people:young-person-detail",
        "pk",
        "{{ row.first_name }} {{ row.last_name }}",
    )
    + "{% if row.preferred_name %}, known as {{ row.preferred_name }}{% endif %}",
    in_csv=False,
)
#: The columns after the name (or reference) of the young people list, and the CSV's.
_YOUNG_PERSON_DETAILS = ("age_band", "organisation", "area", "contact_preference", "is_active")
_CSV_ONLY = ("area", "contact_preference", "is_active")


class YoungPersonListView(StaffListView):
    """Young people by name, each name linking to the record with the reference beside; for a
    role that does not see names, by reference only (no name in the page or the CSV)."""

    selector = staticmethod(selectors.young_people_listed)
    context_permissions = {
        "can_add": "people.add_youngperson",
        "can_import": "people.import_youngperson",
    }
    template_name = "people/young_person_list.html"
    permission_required = "people.view_youngperson"
    filterset_class = filters.YoungPersonFilter
    title = "Young people"
    columns = tables.model_columns(
        YoungPerson,
        YOUNG_PERSON_NAME,
        tables.Column(gettext_lazy("Reference"), "reference"),
        "first_name",
        "last_name",
        "preferred_name",
        *_YOUNG_PERSON_DETAILS,
        status_column("Not active"),
        csv_only=("first_name", "last_name", "preferred_name", *_CSV_ONLY),
    )
    #: For a role that does not see names: the reference links to the record.
    reference_columns = tables.model_columns(
        YoungPerson,
        linked("Reference", "reference", "people:young-person-detail"),
        *_YOUNG_PERSON_DETAILS,
        status_column("Not active"),
        csv_only=_CSV_ONLY,
    )

    def setup(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        if not selectors.sees_names(request.user):
            self.columns = self.reference_columns

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The search box stands above the table; the filters' panel keeps its words hidden."""
        context = super().get_context_data(**kwargs)
        form = context["filter_form"]
        context["search_field"] = form["search"]
        panel = copy.copy(form)
        panel.fields = form.fields.copy()
        panel.fields["search"] = django_forms.CharField(
            required=False, widget=django_forms.HiddenInput(attrs={"id": "id_search_kept"})
        )
        panel._bound_fields_cache = {}
        context["filter_form"] = panel
        context["other_filters"] = [
            (name, value)
            for name, value in self.request.GET.items()
            if name not in ("search", "page", "format") and value
        ]
        return context


def _require_young_people(user: Any) -> None:
    """Roles that never see young people (board members) get 403 before any lookup."""
    if not can(user, "people.view_youngperson"):
        raise PermissionDenied


#: The young person's groups and recent sessions, on their page.
MEMBERSHIP_COLUMNS = (
    tables.Column(
        gettext_lazy("Group"),
        "group.name",
        cell=link("groups:group-detail", "group_id", "{{ row.group.name }}"),
    ),
    JOINED,
    tables.Column(gettext_lazy("Left"), lambda membership: membership.left_on or "Still a member"),
)
ATTENDANCE_COLUMNS = (
    tables.Column(gettext_lazy("Date"), "session.date"),
    tables.Column(
        gettext_lazy("Session"),
        cell=link(
            "participation:session-detail",
            "session_id",
            "{{ row.session.title|default:row.session.get_kind_display }}",
        ),
    ),
    tables.Column(gettext_lazy("Attendance"), "get_status_display"),
)


@login_required
def young_person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_young_people(user)
    young_person = selectors.young_person_get(user, pk)
    about: dict[str, Any] = {"user": user, "young_person": young_person}
    context = {
        "young_person": young_person,
        "title": young_person.reference,
        "memberships": selectors.young_person_memberships(**about),
        "attendances": selectors.young_person_recent_attendances(**about),
        "possible_duplicates": selectors.young_person_possible_duplicates(**about),
        "can_change": can(user, "people.change_youngperson", young_person),
        "can_view_history": can(user, "core.view_history"),
        "membership_columns": MEMBERSHIP_COLUMNS,
        "attendance_columns": ATTENDANCE_COLUMNS,
    }
    return render(request, "people/young_person_detail.html", context)


def _young_person_url(young_person: Any) -> str:
    return reverse("people:young-person-detail", args=[young_person.pk])


@login_required
def young_person_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, "people.add_youngperson")
    form = forms.YoungPersonForm(request.POST or None, user=user)
    if "confirm_not_duplicate" in request.POST:
        form.offer_duplicate_confirmation()

    def save() -> Any:
        try:
            return services.young_person_create(
                actor=user,
                confirm_not_duplicate=form.cleaned_data.get("confirm_not_duplicate", False),
                **form.service_values(),
            )
        except services.PossibleDuplicateError:
            form.offer_duplicate_confirmation()
            raise

    added = "Young person {reference} added."
    return add_page(request, form, save, "young person", added, then=_young_person_url)


@login_required
def young_person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    _require_young_people(user)
    young_person = selectors.young_person_get(user, pk)
    require(user, "people.change_youngperson", young_person)
    form = forms.YoungPersonForm(request.POST or None, user=user, instance=young_person)

    def save() -> Any:
        values = form.service_values(changed_only=True)
        return services.young_person_update(actor=user, young_person=young_person, **values)

    name = young_person.reference
    back = _young_person_url(young_person)
    return edit_page(request, form, save, name, f"Young person {name}", back)
