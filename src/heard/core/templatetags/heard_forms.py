"""Template filters for drawing forms: GOV.UK's date input and the error summary's links."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors
from django import template
from django.forms import BoundField

from heard.core.widgets import GovUKDateInput

register = template.Library()


@register.filter
def is_govuk_date(field: BoundField) -> bool:
    """True for a field drawn as GOV.UK's date input (``gds/layout/date_input.html``)."""
    return isinstance(field.field.widget, GovUKDateInput)


@register.filter
def is_invalid(attrs: dict[str, Any]) -> bool:
    """True when Django marked a widget's attributes as having an error (``aria-invalid``)."""
    return attrs.get("aria-invalid") == "true"


@register.filter
def error_links(field: BoundField) -> list[tuple[str, list[Any]]]:
    """A field's errors by the id of the control its error summary link goes to: a date
    input's day box, otherwise as crispy-forms-gds links them."""
    if isinstance(field.field.widget, GovUKDateInput):
        return [(f"{field.auto_id}_day", list(field.errors))] if field.errors else []
    return list(field_errors(field))
