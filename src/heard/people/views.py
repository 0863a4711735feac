"""Pages for young people, organisations and staff: thin, they call selectors and services."""

from __future__ import annotations

import copy
from operator import itemgetter
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from heard.core import tables
from heard.core.exports import csv_response
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, is_partner_worker, require
from heard.people import filters, forms, importers, selectors, services
from heard.people.models import Organisation, User, YoungPerson

IMPORT_SESSION_KEY = "people_import_csv"


def _link(url_name: str, arg: str, text: str) -> str:
    """A cell's template: a link to ``url_name`` with the row's ``arg``, reading ``text``."""
    return f'<a class="govuk-link" href="{{% url "{url_name}" row.{arg} %}}">{text}</a>'


def _linked(label: str, value: str, url_name: str, text: str = "") -> tables.Column:
    """A column whose cell links to the row's page ``url_name``, reading ``text`` (by default
    the value)."""
    return tables.Column(label, value, cell=_link(url_name, "pk", text or f"{{{{ row.{value} }}}}"))


def _status(inactive: str) -> tables.Column:
    """A list's Status column: "Active", or a grey tag reading ``inactive`` (not in the CSV,
    which has the Active column)."""
    tag = f'<strong class="govuk-tag govuk-tag--grey">{inactive}</strong>'
    return tables.Column(
        "Status", cell=f"{{% if row.is_active %}}Active{{% else %}}{tag}{{% endif %}}", in_csv=False
    )


# Young people ------------------------------------------------------------------------------------


#: A young person's name in a list: their name linking to their record, and the preferred name
#: they gave (the list is in the order of first names).
YOUNG_PERSON_NAME = tables.Column(
    "Name",
    "display_name",
    cell=_link(
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
    csv_filename = "young-people.csv"
    columns = tables.model_columns(
        YoungPerson,
        YOUNG_PERSON_NAME,
        tables.Column("Reference", "reference"),
        "first_name",
        "last_name",
        "preferred_name",
        *_YOUNG_PERSON_DETAILS,
        _status("Not active"),
        csv_only=("first_name", "last_name", "preferred_name", *_CSV_ONLY),
    )
    #: For a role that does not see names: the reference links to the record.
    reference_columns = tables.model_columns(
        YoungPerson,
        _linked("Reference", "reference", "people:young-person-detail"),
        *_YOUNG_PERSON_DETAILS,
        _status("Not active"),
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
        "Group", "group.name", cell=_link("groups:group-detail", "group_id", "{{ row.group.name }}")
    ),
    tables.Column("Joined", "joined_on"),
    tables.Column("Left", lambda membership: membership.left_on or "Still a member"),
)
ATTENDANCE_COLUMNS = (
    tables.Column("Date", "session.date"),
    tables.Column(
        "Session",
        cell=_link(
            "participation:session-detail",
            "session_id",
            "{{ row.session.title|default:row.session.get_kind_display }}",
        ),
    ),
    tables.Column("Attendance", "get_status_display"),
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


def _organisation_url(organisation: Any) -> str:
    return reverse("people:organisation-detail", args=[organisation.pk])


#: Each add page's title, its button, and the list its Cancel link goes back to.
_ADD_PAGES = {
    "young person": ("Add a young person", "Add young person", "people:young-person-list"),
    "organisation": ("Add an organisation", "Add organisation", "people:organisation-list"),
    "staff": ("Add a staff member", "Create account", "people:staff-list"),
}


def _add_page(
    request: HttpRequest, form: Any, save: Any, page: str, added: str, then: Any
) -> HttpResponse:
    """The add page ``page`` of ``_ADD_PAGES``; once saved, the message ``added`` (formatted
    with the new record's attributes) and on to ``then``."""
    title, submit_label, back = _ADD_PAGES[page]
    texts = {"title": title, "submit_label": submit_label, "cancel_url": reverse(back)}

    def success(record: Any) -> str:
        return added.format_map(vars(record))

    return form_page(request, form, save, success=success, then=then, **texts)


def _creating(request: HttpRequest, form: Any, create: Any) -> Any:
    """The save of an add page: ``create`` the record from the form's values, by the user."""
    return lambda: create(actor=request.user, **form.cleaned_data)


def _edit_page(
    request: HttpRequest, form: Any, save: Any, name: str, called: str, back: str
) -> HttpResponse:
    """The edit page of the record ``name`` (``called`` in the message once saved): back to
    ``back`` when saved, or on Cancel."""
    texts = {"title": f"Edit {name}", "submit_label": "Save changes", "cancel_url": back}
    return form_page(request, form, save, success=f"{called} updated.", then=back, **texts)


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
    return _add_page(request, form, save, "young person", added, then=_young_person_url)


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
    return _edit_page(request, form, save, name, f"Young person {name}", back)


#: The problems a checked import file has: (line, column, message) each.
IMPORT_PROBLEM_COLUMNS = (
    tables.Column("Line", itemgetter(0), numeric=True),
    tables.Column("Column", itemgetter(1)),
    tables.Column("Problem", itemgetter(2)),
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
        "problem_columns": IMPORT_PROBLEM_COLUMNS,
    }
    return render(request, "people/young_person_import.html", context)


# Organisations -----------------------------------------------------------------------------------


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
    csv_filename = "organisations.csv"

    @property
    def columns(self) -> list[tables.Column]:  # type: ignore[override]
        """Its details but the champions and notes (a list of names, free text); the count of
        active young people where the user may see it (a partner worker: their own's only)."""
        scope = _young_people_count_scope(self.request.user)
        columns = tables.model_columns(
            Organisation,
            tables.Column(
                "Name",
                "name",
                cell=_link("people:organisation-detail", "pk", "{{ row.name }}")
                + '{% if not row.is_active %} <strong class="govuk-tag govuk-tag--grey">'
                "Not active</strong>{% endif %}",
            ),
            *(f for f in services.ORGANISATION_FIELDS if f not in ("name", "champions", "notes")),
            csv_only=("contact_email", "contact_phone", "is_active"),
        )
        if scope != "none":
            columns.append(
                tables.Column(
                    "Active young people",
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
    save = _creating(request, form, services.organisation_create)
    return _add_page(request, form, save, "organisation", "{name} added.", then=_organisation_url)


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
    return _edit_page(request, form, save, name, name, _organisation_url(organisation))


# Staff (administrators) --------------------------------------------------------------------------


class StaffMemberListView(StaffListView):
    selector = staticmethod(selectors.staff_visible_to)
    template_name = "people/staff_list.html"
    permission_required = "people.view_user"
    filterset_class = filters.StaffFilter
    title = "Staff"
    csv_filename = "staff.csv"
    columns = tables.model_columns(
        User,
        _linked("Name", "full_name", "people:staff-edit", text="{{ row }}"),
        "email",
        "job_title",
        "role",
        "organisation",
        "is_active",
        _status("Deactivated"),
        csv_only=("job_title", "is_active"),
    )


@login_required
def staff_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.add_user")
    form = forms.StaffForm(request.POST or None)
    added = "Account for {full_name} created."
    save = _creating(request, form, services.staff_create)
    return _add_page(request, form, save, "staff", added, then="people:staff-list")


@login_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    require(user, "people.change_user")
    member = selectors.staff_get(user, pk)
    form = forms.StaffForm(request.POST or None, instance=member)

    def save() -> Any:
        return services.staff_update(actor=user, user=member, **changed_values(form))

    name = member.full_name
    return _edit_page(
        request, form, save, name, f"Account for {name}", reverse("people:staff-list")
    )
