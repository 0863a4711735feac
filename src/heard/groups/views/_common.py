"""What the groups pages share."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse

from heard.core import tables
from heard.people.models import User


def actor(request: HttpRequest) -> User:
    """The signed-in staff member acting (every page here requires sign-in)."""
    return cast(User, request.user)


def theme_url(theme: Any) -> str:
    return reverse("groups:theme-detail", args=[theme.pk])


def group_url(group: Any) -> str:
    return reverse("groups:group-detail", args=[group.pk])


#: Columns the groups tables share: a group's name linking to its page, its stage as a tag, its
#: host, and when it is next due (rows annotated by ``with_calendar`` or the calendar selector).
GROUP_LINK = tables.Column(
    "Group",
    "name",
    cell='<a class="govuk-link" href="{% url "groups:group-detail" row.pk %}">{{ row.name }}</a>',
)
STAGE_TAG = tables.Column(
    "Stage",
    "get_stage_display",
    cell='{% include "groups/_stage_tag.html" with stage=row.stage label=row.get_stage_display %}',
)
HOST = tables.Column("Host", "host_organisation.name")
NEXT_DUE = tables.Column(
    "Next due", "next_due", cell='{% include "groups/_next_due.html" with group=row %}'
)
