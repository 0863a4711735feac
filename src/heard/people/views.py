"""Pages for young people, organisations and staff: thin, they call selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from heard.core.exports import Column, csv_response
from heard.core.forms import changed_values
from heard.core.lists import StaffListView
from heard.core.permissions import can, is_partner_worker, require
from heard.people import filters, forms, importers, selectors, services

IMPORT_SESSION_KEY = "people_import_csv"

# Young people ------------------------------------------------------------------------------------


class YoungPersonListView(StaffListView):
    template_name = "people/young_person_list.html"
    permission_required = "people.view_youngperson"
    filterset_class = filters.YoungPersonFilter
    title = "Young people"
    csv_filename = "young-people.csv"
    csv_columns: list[Column] = [
        ("Reference", "reference"),
        ("First name", "first_name"),
        ("Last name", "last_name"),
        ("Preferred name", "preferred_name"),
        ("Age band", "get_age_band_display"),
        ("Supporting organisation", "organisation.name"),
        ("Area", "area"),
        ("Contact preference", "get_contact_preference_display"),
        ("Active", lambda yp: "Yes" if yp.is_active else "No"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.young_people_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_add"] = can(user, "people.add_youngperson")
        context["can_import"] = can(user, "people.import_youngperson")
        return context


def _require_young_people(user: Any) -> None:
    """Roles that never see young people (board members) get 403 before any lookup."""
    if not can(user, "people.view_youngperson"):
        raise PermissionDenied


@login_required
def young_person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_young_people(user)
    young_person = selectors.young_person_get(user, pk)
    context = {
        "young_person": young_person,
        "title": young_person.reference,
        "memberships": selectors.young_person_memberships(user=user, young_person=young_person),
        "attendances": selectors.young_person_recent_attendances(
            user=user, young_person=young_person
        ),
        "possible_duplicates": selectors.young_person_possible_duplicates(
            user=user, young_person=young_person
        ),
        "can_change": can(user, "people.change_youngperson", young_person),
        "can_view_history": can(user, "core.view_history"),
    }
    return render(request, "people/young_person_detail.html", context)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "includes/form_page.html", {"form": form, **context})


@login_required
def young_person_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "people.add_youngperson")
    form = forms.YoungPersonForm(request.POST or None, user=user)
    if "confirm_not_duplicate" in request.POST:
        form.offer_duplicate_confirmation()
    if request.method == "POST" and form.is_valid():
        try:
            young_person = services.young_person_create(
                actor=user,  # type: ignore[arg-type]
                confirm_not_duplicate=form.cleaned_data.get("confirm_not_duplicate", False),
                **form.service_values(),
            )
        except services.PossibleDuplicateError as exc:
            form.offer_duplicate_confirmation()
            forms.add_service_errors(form, exc)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"Young person {young_person.reference} added.")
            return redirect("people:young-person-detail", pk=young_person.pk)
    return _form_page(
        request,
        form,
        title="Add a young person",
        submit_label="Add young person",
        cancel_url=reverse("people:young-person-list"),
    )


@login_required
def young_person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_young_people(user)
    young_person = selectors.young_person_get(user, pk)
    require(user, "people.change_youngperson", young_person)
    form = forms.YoungPersonForm(request.POST or None, user=user, instance=young_person)
    if request.method == "POST" and form.is_valid():
        try:
            services.young_person_update(
                actor=user,  # type: ignore[arg-type]
                young_person=young_person,
                **form.service_values(changed_only=True),
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"Young person {young_person.reference} updated.")
            return redirect("people:young-person-detail", pk=young_person.pk)
    detail_url = reverse("people:young-person-detail", args=[young_person.pk])
    return _form_page(
        request,
        form,
        title=f"Edit {young_person.reference}",
        submit_label="Save changes",
        cancel_url=detail_url,
    )


@login_required
def young_people_import(request: HttpRequest) -> HttpResponseBase:
    """Upload, check (a dry run that imports nothing), then confirm: all rows or none are added."""
    user = request.user
    require(user, "people.import_youngperson")
    if request.GET.get("template") == "csv":
        return csv_response([], [(name, name) for name in importers.COLUMNS], "young-people.csv")
    form = forms.YoungPeopleImportForm()
    result = None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        content = request.session.get(IMPORT_SESSION_KEY)
        if not content:
            messages.info(request, "Upload the file again: the checked file was not found.")
            return redirect("people:young-person-import")
        result = services.young_people_import(actor=user, file=content, dry_run=False)  # type: ignore[arg-type]
        if result.ok:
            del request.session[IMPORT_SESSION_KEY]
            count = len(result.created)
            messages.success(
                request, f"Imported {count} young {'person' if count == 1 else 'people'}."
            )
            return redirect("people:young-person-list")
        request.session.pop(IMPORT_SESSION_KEY, None)
    elif request.method == "POST":
        request.session.pop(IMPORT_SESSION_KEY, None)
        form = forms.YoungPeopleImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            result = services.young_people_import(actor=user, file=data, dry_run=True)  # type: ignore[arg-type]
            if result.ok and result.total_rows:
                # Keep the checked file on the server (in the session) for the confirm step.
                request.session[IMPORT_SESSION_KEY] = data.decode("utf-8-sig")
    context = {
        "form": form,
        "result": result,
        "title": "Import young people",
        "columns": importers.COLUMNS,
        "confirm_column": importers.CONFIRM_COLUMN,
    }
    return render(request, "people/young_person_import.html", context)


# Organisations -----------------------------------------------------------------------------------


def _young_people_count_scope(user: Any) -> str:
    """Which organisations' young people counts the user may see: all, own or none."""
    if not can(user, "people.view_organisation_young_people"):
        return "none"
    return "own" if is_partner_worker(user) else "all"


