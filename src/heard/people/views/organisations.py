"""The organisations' pages: their list, an organisation, adding and editing one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.forms import changed_values
from heard.core.lists import StaffListView
from heard.core.permissions import can, is_partner_worker, require
from heard.people import filters, forms, selectors, services
from heard.people.models import Organisation
from heard.people.views._common import add_page, creating, edit_page, link


def _organisation_url(organisation: Any) -> str:
    return reverse("people:organisation-detail", args=[organisation.pk])


def _young_people_count_scope(user: Any) -> str:
    """Which organisations' young people counts the user may see: all, own or none."""
    if not can(user, "people.view_organisation_young_people"):
        return "none"
    return "own" if is_partner_worker(user) else "all"


class OrganisationListView(StaffListView):
    selector = staticmethod(selectors.organisations_visible_to)
    context_permissions = {"can_add": "people.add_organisation"}
    template_name = "people/organisation_list.html"
    permission_required = "people.view_organisation"
    filterset_class = filters.OrganisationFilter
    title = "Organisations"

    @property
    def columns(self) -> list[tables.Column]:  # type: ignore[override]
        """Its details but the champions and notes (a list of names, free text); the count of
        active young people where the user may see it (a partner worker: their own's only)."""
        scope = _young_people_count_scope(self.request.user)
        columns = tables.model_columns(
            Organisation,
            tables.Column(
                gettext_lazy("Name"),
                "name",
                cell=link("people:organisation-detail", "pk", "{{ row.name }}")
                + '{% if not row.is_active %} <strong class="govuk-tag govuk-tag--grey">'
                "Not active</strong>{% endif %}",
            ),
            *(f for f in services.ORGANISATION_FIELDS if f not in ("name", "champions", "notes")),
            csv_only=("contact_email", "contact_phone", "is_active"),
        )
        if scope != "none":
            columns.append(
                tables.Column(
                    gettext_lazy("Active young people"),
                    "young_people_count",
                    cell='{% if count_scope == "all" or row.pk == user.organisation_id %}'
                    "{{ row.young_people_count }}{% else %}-{% endif %}",
                    numeric=True,
                    in_csv=scope == "all",
                )
            )
        return columns

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["count_scope"] = _young_people_count_scope(self.request.user)
        return context


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = selectors.organisation_get(user, pk)
    context = {
        "organisation": organisation,
        "title": organisation.name,
        "champions": organisation.champions.order_by("full_name"),
        "staff": selectors.organisation_staff(user=user, organisation=organisation),
        "can_view_staff": can(user, "people.view_organisation_staff", organisation),
        "can_view_count": can(user, "people.view_organisation_young_people", organisation),
        "can_change": can(user, "people.change_organisation", organisation),
        "can_view_history": can(user, "core.view_history"),
    }
    return render(request, "people/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.add_organisation")
    form = forms.OrganisationForm(request.POST or None)
    save = creating(request, form, services.organisation_create)
    return add_page(request, form, save, "organisation", "{name} added.", then=_organisation_url)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    organisation = selectors.organisation_get(user, pk)
    require(user, "people.change_organisation", organisation)
    form = forms.OrganisationForm(request.POST or None, instance=organisation)

    def save() -> Any:
        values = changed_values(form)
        return services.organisation_update(actor=user, organisation=organisation, **values)

    name = organisation.name
    return edit_page(request, form, save, name, name, _organisation_url(organisation))
