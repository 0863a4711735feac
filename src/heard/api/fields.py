"""Serializer fields shared by the API's areas."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from heard.core.permissions import can
from heard.core.roles import AgeBand
from heard.core.suppression import SMALL, TOO_FEW, WITHHELD
from heard.groups import selectors as group_selectors
from heard.participation.models import Session
from heard.people import selectors as people_selectors
from heard.people.models import User
from heard.voice import selectors as voice_selectors
from heard.voice.models import View

#: The most characters a free text takes: notes, a description, a summary.
TEXT_MAX_LENGTH = 5000


# A figure worked out before it is shown (a count, a share, a median), shown as it is: read only
# unless said otherwise. (A comment, not a docstring: the document would take it as the fields'.)
class ShownAsIs(serializers.Field):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "enum": [SMALL, WITHHELD, TOO_FEW]},
        ],
        "description": "A count of children or of what they said. Exact for a reader who may "
        "open every record behind it. Otherwise protected (ADR 0008): 0 is exact, 1 to 4 is "
        '"fewer than 5", and 5 or more is perturbed to a multiple of 5 within 4 of the true count '
        "(the cell key method: the same records always give the same figure), for fixed "
        'reporting periods only. "withheld" and "too few to show" are the older within-table '
        "suppression's markers, kept for outputs that still use it.",
    }
)
class SuppressedCountField(ShownAsIs):
    """A count after statistical disclosure control (heard.core.suppression), as it is."""


class ShownCountField(SuppressedCountField):
    """A record's count as the reader may see it: ``shown(user, record)`` (a selector's
    ``shown_..._count``) gives it exact or protected, as the record's pages show it."""

    def __init__(self, shown: Callable[[Any, Any], Any], **kwargs: Any) -> None:
        kwargs["source"] = "*"
        super().__init__(**kwargs)
        self.shown = shown

    def to_representation(self, value: Any) -> Any:
        return self.shown(self.context["request"].user, value)


@extend_schema_field(
    {
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": 1, "nullable": True},
            {"type": "string", "enum": [WITHHELD]},
        ],
        "description": "A share from 0 to 1, null when there is nothing to divide by, or "
        '"withheld" when it would let a small count be worked out. For a protected reader it is '
        "worked out from the protected (perturbed) counts shown beside it.",
    }
)
class SuppressedShareField(ShownAsIs):
    """A share worked out from suppressed counts only (heard.core.suppression)."""


@extend_schema_field(serializers.ListField(child=serializers.IntegerField(), allow_null=True))
class YoungPeopleIdsField(serializers.Field):  # type: ignore[type-arg]
    """The ids of a record's young people (its relation of the field's name), or null for a
    reader without ``permission`` on the record (a role that does not see young people)."""

    def __init__(self, permission: str, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)
        self.permission = permission

    def to_representation(self, value: Any) -> list[int] | None:
        if not can(self.context["request"].user, self.permission, value):
            return None
        return [person.pk for person in getattr(value, str(self.field_name)).all()]


