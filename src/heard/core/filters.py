"""The base of every list page's filters."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES

from heard.core.forms import GovUKDateField
from heard.core.widgets import QuickSelect


class QuickSelectForm(forms.Form):
    """A form whose plain selects are ``QuickSelect``s (same markup, a fraction of the time),
    and whose number boxes are GOV.UK text inputs for whole numbers (a number filter such as a
    session's number): GOV.UK's pattern avoids ``type="number"``, which browsers step and
    round."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if type(widget) is forms.Select:
                quick = QuickSelect(attrs=widget.attrs)
                quick.choices = widget.choices
                field.widget = quick
            elif type(widget) is forms.NumberInput:
                attrs = {k: v for k, v in widget.attrs.items() if k not in ("min", "max", "step")}
                attrs.update({"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"})
                field.widget = forms.TextInput(attrs=attrs)


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet with ``QuickSelectForm`` under its form.

    ``shown`` is False when no form is shown (the API, ``heard.api.filters``): the filters then
    prepare nothing that only a page needs.
    """

    def __init__(self, *args: Any, shown: bool = True, **kwargs: Any) -> None:
        self.shown = shown
        super().__init__(*args, **kwargs)

    @staticmethod
    def meta(model: type[Model], *fields: str) -> type:
        """A filter set's ``Meta``: its ``model``, and the model's ``fields`` it filters by
        name besides the filters it declares (none unless given):
        ``Meta = FilterSet.meta(Evaluation)``."""
        return type("Meta", (), {"model": model, "fields": list(fields)})

    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        return type(form_class.__name__, (QuickSelectForm, form_class), {})


class DateFilter(django_filters.DateFilter):
    """django-filter's date filter as GOV.UK's date input (``GovUKDateField``): day, month and
    year boxes on the page, and one ISO value (``?date_from=2026-01-01``) from a link or the API.
    ``subject`` names it in errors ("The start date must be a real date")."""

    field_class = GovUKDateField


def date_range(
    field: str, from_label: str = "From", to_label: str = "To"
) -> tuple[DateFilter, DateFilter]:
    """The "from" and "to" filters of one date field, both days included."""
    return (
        DateFilter(field_name=field, lookup_expr="gte", label=from_label, subject="The start date"),
        DateFilter(field_name=field, lookup_expr="lte", label=to_label, subject="The end date"),
    )


#: The lookups a search may name; a field named without one is matched as a part of it.
SEARCH_LOOKUPS = frozenset({"exact", "iexact", "icontains"})


class Search(django_filters.CharFilter):
    """A list's search box: the rows where any of ``fields`` (separated by spaces) holds the words
    typed, trimmed: as a part of it, whatever the case, unless the field names its own lookup
    (``young_person__reference__iexact``: the whole reference).

        q = Search("title notes", help_text="Words in the title or the notes.")
    """

    def __init__(self, fields: str, *, label: str = "Search", **kwargs: Any) -> None:
        super().__init__(label=label, **kwargs)
        self.lookups = [
            path if path.rsplit("__", 1)[-1] in SEARCH_LOOKUPS else f"{path}__icontains"
            for path in fields.split()
        ]

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        value = value.strip()
        matches = (Q(**{lookup: value}) for lookup in self.lookups)
        return qs.filter(functools.reduce(operator.or_, matches))


def user_choices(
    model: type[Model], choose: Callable[[Any], QuerySet[Any]]
) -> Callable[[Any], QuerySet[Any]]:
    """A filter's choices made when its form is: ``choose(user)`` for a page's request, none of
    ``model`` without a request (the API's schema).

        organisation = ModelChoiceFilter(queryset=user_choices(Organisation, organisations_for))
    """

    def choices(request: Any) -> QuerySet[Any]:
        if request is None:
            return model._default_manager.none()
        return choose(request.user)

    return choices


def organisation_filter(queryset: Any, **kwargs: Any) -> django_filters.ModelChoiceFilter:
    """A list's organisation dropdown (``queryset``: its choices, or a callable of the request),
    "Any organisation" first."""
    return django_filters.ModelChoiceFilter(
        queryset=queryset, empty_label="Any organisation", **kwargs
    )


def yes_no(
    label: str, method: str, *, yes: str = "Yes", no: str | None = "No", either: str = "Either"
) -> django_filters.ChoiceFilter:
    """A yes-or-no question about each row, answered by the filter set's ``method``: "yes" and
    (unless ``no`` is None) "no", after ``either`` (every row)."""
    choices = [("yes", yes)] if no is None else [("yes", yes), ("no", no)]
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=either, method=method
    )


class StateFilter(django_filters.ChoiceFilter):
    """The rows in one state on today's date, "Any" first: a kite mark or a check current, due
    for renewal or expired. ``condition(state, today)`` is what the rows in ``state`` meet.

        state = StateFilter(CHECK_STATES, check_state, label="Renewal")
    """

    def __init__(
        self,
        choices: Any,
        condition: Callable[[str, datetime.date], Q],
        **kwargs: Any,
    ) -> None:
        super().__init__(choices=choices, empty_label="Any", **kwargs)
        self.condition = condition

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(self.condition(value, timezone.localdate()))
