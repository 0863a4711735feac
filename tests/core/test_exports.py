import csv
import io

import pytest

from heard.core.exports import ROWS_PER_CHUNK, cell, csv_response, csv_rows, export_queryset


class Row:
    def __init__(self, name, org=None):
        self.name = name
        self.org = org


def test_cells_follow_attribute_paths_and_blank_missing_values():
    assert cell(Row("a", Row("parent")), "org.name") == "parent"
    assert cell(Row("a"), "org.name") == ""
    assert cell(Row("a"), lambda r: r.name.upper()) == "A"


def test_cells_never_start_a_spreadsheet_formula():
    assert cell(Row("=HYPERLINK(1)"), "name") == "'=HYPERLINK(1)"
    assert cell(Row("+44 7700"), "name") == "'+44 7700"
    assert cell(Row("@x"), "name") == "'@x"


def test_csv_response_streams_a_header_and_rows():
    response = csv_response(iter([Row("one"), Row("two")]), [("Name", "name")], "x.csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body))) == [["Name"], ["one"], ["two"]]


def test_rows_go_out_in_batches_and_are_read_lazily():
    """One chunk per 500 rows (not one socket write per row), and rows are read as they go."""
    read = []

    def rows(n):
        for i in range(n):
            read.append(i)
            yield Row(f"r{i}")

    chunks = csv_rows(rows(1201), [("Name", "name")])
    assert next(chunks) == "Name\r\n" and read == []
    first = next(chunks)
    assert first.count("\r\n") == ROWS_PER_CHUNK and len(read) == ROWS_PER_CHUNK
    rest = list(chunks)
    assert [chunk.count("\r\n") for chunk in rest] == [500, 201]
    body = "Name\r\n" + first + "".join(rest)
    assert [line[0] for line in csv.reader(io.StringIO(body))][1:] == [f"r{i}" for i in range(1201)]


@pytest.mark.django_db
def test_export_queryset_attaches_plain_prefetches_as_lists(count_queries):
    """The same cells as the list's own prefetches, without a related manager per object."""
    from heard.participation.models import Session
    from heard.participation.selectors import sessions_visible_to
    from heard.people.models import User
    from tests import factories

    theme = factories.ThemeFactory(title="Transport")
    for _ in range(3):
        session = factories.SessionFactory()
        session.themes.add(theme)
    admin = User.objects.create(email="a@example.test", role="administrator")
    columns = [("Themes", "themes"), ("Group", "group.name"), ("Methods", "methods")]
    plain = sessions_visible_to(admin)
    expected = [[cell(s, g) for _, g in columns] for s in plain]
    fast = export_queryset(plain)
    rows, queries = [], 0

    def read():
        rows.extend([cell(s, g) for _, g in columns] for s in fast.iterator(chunk_size=2))

    queries, _ = count_queries(read)
    assert rows == expected and rows[0][0].startswith("Transport")
    assert all(hasattr(s, "_export_themes") for s in fast.iterator(chunk_size=2))
    assert Session.objects.count() == 3
    # One query for the sessions (read from one cursor in chunks of two) and, per chunk, one for
    # each of the four relations: 1 + 4 * 2.
    assert queries == 9


@pytest.mark.django_db
def test_stream_reads_inside_a_transaction_so_the_cursor_is_not_held():
    """Outside a transaction PostgreSQL's WITH HOLD cursor stores the whole result first.
    (The test itself runs in a transaction, so stream's own shows as one more savepoint.) Not on
    SQLite, where a transaction takes the write lock as it begins (test_concurrent_writes)."""
    from django.db import connection

    from heard.core.exports import stream
    from heard.participation.models import Session
    from tests import factories

    factories.SessionFactory.create_batch(3)
    outside = len(connection.savepoint_ids)
    depths = [len(connection.savepoint_ids) for _ in stream(Session.objects.all(), chunk_size=2)]
    own = 1 if connection.vendor == "postgresql" else 0
    assert depths == [outside + own] * 3
    assert len(connection.savepoint_ids) == outside  # closed after the last row


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(body: bytes) -> list[tuple]:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_formula_text_stays_text_in_an_xlsx():
    """openpyxl writes a str starting with "=" as a formula: the export writes it as text."""
    import openpyxl

    from heard.core.exports import write_xlsx

    texts = ["=1+1", "+cmd", "@SUM(A1)", "-2+3", '=HYPERLINK("http://x")', "#N/A", "\t=1"]
    buffer = io.BytesIO()
    write_xlsx([Row(text) for text in texts], [("Name", "name")], buffer, title="t.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == texts
    assert {c.data_type for c in cells} == {"s"}
    # No formula anywhere in the file itself.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_cells_keep_dates_as_dates_and_numbers_as_numbers(settings):
    import datetime
    import decimal

    from heard.core.exports import write_xlsx

    settings.TIME_ZONE = "Europe/London"
    row = Row("Ada")
    row.day = datetime.date(2026, 12, 4)
    row.at = datetime.datetime(2026, 6, 1, 11, 30, tzinfo=datetime.UTC)
    row.count, row.share, row.ok = 7, decimal.Decimal("2.5"), True
    row.bad = "a\x01b\x0bc"
    row.naive = datetime.datetime(2026, 1, 2, 9, 0)  # noqa: DTZ001 - a time with no zone stays
    columns = [
        ("Name", "name"),
        ("Day", "day"),
        ("At", "at"),
        ("Count", "count"),
        ("Share", "share"),
        ("OK", "ok"),
        ("Nothing", "org.name"),
        ("Bad", "bad"),
        ("Naive", "naive"),
    ]
    buffer = io.BytesIO()
    assert write_xlsx([row], columns, buffer, title="x.xlsx") == 1
    header, values = _read_xlsx(buffer.getvalue())
    assert header == ("Name", "Day", "At", "Count", "Share", "OK", "Nothing", "Bad", "Naive")
    assert values == (
        "Ada",
        datetime.datetime(2026, 12, 4),  # noqa: DTZ001 - Excel has no time zones; a date reads back as a datetime
        datetime.datetime(2026, 6, 1, 12, 30),  # noqa: DTZ001 - local time (British Summer Time)
        7,
        2.5,
        True,
        None,
        "abc",  # characters XML cannot hold at all are dropped, not a server error
        row.naive,
    )


def test_xlsx_response_is_a_download_named_like_the_csv():
    from heard.core.exports import XLSX_CONTENT_TYPE, export_response, xlsx_response

    response = xlsx_response(iter([Row("one"), Row("=two")]), [("Name", "name")], "x-1.csv")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="x-1.xlsx"'
    assert _read_xlsx(b"".join(response.streaming_content)) == [("Name",), ("one",), ("=two",)]
    csv_download = export_response("csv", [Row("one")], [("Name", "name")], "x.csv")
    assert csv_download["Content-Type"].startswith("text/csv")


def test_an_xlsx_of_no_rows_is_its_header():
    from heard.core.exports import xlsx_response

    response = xlsx_response([], [("A", "a"), ("B", "b")], "[odd]:name?.csv")
    assert _read_xlsx(b"".join(response.streaming_content)) == [("A", "B")]


def test_an_xlsx_holds_every_row_of_a_generator():
    """Rows from a generator (as a streamed queryset gives them) are all written, in order."""
    from heard.core.exports import write_xlsx

    seen = []

    def rows(n):
        for i in range(n):
            seen.append(i)
            yield Row(f"r{i}")

    buffer = io.BytesIO()
    assert write_xlsx(rows(3001), [("Name", "name")], buffer, title="x") == 3001
    table = _read_xlsx(buffer.getvalue())
    assert len(table) == 3002 and table[-1] == ("r3000",)


def test_rows_beyond_one_sheets_limit_go_on_to_a_next_sheet(monkeypatch):
    """Excel opens at most 1,048,576 rows a sheet: a longer list goes on, under its header."""
    import openpyxl

    from heard.core import exports

    monkeypatch.setattr(exports, "SHEET_ROWS", 3)  # a header and two rows a sheet
    buffer = io.BytesIO()
    rows = [Row(f"r{i}") for i in range(5)]
    assert exports.write_xlsx(rows, [("Name", "name")], buffer, title="sessions.xlsx") == 5
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.sheetnames == ["sessions", "sessions (2)", "sessions (3)"]
    values = [[row[0] for row in sheet.iter_rows(values_only=True)] for sheet in workbook]
    assert values == [["Name", "r0", "r1"], ["Name", "r2", "r3"], ["Name", "r4"]]
