"""A record's standard pages routed from the views module that names them by convention.

``heard.core.routes.record_pages`` routes the pages it is handed. Each app's views name a
record's pages alike, ``<stem>_<page>`` (``theme_create``, ``theme_detail``, ``theme_edit``,
``theme_delete``; the stem is the URL name with ``_`` for ``-``), so the URL module need only say
which pages there are::

    *record_views(views, "themes/", "theme", list=views.ThemeListView.as_view(), create_path="new/")

routes ``theme-list``, ``theme-create``, ``theme-detail`` and ``theme-edit`` as ``record_pages``
would. ``member`` words are looked up the same way (``member=("delete", "export")``); a page whose
view is named otherwise is handed over in ``member_views``, after them. A page the module does not
define is an error when the URLs load, never a route left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern

from heard.core.routes import View, record_pages

STANDARD = ("create", "detail", "edit")


def record_views(
    views: Any,
    prefix: str,
    name: str,
    *,
    list: View | None = None,  # noqa: A002 - the page's name
    pages: Iterable[str] = STANDARD,
    member: Iterable[str] = (),
    member_views: Mapping[str, View] | None = None,
    collection: Mapping[str, View] | None = None,
    create_path: str = "add/",
) -> list[URLPattern]:
    """``record_pages(prefix, name, ...)`` with the ``pages`` (of ``create``, ``detail`` and
    ``edit``) and the ``member`` pages found in ``views`` as ``<stem>_<page>``."""
    stem = name.replace("-", "_")

    def find(page: str) -> View:
        view = getattr(views, f"{stem}_{page}", None)
        if view is None:
            raise ImproperlyConfigured(f"{views.__name__} has no view {stem}_{page}")
        return view

    unknown = set(pages) - set(STANDARD)
    if unknown:
        raise ImproperlyConfigured(f"Not a standard page: {', '.join(sorted(unknown))}")
    standard = {page: find(page) for page in pages}
    return record_pages(
        prefix,
        name,
        list=list,
        create=standard.get("create"),
        detail=standard.get("detail"),
        edit=standard.get("edit"),
        create_path=create_path,
        collection=collection,
        member={**{word: find(word) for word in member}, **(member_views or {})},
    )
