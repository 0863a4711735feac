"""Every mention of a young person links to their record, for a user who may open it.

``{% load young_people %}{% young_person_link row.young_person row.young_person.display_name %}``
reads ``text`` (by default the name for roles that see names, else the reference) as a link to
the record, or as plain text for a user who may not open it. A table drawn from columns passes
them through ``|linking_young_people`` to link the column naming the row's young person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from heard.core.permissions import can
from heard.core.tables import Column
from heard.people.selectors import sees_names

register = template.Library()

#: The column a table of rows with a ``young_person`` links, the first one it has.
_NAMING = ("young_person.display_name", "young_person.reference")


@register.simple_tag(takes_context=True)
def young_person_link(context: Any, young_person: Any, text: Any = None) -> SafeString:
    user = context.get("user") or getattr(context.get("request"), "user", None)
    if text is None:
        text = young_person.display_name if sees_names(user) else young_person.reference
    if not can(user, "people.view_youngperson", young_person):
        return conditional_escape(text)
    url = reverse("people:young-person-detail", args=[young_person.pk])
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


@register.filter
def linking_young_people(columns: Sequence[Column]) -> list[Column]:
    """``columns`` with the one naming each row's young person (their name, else their
    reference) drawn as a link to the record, for users who may open it; a name column shows
    the reference to a role that does not see names."""
    values = [column.value for column in columns]
    naming = next((value for value in _NAMING if value in values), None)
    if naming is None:
        return list(columns)
    # A name column reads the name only for roles that see names (the reference for others).
    text = "" if naming == "young_person.display_name" else f" row.{naming}"
    cell = f"{{% load young_people %}}{{% young_person_link row.young_person{text} %}}"
    return [
        dataclasses.replace(column, cell=cell)
        if column.value == naming and not column.cell
        else column
        for column in columns
    ]
