"""What several apps' forms share: choosing young people, each shown by reference, with their
name for those who may see it; an edit form's first values, read from the record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Field, Model

from heard.core.forms import ticks
from heard.core.permissions import can
from heard.core.roles import AgeBand

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def person_label(young_person: Any, user: Any) -> str:
    """A young person by reference, with their name for those who may see it."""
    if can(user, "people.view_youngperson_name", young_person):
        return f"{young_person.reference} - {young_person.display_name}"
    return young_person.reference


class _PersonLabels:
    """Choices of young people labelled by :func:`person_label` for ``user`` (given to the field,
    or set on it once the form knows who is asking)."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj, self.user)


class PersonChoice(_PersonLabels, forms.ModelChoiceField):  # type: ignore[type-arg]
    """One young person."""


class PeopleChoices(_PersonLabels, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Any number of young people, as GOV.UK checkboxes."""

    widget = forms.CheckboxSelectMultiple


def initial_of(record: Model, names: str) -> dict[str, Any]:
    """An edit form's first values: ``record``'s fields ``names`` (separated by spaces), a link
    by its key (``organisation`` is ``organisation_id``: no query for the organisation).

        initial_of(resource, "title kind organisation") | {"themes": [...]}
    """
    fields = (cast("Field[Any, Any]", record._meta.get_field(name)) for name in names.split())
    return {field.name: getattr(record, field.attname) for field in fields}


def age_band_ticks(label: StrOrPromise, **kwargs: Any) -> forms.Field:
    """Which age bands a record is for, as GOV.UK checkboxes; none ticked means every age."""
    return ticks(AgeBand.choices, label=label, required=False, **kwargs)
