"""What the groups pages share."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse

from heard.people.models import User


def actor(request: HttpRequest) -> User:
    """The signed-in staff member acting (every page here requires sign-in)."""
    return cast(User, request.user)


def theme_url(theme: Any) -> str:
    return reverse("groups:theme-detail", args=[theme.pk])


def group_url(group: Any) -> str:
    return reverse("groups:group-detail", args=[group.pk])