class OrganisationListView(StaffListView):
    template_name = "people/organisation_list.html"
    permission_required = "people.view_organisation"
    filterset_class = filters.OrganisationFilter
    title = "Organisations"
    csv_filename = "organisations.csv"

    @property
    def csv_columns(self) -> list[Column]:  # type: ignore[override]
        columns: list[Column] = [
            ("Name", "name"),
            ("Kind", "get_kind_display"),
            ("Area", "area"),
            ("Point of contact", "contact_name"),
            ("Contact email", "contact_email"),
            ("Contact phone", "contact_phone"),
            ("Active", lambda org: "Yes" if org.is_active else "No"),
        ]
        if _young_people_count_scope(self.request.user) == "all":
            columns.append(("Active young people", "young_people_count"))
        return columns

    def get_base_queryset(self) -> Any:
        return selectors.organisations_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["count_scope"] = _young_people_count_scope(self.request.user)
        context["can_add"] = can(self.request.user, "people.add_organisation")
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
    user = request.user
    require(user, "people.add_organisation")
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"{organisation.name} added.")
            return redirect("people:organisation-detail", pk=organisation.pk)
    return _form_page(
        request,
        form,
        title="Add an organisation",
        submit_label="Add organisation",
        cancel_url=reverse("people:organisation-list"),
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = selectors.organisation_get(user, pk)
    require(user, "people.change_organisation", organisation)
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changed = changed_values(form)
        try:
            services.organisation_update(actor=user, organisation=organisation, **changed)  # type: ignore[arg-type]
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"{organisation.name} updated.")
            return redirect("people:organisation-detail", pk=organisation.pk)
    return _form_page(
        request,
        form,
        title=f"Edit {organisation.name}",
        submit_label="Save changes",
        cancel_url=reverse("people:organisation-detail", args=[organisation.pk]),
    )


# Staff (administrators) --------------------------------------------------------------------------


class StaffMemberListView(StaffListView):
    template_name = "people/staff_list.html"
    permission_required = "people.view_user"
    filterset_class = filters.StaffFilter
    title = "Staff"
    csv_filename = "staff.csv"
    csv_columns: list[Column] = [
        ("Name", "full_name"),
        ("Email", "email"),
        ("Job title", "job_title"),
        ("Role", "get_role_display"),
        ("Organisation", "organisation.name"),
        ("Active", lambda u: "Yes" if u.is_active else "No"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.staff_visible_to(self.request.user)


@login_required
def staff_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "people.add_user")
    form = forms.StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.staff_create(actor=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"Account for {member.full_name} created.")
            return redirect("people:staff-list")
    return _form_page(
        request,
        form,
        title="Add a staff member",
        submit_label="Create account",
        cancel_url=reverse("people:staff-list"),
    )


@login_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(user, "people.change_user")
    member = selectors.staff_get(user, pk)
    form = forms.StaffForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        changed = changed_values(form)
        try:
            services.staff_update(actor=user, user=member, **changed)  # type: ignore[arg-type]
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"Account for {member.full_name} updated.")
            return redirect("people:staff-list")
    return _form_page(
        request,
        form,
        title=f"Edit {member.full_name}",
        submit_label="Save changes",
        cancel_url=reverse("people:staff-list"),
    )
