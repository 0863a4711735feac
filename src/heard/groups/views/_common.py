"""What the groups pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.forms import form_page
from heard.people.models import User


def actor(request: HttpRequest) -> User:
    """The signed-in staff member acting (every page here requires sign-in)."""
    return cast(User, request.user)


def theme_url(theme: Any) -> str:
    return reverse("groups:theme-detail", args=[theme.pk])


def group_url(group: Any) -> str:
    return reverse("groups:group-detail", args=[group.pk])


def add_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    noun: str,
    named: str,
) -> HttpResponse:
    """A page adding a ``noun``, a group or a theme ("Add a group", its button "Add group"):
    saved, it says so by the new record's ``named`` attribute (Group “Riverside” added.) and
    opens its page (``groups:group-detail``); cancelled, goes back to the list."""
    return form_page(
        request,
        form,
        save,
        success=lambda added: f"{noun.capitalize()} “{getattr(added, named)}” added.",
        then=lambda added: reverse(f"groups:{noun}-detail", args=[added.pk]),
        title=f"Add a {noun}",
        submit_label=f"Add {noun}",
        cancel_url=reverse(f"groups:{noun}-list"),
    )


def form_page_on(
    request: HttpRequest, back: str, form: Any, save: Callable[[], Any], **options: Any
) -> HttpResponse:
    """A form page about one group or theme (``heard.core.forms.form_page``): saved or
    cancelled, it goes back to ``back``, that record's page."""
    return form_page(request, form, save, then=back, cancel_url=back, **options)


#: Columns the groups tables share: a group's name linking to its page, its stage as a tag, its
#: host, and when it is next due (rows annotated by ``with_calendar`` or the calendar selector).
GROUP_LINK = tables.Column(
    gettext_lazy("Group"),
    "name",
    cell='<a class="govuk-link" href="{% url "groups:group-detail" row.pk %}">{{ row.name }}</a>',
)
STAGE_TAG = tables.Column(
    gettext_lazy("Stage"),
    "get_stage_display",
    cell='{% include "groups/_stage_tag.html" with stage=row.stage label=row.get_stage_display %}',
)
NEXT_DUE = tables.Column(
    gettext_lazy("Next due"),
    "next_due",
    cell='{% include "groups/_next_due.html" with group=row %}',
)
