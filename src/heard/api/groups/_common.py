"""What the groups API's resources share."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.people.models import User

TEXT_MAX_LENGTH = 5000
REQUIRED = serializers.Field.default_error_messages["required"]


def active_staff() -> Any:
    return User.objects.filter(is_active=True)
