"""A plan's rows as a CSV or XLSX download, every cell made safe for spreadsheets
(``heard.core.exports.cell``: never run as a formula), and an uploaded or pasted table read back
into rows of text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from heard.core.exports import cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows read from one upload at most (a plan has tens).
MAX_ROWS = 2000


def safe(text: str) -> str:
    return cell(text, lambda value: value)


def csv_download(rows: Iterable[list[str]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_download(rows: Iterable[list[str]], filename: str, *, sheet: str) -> HttpResponse:
    book = Workbook()
    worksheet: Any = book.active
    worksheet.title = sheet[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, row in enumerate(rows, start=1):
        worksheet.append([safe(value) for value in row])
        for column in worksheet[index]:
            column.alignment = wrap
            column.data_type = "s"
            if index <= 2 or (row[0] and not any(row[1:])):
                column.font = Font(bold=True)
    for letter, width in zip("ABCDE", (50, 60, 20, 25, 30), strict=True):
        worksheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rows_from_text(text: str) -> list[list[str]]:
    """Rows of a table pasted from a spreadsheet (tab-separated) or a CSV file's text: tabs when
    any line has one, else commas."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in text else ",")
    return [list(row) for _, row in zip(range(MAX_ROWS), reader, strict=False)]


def rows_from_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's rows as text (empty cells as "")."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        worksheet = book.worksheets[0]
        rows: list[list[str]] = []
        for row in worksheet.iter_rows(values_only=True, max_row=MAX_ROWS):
            rows.append(["" if value is None else str(value) for value in row])
        return rows
    finally:
        book.close()
