"""CSV and XLSX export of any list: the same cells, in memory that does not grow with the rows.

The CSV is streamed; the XLSX is written row by row by openpyxl's write-only workbook into a
temporary file, then sent from it (:func:`xlsx_response`).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from typing import Any

from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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


def value(row: Any, getter: str | Callable[[Any], Any]) -> Any:
    """One cell's value, before it becomes text: None, a date, a number, text, or several
    related records' names joined by "; " (the CSV's and the XLSX's cells both start here)."""
    if callable(getter):
        found = getter(row)
    else:
        found = row
        for part in getter.split("."):
            if found is None:
                break
            prefetched = getattr(found, _PREFETCHED.format(part), None)
            found = prefetched if prefetched is not None else getattr(found, part, None)
            if callable(found) and not hasattr(found, "all"):
                found = found()
    if isinstance(found, list):
        return "; ".join(str(v) for v in found)
    if hasattr(found, "all"):
        return "; ".join(str(v) for v in found.all())
    return found


def cell(row: Any, getter: str | Callable[[Any], Any]) -> str:
    found = value(row, getter)
    if found is None:
        return ""
    text = str(found)
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


# --- XLSX -----------------------------------------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Characters an XLSX (XML 1.0) cannot hold at all: control characters but tab and line breaks.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The longest text one spreadsheet cell holds.
_CELL_LIMIT = 32_767
_SHEET_TITLE_NOT = re.compile(r"[\[\]:*?/\\]")


def xlsx_value(row: Any, getter: str | Callable[[Any], Any]) -> Any:
    """One cell as the XLSX holds it: the CSV's cell, with dates as dates (local time) and
    numbers as numbers; text stays text (:func:`_text_cell`), never a formula."""
    found = value(row, getter)
    if found is None or isinstance(found, bool | int | float | decimal.Decimal):
        return found
    if isinstance(found, datetime.datetime):
        if timezone.is_aware(found):
            found = timezone.make_naive(found)
        return found
    if isinstance(found, datetime.date):
        return found
    return str(found)


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> Any:
    """Text that openpyxl would otherwise write as a formula ("=...") or an error ("#N/A")
    becomes an explicit string cell; other text goes as it is (always an inline string)."""
    text = _NOT_IN_XML.sub("", text)[:_CELL_LIMIT]
    if text.startswith("=") or text in ERROR_CODES:
        written = WriteOnlyCell(sheet, value=text)
        written.data_type = "s"
        return written
    return text


def _sheet_title(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] or "Export"
    return _SHEET_TITLE_NOT.sub(" ", stem)[:31]


def xlsx_filename(filename: str) -> str:
    """``sessions.csv`` becomes ``sessions.xlsx``."""
    return filename.removesuffix(".csv") + ".xlsx"


#: The most rows one sheet holds (Excel's limit, its header included): more go on to a next sheet.
SHEET_ROWS = 1_048_576


def _new_sheet(workbook: Workbook, title: str, number: int, columns: Columns) -> Any:
    name = title if number == 1 else f"{title[:25]} ({number})"
    sheet = workbook.create_sheet(title=name)
    sheet.append([_text_cell(sheet, str(header)) for header, _ in columns])
    return sheet


def write_xlsx(rows: Iterable[Any], columns: Columns, target: Any, *, title: str) -> int:
    """Write a header and a row per item into ``target`` (a file), a row at a time: openpyxl's
    write-only sheet keeps its rows in a temporary file, not in memory. Rows beyond what one
    sheet holds continue on a next sheet, under the same header. The rows written."""
    workbook = Workbook(write_only=True)
    title = _sheet_title(title)
    sheet, sheets, on_sheet = _new_sheet(workbook, title, 1, columns), 1, 0
    getters = [getter for _, getter in columns]
    count = 0
    for row in rows:
        if on_sheet == SHEET_ROWS - 1:
            sheets += 1
            sheet, on_sheet = _new_sheet(workbook, title, sheets, columns), 0
        cells = [xlsx_value(row, getter) for getter in getters]
        sheet.append([_text_cell(sheet, c) if isinstance(c, str) else c for c in cells])
        count += 1
        on_sheet += 1
    workbook.save(target)
    return count


def xlsx_response(rows: Iterable[Any], columns: Columns, filename: str) -> FileResponse:
    """The list as an XLSX download named like its CSV (``x.csv`` gives ``x.xlsx``), written to
    a temporary file (deleted once sent) and sent from it in blocks."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    name = xlsx_filename(filename)
    write_xlsx(rows, columns, target, title=name)
    target.seek(0)
    response = FileResponse(target, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


#: The formats a list downloads as (``?format=csv``, ``?format=xlsx``).
EXPORT_FORMATS = ("csv", "xlsx")


def export_response(
    export_format: str, rows: Iterable[Any], columns: Columns, filename: str
) -> HttpResponseBase:
    """The list's download in ``export_format`` (one of :data:`EXPORT_FORMATS`)."""
    if export_format == "xlsx":
        return xlsx_response(rows, columns, filename)
    return csv_response(rows, columns, filename)
