"""Disclosure control edges: empty tables, "too few to show" as a reader reads it, the record key
in raw SQL, what a protected figure tells a reader, and the fixed reporting periods at the start
of a partnership year."""

import datetime
import re

import pytest

from heard.core import disclosure
from heard.core.roles import Role
from heard.core.suppression import (
    SMALL,
    TOO_FEW,
    SuppressedTable,
    pinned_entries,
    suppress,
    suppress_parts,
)
from tests import factories


@pytest.mark.parametrize("counts", [[], [[]], [[], []]])
def test_an_empty_table_is_shown_as_it_is(counts):
    table = suppress(counts)
    assert table.hidden == {} and table.cells == [[] for _ in counts]


def test_a_table_too_few_to_show_tells_a_reader_nothing():
    """Every entry "too few to show": each could be anything, so none is pinned."""
    shown = suppress([[1, 1, 1, 1]])
    assert set(shown.hidden.values()) == {TOO_FEW}
    assert pinned_entries(shown) == []
    # Whatever their marker, hidden totals of shown cells are worked back.
    table = SuppressedTable(counts=[[3, 0]], hidden={(0, 2): TOO_FEW, (1, 2): TOO_FEW})
    assert pinned_entries(table) == [(0, 2), (1, 2)]


def test_a_sum_over_a_split_too_few_to_show_is_too_few_to_show():
    parts = suppress_parts([1, 1, 1, 1])
    assert parts.parts == [TOO_FEW] * 4 and parts.total == TOO_FEW
    assert parts.sum_of([0]) == TOO_FEW and parts.sum_of([0, 1]) == TOO_FEW
    assert parts.share_of([0], [0, 1]) == "withheld"


def _evaluate(sql: str, value: int) -> int:
    """The raw SQL's value for one id, with MOD as PostgreSQL computes it on positive numbers."""
    expression = sql.replace("pk_column", str(value))
    assert re.fullmatch(r"[\dMOD\s()+*,]+", expression), expression
    return int(eval(expression, {"MOD": lambda a, b: a % b}))  # noqa: S307 - checked above


@pytest.mark.parametrize("pk", [1, 2, 77, 10**6, 2**31 + 5])
def test_the_record_key_in_raw_sql_is_the_record_key(pk):
    sql = disclosure.record_key_sql_text("young_person", "pk_column")
    assert "%" not in sql  # the driver would read it as a placeholder
    assert _evaluate(sql, pk) == disclosure.record_key("young_person", pk)


def test_what_a_protected_figure_tells_a_reader():
    assert disclosure.possible_counts(SMALL) == range(1, 5)
    assert disclosure.possible_counts(0) == range(0, 1)
    assert disclosure.possible_counts(5) == range(1, 10)
    assert disclosure.possible_counts(20) == range(16, 25)
    with pytest.raises(ValueError, match="not a protected count: 'withheld'"):
        disclosure.possible_counts("withheld")


@pytest.mark.parametrize(
    ("today", "period"),
    [
        # No quarter of this year has ended: the whole of the last year.
        (datetime.date(2026, 5, 2), (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))),
        (datetime.date(2026, 4, 1), (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))),
        # Then from 1 April to the end of the last complete quarter.
        (datetime.date(2026, 7, 1), (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))),
        (datetime.date(2027, 3, 31), (datetime.date(2026, 4, 1), datetime.date(2026, 12, 31))),
    ],
)
def test_the_default_period_is_never_an_incomplete_quarter(today, period):
    assert disclosure.default_period(today) == period
    assert disclosure.is_reporting_period(*period, today=today)
    # A period that stops part of the way through a quarter is never one.
    assert not disclosure.is_reporting_period(
        period[0], period[1] - datetime.timedelta(1), today=today
    )


@pytest.mark.django_db
def test_a_period_is_refused_only_to_a_protected_reader_and_only_when_not_fixed(
    make_user, organisation
):
    today = datetime.date(2026, 10, 15)
    quarter = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    odd = (datetime.date(2026, 4, 3), datetime.date(2026, 6, 30))
    officer = make_user(Role.PARTICIPATION_OFFICER)
    board = make_user(Role.BOARD_MEMBER)
    worker = make_user(Role.PARTNER_WORKER, organisation=organisation)
    assert disclosure.period_error(officer, *odd, today=today) is None
    assert disclosure.period_error(officer, None, None, today=today) is None
    assert disclosure.period_error(board, *quarter, today=today) is None
    assert disclosure.period_error(board, *odd, today=today) == disclosure.PERIOD_REFUSED
    assert disclosure.period_error(board, None, quarter[1], today=today) == (
        disclosure.PERIOD_REFUSED
    )
    assert disclosure.period_error(board, quarter[0], None, today=today) == (
        disclosure.PERIOD_REFUSED
    )
    # A partner worker reads their own organisation's figures exactly, any period.
    own = organisation.pk
    assert disclosure.period_error(worker, *odd, today=today, organisation_id=own) is None
    other = factories.OrganisationFactory().pk
    assert disclosure.period_error(worker, *odd, today=today, organisation_id=other) == (
        disclosure.PERIOD_REFUSED
    )
