import csv
import io

from heard.core.exports import cell, csv_response


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
