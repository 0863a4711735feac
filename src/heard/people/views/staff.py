"""The staff pages (for administrators): the list, adding and editing an account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from heard.core import tables
from heard.core.forms import changed_values
from heard.core.lists import StaffListView
from heard.core.permissions import require
from heard.people import filters, forms, selectors, services
from heard.people.models import User
from heard.people.views._common import add_page, creating, edit_page, linked, status_column


class StaffMemberListView(StaffListView):
    selector = staticmethod(selectors.staff_visible_to)
    template_name = "people/staff_list.html"
    permission_required = "people.view_user"
    filterset_class = filters.StaffFilter
    title = "Staff"
    columns = tables.model_columns(
        User,
        linked("Name", "full_name", "people:staff-edit", text="{{ row }}"),
        "email",
        "job_title",
        "role",
        "organisation",
        "is_active",
        status_column("Deactivated"),
        csv_only=("job_title", "is_active"),
    )


@login_required
def staff_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.add_user")
    form = forms.StaffForm(request.POST or None)
    added = "Account for {full_name} created."
    save = creating(request, form, services.staff_create)
    return add_page(request, form, save, "staff", added, then="people:staff-list")


@login_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    require(user, "people.change_user")
    member = selectors.staff_get(user, pk)
    form = forms.StaffForm(request.POST or None, instance=member)

    def save() -> Any:
        return services.staff_update(actor=user, user=member, **changed_values(form))

    name = member.full_name
    return edit_page(request, form, save, name, f"Account for {name}", reverse("people:staff-list"))
