"""The standard pages of one kind of record, routed once (after Wagtail's ViewSet URLs).

Every app lists, adds, opens and edits its records under the same paths and names:

    ``<prefix>``                  ``<name>-list``
    ``<prefix><create_path>``     ``<name>-create``   (``add/`` unless the app says ``new/``)
    ``<prefix><int:pk>/``         ``<name>-detail``
    ``<prefix><int:pk>/edit/``    ``<name>-edit``

``record_pages("organisations/", "organisation", list=..., create=..., detail=..., edit=...)``
gives those it is handed, in that order (so a fixed path such as ``add/`` comes before the
``<int:pk>/`` ones). Pages that are not one of the four stay plain ``path`` entries.
"""

from __future__ import annotations

from collections.abc import Callable
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
) -> list[URLPattern]:
    routes = (
        ("", list, "list"),
        (create_path, create, "create"),
        ("<int:pk>/", detail, "detail"),
        ("<int:pk>/edit/", edit, "edit"),
    )
    return [
        path(f"{prefix}{route}", view, name=f"{name}-{page}")
        for route, view, page in routes
        if view is not None
    ]
