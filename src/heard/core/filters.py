"""The base of every list page's filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms

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
