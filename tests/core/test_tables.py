"""The one definition of a list's columns: its table on the page, its CSV, and the pagination."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context

from heard.core import tables
from heard.core.exports import csv_rows
from heard.core.lists import page_items
from heard.people.models import User


def _row(**values):
    return SimpleNamespace(**values)


class TestDisplay:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (None, "-"),
            ("", "-"),
            (True, "Yes"),
            (False, "No"),
            (datetime.date(2026, 12, 4), "4 December 2026"),
            (datetime.datetime(2026, 6, 4, 9, 5, tzinfo=datetime.UTC), "4 June 2026, 10:05"),
            (["a", "b"], "a, b"),
            ([], "-"),
            (7, "7"),
        ],
    )
    def test_a_value_reads_as_every_page_shows_it(self, value, text):
        assert tables.display(value) == text


class TestRows:
    def test_each_cell_is_labelled_and_escaped(self):
        columns = [tables.Column("Name", "name"), tables.Column("Count", "count", numeric=True)]
        html = tables.rows_html(Context(), [_row(name="<b>x</b>", count=3)], columns)
        assert 'data-label="Name">&lt;b&gt;x&lt;/b&gt;</td>' in html
        assert 'govuk-table__cell--numeric" data-label="Count">3</td>' in html
        assert html.count("<tr") == 1

    def test_a_row_header_is_a_th_for_its_row(self):
        columns = [tables.Column("Area", "area", row_header=True), tables.Column("N", "n")]
        html = tables.rows_html(Context(), [_row(area="North", n=2)], columns)
        assert '<th scope="row" class="govuk-table__header" data-label="Area">North</th>' in html
        assert '<td class="govuk-table__cell" data-label="N">2</td>' in html

    def test_a_cell_fragment_sees_the_row_and_the_page(self):
        fragment = "{% if can_edit %}<a href='/{{ row.pk }}'>{{ row.name }}</a>{% endif %}"
        column = tables.Column("Name", "name", cell=fragment)
        row = _row(pk=4, name="<i>Sam</i>")
        assert "<a href='/4'>&lt;i&gt;Sam&lt;/i&gt;</a>" in tables.rows_html(
            Context({"can_edit": True}), [row], [column]
        )
        assert "<a" not in tables.rows_html(Context({"can_edit": False}), [row], [column])

    def test_a_path_reads_through_relations_and_methods(self):
        row = _row(organisation=_row(name="Ashfield"), get_role_display=lambda: "Officer")
        assert tables.read(row, "organisation.name") == "Ashfield"
        assert tables.read(row, "get_role_display") == "Officer"
        assert tables.read(_row(organisation=None), "organisation.name") is None


class TestColumns:
    def test_table_and_csv_take_their_own_columns(self):
        columns = [
            tables.Column("Shown", "a"),
            tables.Column("CSV only", "b", in_table=False),
            tables.Column("Page only", cell="x", in_csv=False),
        ]
        assert [c.label for c in tables.table_columns(columns)] == ["Shown", "Page only"]
        assert [c.label for c in tables.csv_columns(columns)] == ["Shown", "CSV only"]

    def test_the_csv_writes_the_same_columns_and_refuses_formulas(self):
        columns = tables.csv_columns([tables.Column("Name", "name"), tables.Column("N", "n")])
        text = "".join(csv_rows([_row(name="=SUM(A1)", n=2)], columns))
        assert text.splitlines() == ["Name,N", "'=SUM(A1),2"]

    def test_model_columns_name_fields_by_their_labels(self):
        columns = tables.model_columns(User, "email", "role", "organisation", "is_active")
        assert [(c.label, c.value) for c in columns][:3] == [
            ("Email", "email"),
            ("Role", "get_role_display"),
            ("Organisation", "organisation.name"),
        ]
        assert columns[3].label == "Active"
        assert columns[3].value(_row(is_active=False)) == "No"

    def test_csv_only_leaves_a_field_out_of_the_table(self):
        columns = tables.model_columns(User, "email", "job_title", csv_only=("job_title",))
        assert [c.label for c in tables.table_columns(columns)] == ["Email"]


class TestPageItems:
    @pytest.mark.parametrize(
        ("pages", "current", "items"),
        [
            (1, 1, []),
            (2, 1, [1, 2]),
            (5, 3, [1, 2, 3, 4, 5]),
            (10, 1, [1, 2, None, 10]),
            (10, 5, [1, None, 4, 5, 6, None, 10]),
            (10, 10, [1, None, 9, 10]),
        ],
    )
    def test_first_last_and_neighbours_with_gaps(self, pages, current, items):
        page = Paginator(list(range(pages)), 1).page(current)
        assert page_items(page) == items

    def test_no_page_no_items(self):
        assert page_items(None) == []
