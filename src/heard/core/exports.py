"""CSV export of any list: streamed, so memory does not grow with the number of rows."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from typing import Any

from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.http import StreamingHttpResponse

#: A column: its header and how to read the cell from a row (an attribute path or a function).
#: ``heard.core.tables.Column`` unpacks to the same pair.
Column = tuple[str, str | Callable[[Any], Any]]
Columns = Sequence[Any]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: Where :func:`export_queryset` puts a prefetched relation's rows on each object.
_PREFETCHED = "_export_{}"


def export_queryset(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The queryset for a CSV export: its plain prefetches (``"themes"``) become lists on each
    object (``Prefetch(to_attr=...)``), which :func:`cell` reads first.

    Why: for a prefetched many-to-many, Django builds a related manager per object and relation;
    on the national export (a million sessions, four relations) that was half the time. A list
    costs nothing to attach. Nested lookups (``"a__b"``) and ``Prefetch`` objects stay as they are.
    """
    # Django keeps the lookups on this attribute (no public accessor); QuerySet.prefetch_related
    # (None) below is the public way to clear them.
    lookups = list(getattr(queryset, "_prefetch_related_lookups", ()))
    if not lookups:
        return queryset
    changed: list[Any] = [
        Prefetch(lookup, to_attr=_PREFETCHED.format(lookup))
        if isinstance(lookup, str) and "__" not in lookup
        else lookup
        for lookup in lookups
    ]
    return queryset.prefetch_related(None).prefetch_related(*changed)


def stream(queryset: QuerySet[Any], chunk_size: int = 2000) -> Iterator[Any]:
    """The rows of ``queryset`` for a streamed export, read through one cursor in a transaction.

    Outside a transaction Django declares PostgreSQL's server-side cursor WITH HOLD, which makes
    the server compute and store the whole result before the first row is sent: 14 s and a
    copy of every row for the national sessions export. Inside one, rows come as they are read.
    The transaction lasts as long as the download; nothing is written in it. Not on SQLite: its
    transactions take the write lock as they begin (settings.DATABASES), which would hold every
    writer back for the whole download (each query still reads one consistent snapshot).
    """
    keep = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
    with keep:
        yield from export_queryset(queryset).iterator(chunk_size=chunk_size)


def cell(row: Any, getter: str | Callable[[Any], Any]) -> str:
    if callable(getter):
        value = getter(row)
    else:
        value = row
        for part in getter.split("."):
            if value is None:
                break
            prefetched = getattr(value, _PREFETCHED.format(part), None)
            value = prefetched if prefetched is not None else getattr(value, part, None)
            if callable(value) and not hasattr(value, "all"):
                value = value()
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif hasattr(value, "all"):
        value = "; ".join(str(v) for v in value.all())
    text = str(value)
    # A spreadsheet must never run a cell as a formula (CSV injection).
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


#: Rows sent to the client together: one write per row meant a million socket writes for a
#: million sessions; a batch keeps memory flat (a few hundred rows) with far fewer.
ROWS_PER_CHUNK = 500


def csv_rows(rows: Iterable[Any], columns: Columns) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([header for header, _ in columns])
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([cell(row, getter) for _, getter in columns]))
        if len(batch) >= ROWS_PER_CHUNK:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(rows: Iterable[Any], columns: Columns, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_rows(rows, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
