"""Serializer fields shared by the API's areas."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from heard.core.suppression import SMALL, TOO_FEW, WITHHELD
from heard.groups import selectors as group_selectors
from heard.groups.models import Group, Theme
from heard.participation import selectors as participation_selectors
from heard.participation.models import Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson
from heard.voice import selectors as voice_selectors
from heard.voice.models import View


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "enum": [SMALL, WITHHELD, TOO_FEW]},
        ],
        "description": 'A count, or "fewer than 5" (1-4), "withheld" (hidden so that a small '
        'count cannot be worked out) or "too few to show".',
    }
)
class SuppressedCountField(serializers.Field):  # type: ignore[type-arg]
    """A count after statistical disclosure control (heard.core.suppression), as it is."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(
    {
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": 1, "nullable": True},
            {"type": "string", "enum": [WITHHELD]},
        ],
        "description": "A share from 0 to 1, null when there is nothing to divide by, or "
        '"withheld" when it would let a small count be worked out.',
    }
)
class SuppressedShareField(serializers.Field):  # type: ignore[type-arg]
    """A share worked out from suppressed counts only (heard.core.suppression)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return value


class BulkRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key, as DRF's field; a list of them (``many=True``) is looked up in one query,
    where DRF's own asks the database once for each id (20 attendees, 20 queries)."""

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> BulkManyRelatedField:
        list_kwargs: dict[str, Any] = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: kwargs[key] for key in kwargs if key in MANY_RELATION_KWARGS})
        return BulkManyRelatedField(**list_kwargs)

    def resolve(self, values: list[Any]) -> list[Any]:
        """The objects of these ids, in their order, from one query; the first bad id fails
        with the message the single field gives for it."""
        queryset = self.get_queryset()
        if queryset is None:
            raise TypeError(f"{type(self).__name__} needs a queryset to look ids up in.")
        pk = queryset.model._meta.pk
        keys = []
        for value in values:
            data = self.pk_field.to_internal_value(value) if self.pk_field is not None else value
            if isinstance(data, bool) or not isinstance(data, int | str):
                self.fail("incorrect_type", data_type=type(data).__name__)
            try:
                keys.append(pk.to_python(data))
            except DjangoValidationError:
                self.fail("incorrect_type", data_type=type(data).__name__)
        found = queryset.in_bulk(set(keys)) if keys else {}
        for key, value in zip(keys, values, strict=True):
            if key not in found:
                self.fail("does_not_exist", pk_value=value)
        return [found[key] for key in keys]


class BulkManyRelatedField(serializers.ManyRelatedField):
    child_relation: BulkRelatedField

    def to_internal_value(self, data: Any) -> list[Any]:
        if isinstance(data, str) or not hasattr(data, "__iter__"):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not self.allow_empty and len(data) == 0:
            self.fail("empty")
        return self.child_relation.resolve(list(data))


def _user(field: serializers.Field) -> Any:
    return getattr(field.context.get("request"), "user", None)


class VisibleField(BulkRelatedField):
    """An id of an object the signed-in user may see; others are refused like unknown ids."""

    def get_queryset(self) -> QuerySet[Any]:
        return self.visible(_user(self))

    def visible(self, user: Any) -> QuerySet[Any]:
        raise NotImplementedError


class VisibleYoungPersonField(VisibleField):
    def visible(self, user: Any) -> QuerySet[YoungPerson]:
        return people_selectors.young_people_visible_to(user)


class VisibleGroupField(VisibleField):
    def visible(self, user: Any) -> QuerySet[Group]:
        # Without the list's prefetches and counts: two queries a lookup that nothing read.
        return group_selectors.groups_plain_visible_to(user)


class VisibleThemeField(VisibleField):
    def visible(self, user: Any) -> QuerySet[Theme]:
        return group_selectors.themes_visible_to(user)


class VisibleOrganisationField(VisibleField):
    def visible(self, user: Any) -> QuerySet[Organisation]:
        return people_selectors.organisations_visible_to(user)


class VisibleSessionField(VisibleField):
    def visible(self, user: Any) -> QuerySet[Session]:
        return participation_selectors.sessions_visible_to(user).prefetch_related(None)


class VisibleViewField(VisibleField):
    def visible(self, user: Any) -> QuerySet[View]:
        return voice_selectors.views_visible_to(user).prefetch_related(None)
