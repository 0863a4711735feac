import csv
import io

from heard.core.exports import ROWS_PER_CHUNK, cell, csv_response, csv_rows


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