# The age bands (``heard.core.roles.AgeBand``) a record is for: read only in an output; in an
# input, optional, each band once at the most. (Comments, not docstrings: the document would
# take them as the fields'.)
class AgeBandsField(serializers.ListField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("read_only"):
            kwargs.setdefault("required", False)
            kwargs.setdefault("max_length", len(AgeBand.choices))
        super().__init__(child=serializers.ChoiceField(choices=AgeBand.choices), **kwargs)


# The areas where the young people a record is for live, as written: read only in an output; in
# an input, optional, fifty areas at the most, of a hundred characters each.
class AreasField(serializers.ListField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        if kwargs.get("read_only"):
            child = serializers.CharField()
        else:
            kwargs.setdefault("required", False)
            kwargs.setdefault("max_length", 50)
            child = serializers.CharField(max_length=100)
        super().__init__(child=child, **kwargs)


def optional_text(**kwargs: Any) -> serializers.CharField:
    """A text an input may leave out or blank (notes, a description), of ``TEXT_MAX_LENGTH``
    characters at the most."""
    return serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True, **kwargs
    )


def blank_or(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    """A choice as an output shows it: one of ``choices``, or empty when not set (yet)."""
    return serializers.ChoiceField(choices=choices, allow_blank=True, read_only=True, **kwargs)


#: The largest id there can be: ids are 64-bit signed integers (PostgreSQL's bigint, SQLite's
#: INTEGER). A larger number is refused as input before any query: SQLite cannot even take it as
#: a parameter (``OverflowError``).
MAX_ID = 2**63 - 1
ID_MESSAGE = f"Enter an id: a whole number from 1 to {MAX_ID}."
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: Any) -> int | None:
    """The id ``value`` gives (a whole number, as a number or as digits), or None if none.

    Booleans, fractions, signs, text and numbers outside 1 to ``MAX_ID`` give None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdField(serializers.IntegerField):
    """An id given as a plain number (not looked up here): 1 to ``MAX_ID``."""

    default_error_messages = {"invalid": ID_MESSAGE}

    def to_internal_value(self, data: Any) -> int:
        number = parse_id(data)
        if number is None:
            self.fail("invalid")
        return number


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class BulkRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key, as DRF's field; a list of them (``many=True``) is looked up in one query,
    where DRF's own asks the database once for each id (20 attendees, 20 queries).

    Anything that cannot be an id (``parse_id``) is refused before a query is made, with the same
    message whatever it was: DRF's own field would send a number beyond 64 bits to the database
    (a 500 on SQLite) and take ``true`` for the id 1.
    """

    default_error_messages = {"invalid_id": ID_MESSAGE}

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> BulkManyRelatedField:
        list_kwargs: dict[str, Any] = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: kwargs[key] for key in kwargs if key in MANY_RELATION_KWARGS})
        return BulkManyRelatedField(**list_kwargs)

    def _key(self, value: Any) -> int:
        data = self.pk_field.to_internal_value(value) if self.pk_field is not None else value
        key = parse_id(data)
        if key is None:
            self.fail("invalid_id")
        return key

    def _queryset(self) -> QuerySet[Any]:
        queryset = self.get_queryset()
        if queryset is None:
            raise TypeError(f"{type(self).__name__} needs a queryset to look ids up in.")
        return queryset

    def to_internal_value(self, data: Any) -> Any:
        key = self._key(data)
        try:
            return self._queryset().get(pk=key)
        except ObjectDoesNotExist:
            self.fail("does_not_exist", pk_value=data)

    def resolve(self, values: list[Any]) -> list[Any]:
        """The objects of these ids, in their order, from one query; the first bad id fails
        with the message the single field gives for it."""
        queryset = self._queryset()
        keys = [self._key(value) for value in values]
        found = queryset.in_bulk(set(keys)) if keys else {}
        for key, value in zip(keys, values, strict=True):
            if key not in found:
                self.fail("does_not_exist", pk_value=value)
        return [found[key] for key in keys]


class ActiveStaffField(BulkRelatedField):
    """An id of an active member of staff (a lead, a champion)."""

    def get_queryset(self) -> QuerySet[User]:
        return User.objects.filter(is_active=True)


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

    #: What the user may see: a selector, ``selector(user)``, that gives a queryset.
    selector: Callable[[Any], QuerySet[Any]]
    #: Whether a serializer used outside a request finds nothing, rather than what ``selector``
    #: gives for no user (every row, for Heard's own use).
    none_without_request = False

    def __init__(
        self, selector: Callable[[Any], QuerySet[Any]] | None = None, **kwargs: Any
    ) -> None:
        """``selector`` names what the user may see, for a field that needs no class of its own
        (``VisibleField(selectors.rounds_visible_to)``)."""
        if selector is not None:
            self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.selector(_user(self))
        if self.none_without_request and self.context.get("request") is None:
            return rows.none()
        return rows


def _views_to_look_up(user: Any) -> QuerySet[View]:
    return voice_selectors.views_visible_to(user).prefetch_related(None)


class VisibleYoungPersonField(VisibleField):
    selector = staticmethod(people_selectors.young_people_visible_to)


class VisibleGroupField(VisibleField):
    # Without the list's prefetches and counts: two queries a lookup that nothing read.
    selector = staticmethod(group_selectors.groups_plain_visible_to)


class VisibleThemeField(VisibleField):
    selector = staticmethod(group_selectors.themes_visible_to)


class VisibleOrganisationField(VisibleField):
    selector = staticmethod(people_selectors.organisations_visible_to)


class VisibleSessionField(VisibleField):
    selector = staticmethod(Session.objects.visible_to)


class VisibleViewField(VisibleField):
    selector = staticmethod(_views_to_look_up)
