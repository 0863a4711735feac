"""A record's standard pages routed from the views module that names them by convention.

``heard.core.routes.record_pages`` routes the pages it is handed. Each app's views name a
record's pages alike: the list ``<Stem>ListView`` (or the function ``<stem>_list``), the others
``<stem>_<page>`` (``theme_create``, ``theme_detail``, ``theme_edit``, ``theme_delete``; the stem
is the URL name with ``_`` for ``-``), so the URL module need only say which pages there are::

    *record_views(views, "themes/", "theme", create_path="new/")

routes ``theme-list``, ``theme-create``, ``theme-detail`` and ``theme-edit`` as ``record_pages``
would. ``member`` words are looked up the same way (``member=("delete", "add-item")`` finds
``theme_delete`` and ``theme_add_item``); a page whose view is named otherwise is handed over:
the list as ``list``, a record's page in ``member_views``, after them. A page the module does
not define is an error when the URLs load, never a route left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern

from heard.core.routes import View, record_pages

STANDARD = ("list", "create", "detail", "edit")


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
    """``record_pages(prefix, name, ...)`` with the ``pages`` (of ``list``, ``create``,
    ``detail`` and ``edit``) and the ``member`` pages found in ``views`` by their conventional
    names; ``list``, when given, is the list page whatever ``pages`` says."""
    stem = name.replace("-", "_")

    def find(*names: str) -> View:
        for view_name in names:
            view = getattr(views, view_name, None)
            if view is not None:
                return view
        raise ImproperlyConfigured(f"{views.__name__} has no view {' or '.join(names)}")

    def find_page(page: str) -> View:
        return find(f"{stem}_{page.replace('-', '_')}")

    def find_list() -> View:
        label = "".join(part.capitalize() for part in name.split("-"))
        view = find(f"{label}ListView", f"{stem}_list")
        as_view = getattr(view, "as_view", None)  # a class-based view, else a function
        return as_view() if as_view else view

    pages = tuple(pages)
    unknown = set(pages) - set(STANDARD)
    if unknown:
        raise ImproperlyConfigured(f"Not a standard page: {', '.join(sorted(unknown))}")
    standard = {page: find_page(page) for page in pages if page != "list"}
    members = {word: find_page(word) for word in member}
    if list is None and "list" in pages:
        list = find_list()  # noqa: A001 - the page's name
    return record_pages(
        prefix,
        name,
        list=list,
        create=standard.get("create"),
        detail=standard.get("detail"),
        edit=standard.get("edit"),
        create_path=create_path,
        collection=collection,
        member={**members, **(member_views or {})},
    )
