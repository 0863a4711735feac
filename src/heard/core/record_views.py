"""Small pieces the staff pages of many apps share, beside :class:`heard.core.records.Record`:
the URL of a record's page, a record's values for its edit form, a list whose rows carry figures
that depend on the reader, and a record's stored file sent as a download."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse

from heard.core.lists import StaffListView
from heard.core.records import attachment, named

#: A record's figure for one reader: ``figure(user, record)``.
Figure = Callable[[Any, Any], Any]


def page_url(name: str) -> Callable[[Any], str]:
    """The URL of the page ``name`` of one record, given the record or its primary key:
    ``round_url = page_url("decisions:round-detail")``."""

    def url(record: Any) -> str:
        pk = record if isinstance(record, int) else record.pk
        return reverse(name, args=[pk])

    return url


def values_of(*names: str, **attributes: str) -> Callable[[Any], dict[str, Any]]:
    """A record's values as its edit form's initial ones: each of ``names`` read from the
    record's attribute of that name, each of ``attributes`` from the attribute it names
    (``organisation="organisation_id"``)."""
    read = {name: name for name in names} | attributes

    def values(record: Any) -> dict[str, Any]:
        return {name: getattr(record, attribute) for name, attribute in read.items()}

    return values


class FiguresListView(StaffListView):
    """A list whose rows carry figures that depend on the reader, each shown exact or
    protected (``heard.core.disclosure``) alike on the page and in the exports:
    ``figures = {"shown_response_count": selectors.shown_response_count}`` sets each row's
    ``shown_response_count`` to ``selectors.shown_response_count(user, row)``."""

    figures: Mapping[str, Figure] = {}

    def prepare_row(self, row: Any) -> Any:
        for name, figure in self.figures.items():
            setattr(row, name, figure(self.request.user, row))
        return row


def download_view(
    get: Callable[[Any, Any], Any],
    *,
    name: str,
    stem: str,
    missing: str,
    file: str = "file",
    content_type: str = "content_type",
) -> Callable[..., HttpResponseBase]:
    """The only way to a record's stored file: the record ``get(user, pk)`` (checked as its page
    is), its field ``file`` sent as a download named ``<stem>-<pk>`` with the content type held
    in its field ``content_type`` (by default the fields ``file`` and ``content_type``); 404
    with ``missing`` when it has none."""

    @login_required
    def download(request: HttpRequest, pk: int) -> HttpResponseBase:
        record = get(request.user, pk)
        stored = getattr(record, file)
        if not stored:
            raise Http404(missing)
        return attachment(stored, f"{stem}-{record.pk}", getattr(record, content_type))

    return named(download, name)
