"""Search and filters for the people lists (the pages and the API share them)."""

from __future__ import annotations

import functools
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet
from heard.core.roles import AgeBand, Role
from heard.core.widgets import QuickSelect
from heard.people import selectors
from heard.people.models import Organisation, User, YoungPerson

_ACTIVE_CHOICES = (("yes", "Active"), ("no", "Not active"))
#: What ``django.utils.html.escape`` replaces, for ``str.translate``.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _named_record_options(widget: QuickSelect, choices: Any, selected: set[str]) -> Any:
    """``QuickSelect._options`` for the choices of records labelled by their name (their
    ``__str__``): the same markup, the rows read as ``(pk, name)`` and written by one
    comprehension that calls no Python function per option. Other choices go to QuickSelect.

    Why: under CPython 3.11 a Python call made where the frame stack ends at a chunk's edge
    allocates and frees a chunk (an ``mmap`` and a ``munmap``) each time: 8 to 15 us instead of
    1. The filters' drop-downs are drawn deep in the list pages' templates, and the organisation
    filter (600 options at national scale) was drawn at such a depth: its model instances,
    1,200 escapes and their calls took 33 of the staff and young people lists' 48 ms of CPU,
    where the same select drawn outside the page took 5. About ten calls are left, at any
    depth."""
    queryset = getattr(choices, "queryset", None)
    field = getattr(choices, "field", None)
    if queryset is None or field is None:
        yield from QuickSelect._options(widget, choices, selected)
        return
    if field.empty_label is not None:
        yield from QuickSelect._options(widget, [("", field.empty_label)], selected)
    rows = list(queryset.values_list("pk", "name"))
    yield "".join(
        [
            f'\n  <option value="{pk}"{" selected" if str(pk) in selected else ""}>'
            f"{name.translate(_ESCAPES)}</option>"
            for pk, name in rows
        ]
    )


class _NamedRecordSelects(FilterSet):
    """A filter set whose ``named_records`` drop-downs (QuickSelects of records labelled by
    name) write their options with ``_named_record_options``."""

    named_records: tuple[str, ...] = ("organisation",)

    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        names = self.named_records

        def __init__(form: forms.Form, *args: Any, **kwargs: Any) -> None:
            form_class.__init__(form, *args, **kwargs)
            for name in names:
                widget = form.fields[name].widget
                if isinstance(widget, QuickSelect):
                    widget._options = functools.partial(_named_record_options, widget)  # type: ignore[method-assign]

        return type(form_class.__name__, (form_class,), {"__init__": __init__})


def _organisations(request: Any) -> QuerySet[Organisation]:
    if request is None:
        return Organisation.objects.none()
    return selectors.organisations_for_young_people_filter(request.user)


def _any_field(value: str, *fields: str) -> Q:
    """Rows where one of ``fields`` contains ``value`` (the form has stripped it: an empty
    search filters nothing and never gets here)."""
    terms = Q()
    for name in fields:
        terms |= Q(**{f"{name}__icontains": value})
    return terms


class _ActiveFilter(FilterSet):
    """A list page's "Active" filter: active records, records no longer active, or any."""

    active = django_filters.ChoiceFilter(
        choices=_ACTIVE_CHOICES,
        method="filter_active",
        label="Active",
        empty_label="Any",
        widget=forms.Select,
    )

    def filter_active(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(is_active=value == "yes")  # the form allows "yes" or "no"


class _YoungPersonSearch(FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label="Search by name or reference",
        help_text="Any part of a name or reference, for example Sam or ABC2.",
    )
    age_band = django_filters.ChoiceFilter(choices=AgeBand.choices, empty_label="Any age band")
    area = django_filters.CharFilter(lookup_expr="icontains")

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        user = getattr(self.request, "user", None)
        return selectors.young_people_matching(user, queryset, value)


class YoungPersonFilter(_YoungPersonSearch, _ActiveFilter, _NamedRecordSelects):
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations,
        label="Supporting organisation",
        empty_label="Any organisation",
    )

    class Meta:
        model = YoungPerson
        fields = ["search", "organisation", "age_band", "area", "active"]


class YoungPersonApiFilter(_YoungPersonSearch):
    """The API's filters are plain types: ``organisation`` is an id, ``is_active`` a boolean."""

    organisation = django_filters.NumberFilter(field_name="organisation_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = YoungPerson
        fields = ["search", "organisation", "age_band", "area", "is_active"]


class OrganisationFilter(_ActiveFilter):
    search = django_filters.CharFilter(method="filter_search", label="Name, area or contact")
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label="Kind of organisation", empty_label="Any kind"
    )

    class Meta:
        model = Organisation
        fields = ["search", "kind", "active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(_any_field(value, "name", "area", "contact_name"))


class StaffFilter(_ActiveFilter, _NamedRecordSelects):
    search = django_filters.CharFilter(method="filter_search", label="Name or email")
    role = django_filters.ChoiceFilter(choices=Role.choices, empty_label="Any role")
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations, empty_label="Any organisation"
    )

    class Meta:
        model = User
        fields = ["search", "role", "organisation", "active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(_any_field(value, "full_name", "email"))
