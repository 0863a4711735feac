"""What the groups API's resources share."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.people.models import User

TEXT_MAX_LENGTH = 5000
REQUIRED = serializers.Field.default_error_messages["required"]


def active_staff() -> Any:
    return User.objects.filter(is_active=True)


def validated(
    serializer_class: type[serializers.Serializer],  # type: ignore[type-arg]
    request: Any,
    *,
    partial: bool = False,
    with_request: bool = False,
) -> dict[str, Any]:
    """The request's input checked by ``serializer_class`` (400 with its errors otherwise): the
    keyword arguments a write passes to its service."""
    context = {"request": request} if with_request else {}
    serializer = serializer_class(data=request.data, partial=partial, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
