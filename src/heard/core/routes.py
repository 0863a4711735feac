"""The standard pages of one kind of record, routed once (after Wagtail's ViewSet URLs).

Every app lists, adds, opens and edits its records under the same paths and names:

    ``<prefix>``                  ``<name>-list``
    ``<prefix><create_path>``     ``<name>-create``   (``add/`` unless the app says ``new/``)
    ``<prefix><int:pk>/``         ``<name>-detail``
    ``<prefix><int:pk>/edit/``    ``<name>-edit``

and any other page of the kind (``collection``) or of one record (``member``, after Django
REST framework's actions) under its own word, which names it too:

    ``<prefix><word>/``           ``<name>-<word>``   (``collection={"import": ...}``)
    ``<prefix><int:pk>/<word>/``  ``<name>-<word>``   (``member={"close": ...}``)

``record_pages("organisations/", "organisation", list=..., create=..., detail=..., edit=...)``
gives those it is handed, in that order (so the fixed paths, ``add/`` and the collection's,
come before the ``<int:pk>/`` ones). Pages that are none of these stay plain ``path`` entries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.urls import URLPattern, path

View = Callable[..., Any]


def record_pages(
    prefix: str,
    name: str,
    *,
    list: View | None = None,  # noqa: A002 - the page's name
    create: View | None = None,
    detail: View | None = None,
    edit: View | None = None,
    create_path: str = "add/",
    collection: Mapping[str, View] | None = None,
    member: Mapping[str, View] | None = None,
) -> list[URLPattern]:
    routes = [
        ("", list, "list"),
        (create_path, create, "create"),
        *((f"{word}/", view, word) for word, view in (collection or {}).items()),
        ("<int:pk>/", detail, "detail"),
        ("<int:pk>/edit/", edit, "edit"),
        *((f"<int:pk>/{word}/", view, word) for word, view in (member or {}).items()),
    ]
    return [
        path(f"{prefix}{route}", view, name=f"{name}-{page}")
        for route, view, page in routes
        if view is not None
    ]
