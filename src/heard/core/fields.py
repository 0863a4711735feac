"""The links every app's models make to the same three models, written once: to an organisation,
to a young person and to a user (a member of staff). Each gives the same ``ForeignKey`` as
written out in full (the migrations see no change), with each link's usual deletion rule:

- an organisation is never deleted from under its records (``PROTECT``);
- a young person's records go with them (``CASCADE``), as erasure requires;
- a user's records are kept, the link emptied, when the account goes (``SET_NULL``).

``optional``: the link may be empty (``null`` and ``blank``). Any other ``ForeignKey`` option
(``help_text``, ``verbose_name``, another ``on_delete``) passes through. A link to staff with no
reverse accessor is ``heard.core.models.staff_link``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def link(
    to: str,
    related_name: str,
    *,
    on_delete: Any,
    optional: bool = False,
    **options: Any,
) -> Any:
    """A ``ForeignKey`` to ``to`` (``"app.Model"``) named ``related_name`` on the other side."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(to, on_delete=on_delete, related_name=related_name, **options)


def organisation_link(
    related_name: str, *, on_delete: Any = models.PROTECT, optional: bool = False, **options: Any
) -> Any:
    """A record's organisation (the one it belongs to, or that runs or hosts it)."""
    return link(
        "people.Organisation", related_name, on_delete=on_delete, optional=optional, **options
    )


def young_person_link(
    related_name: str, *, on_delete: Any = models.CASCADE, optional: bool = False, **options: Any
) -> Any:
    """The young person a record is of or about."""
    return link(
        "people.YoungPerson", related_name, on_delete=on_delete, optional=optional, **options
    )


def user_link(
    related_name: str, *, on_delete: Any = models.SET_NULL, optional: bool = True, **options: Any
) -> Any:
    """A user who did something to a record, or whose record it is (optional by default: a
    ``SET_NULL`` link must be)."""
    return link(
        settings.AUTH_USER_MODEL, related_name, on_delete=on_delete, optional=optional, **options
    )
