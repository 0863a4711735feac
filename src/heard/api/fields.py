"""Serializer fields shared by the API's areas."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heard.core.suppression import SMALL, TOO_FEW, WITHHELD


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
