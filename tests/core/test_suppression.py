"""Small-count suppression: no count from 1 to 4 is shown, and none can be worked out.

The checker plays an attacker who sees the shown table and knows the rules: every "fewer than 5"
is 1-4, every "withheld" count is at least 5, and each row and column adds up to its total. It
tries every assignment of the hidden entries that fits (a small exhaustive solver written here,
independent of the module's own bounds) and fails if any hidden entry has only one possible value.
"""

from __future__ import annotations

import itertools
import random

import pytest

from heard.core.suppression import (
    SMALL,
    TOO_FEW,
    WITHHELD,
    suppress,
    suppress_count,
    suppress_parts,
)
from tests.core.disclosure import derivable_small, small_counts_in, split_shown


def _equations(rows, cols):
    out = [([(i, j) for j in range(cols)], (i, cols)) for i in range(rows + 1)]
    out += [([(i, j) for i in range(rows)], (rows, j)) for j in range(cols + 1)]
    return out


def shown_table(table):
    rows, cols = table.shape
    return {(i, j): table.display(i, j) for i in range(rows + 1) for j in range(cols + 1)}


def possible_values(shown, rows, cols):
    """For each hidden entry, two values it can take given what is shown (one if only one)."""
    visible_totals = [v for v in shown.values() if isinstance(v, int)]
    upper = max(visible_totals, default=0) + 60
    unknown = [e for e, v in shown.items() if isinstance(v, str)]
    first = {SMALL: 1, WITHHELD: 5, TOO_FEW: 0}
    domains = {
        e: range(1, 5) if shown[e] == SMALL else range(first[shown[e]], upper + 1) for e in unknown
    }
    equations = _equations(rows, cols)

    def check(assign):
        """Propagate forced values; None when the assignment cannot be completed."""
        assign = dict(assign)
        changed = True
        while changed:
            changed = False
            for parts, total in equations:
                entries = [*parts, total]
                missing = [e for e in entries if e not in assign]
                if not missing:
                    if sum(assign[p] for p in parts) != assign[total]:
                        return None
                    continue
                if len(missing) == 1:
                    (e,) = missing
                    if e == total:
                        value = sum(assign[p] for p in parts)
                    else:
                        value = assign[total] - sum(assign[p] for p in parts if p != e)
                    if value not in domains[e]:
                        return None
                    assign[e] = value
                    changed = True
                elif total in assign:
                    known = sum(assign[p] for p in parts if p in assign)
                    floor = sum(min(domains[p], default=0) for p in parts if p not in assign)
                    if known + floor > assign[total]:
                        return None
        return assign

    start = check({e: v for e, v in shown.items() if isinstance(v, int)})
    if start is None:
        raise AssertionError("the shown table is inconsistent")

    def solve(assign, order):
        """The first complete assignment that fits, trying entries in ``order``; or None."""
        missing = [e for e in order if e not in assign]
        if not missing:
            return assign
        entry = missing[0]
        for value in domains[entry]:
            nxt = check({**assign, entry: value})
            if nxt is not None:
                solution = solve(nxt, order)
                if solution is not None:
                    return solution
        return None

    base = solve(start, unknown)
    assert base is not None
    found = {}
    for entry in unknown:
        original = domains[entry]
        domains[entry] = [v for v in original if v != base[entry]]
        other = solve(start, [entry, *(e for e in unknown if e != entry)])
        domains[entry] = original
        found[entry] = {base[entry]} | ({other[entry]} if other else set())
    return found


def assert_protected(counts):
    table = suppress(counts)
    rows, cols = table.shape
    shown = shown_table(table)
    for entry, value in shown.items():
        assert not (isinstance(value, int) and 1 <= value <= 4), (entry, value, counts)
        if isinstance(value, str):
            assert value in (SMALL, WITHHELD, TOO_FEW)
            assert value == TOO_FEW or table.value(*entry) > 0
    for entry, values in possible_values(shown, rows, cols).items():
        assert len(values) >= 2, f"{entry} = {values} can be worked out from {shown} ({counts})"
    return table


def test_single_counts():
    assert suppress_count(0) == 0
    assert [suppress_count(n) for n in (1, 2, 3, 4)] == [SMALL] * 4
    assert suppress_count(5) == 5


def test_no_small_counts_means_nothing_hidden():
    table = assert_protected([[10, 20], [30, 0]])
    assert table.hidden == {}
    assert table.cells == [[10, 20], [30, 0]]
    assert table.row_totals == [30, 30]
    assert table.column_totals == [40, 20]
    assert table.grand_total == 60


def test_zero_stays_zero_and_small_becomes_fewer_than_5():
    table = assert_protected([[0, 3, 20, 9], [12, 14, 30, 8]])
    assert table.cells[0][0] == 0
    assert table.cells[0][1] == SMALL


def test_a_lone_small_count_gets_a_partner_in_its_row_and_column():
    table = assert_protected([[2, 10, 20], [15, 25, 30], [40, 45, 50]])
    assert table.is_hidden(0, 0)
    # The row would give it away (32 - 10 - 20): the next-smallest in the row is hidden too.
    assert table.is_hidden(0, 1)
    # And the column (57 - 15 - 40).
    assert table.is_hidden(1, 0)
    assert table.grand_total == 237


def test_without_secondary_suppression_the_checker_recovers_the_count():
    """The checker is not toothless: primary suppression alone gives the count away."""
    shown = {
        (0, 0): SMALL, (0, 1): 10, (0, 2): 12,
        (1, 0): 20, (1, 1): 10, (1, 2): 30,
        (2, 0): 22, (2, 1): 20, (2, 2): 42,
    }  # fmt: skip
    assert possible_values(shown, 2, 2) == {(0, 0): {2}}


def test_a_block_of_ones_is_not_given_away_by_its_bounds():
    # Two hidden ones in each row and column: each row's hidden cells add to 2, so each is 1
    # unless something larger is hidden with them.
    assert_protected([[1, 1, 20], [1, 1, 30], [25, 35, 40]])


def test_a_table_of_four_people_is_not_shown_at_all():
    table = assert_protected([[1, 1], [1, 1]])
    assert table.grand_total == TOO_FEW
    assert table.cells == [[TOO_FEW, TOO_FEW], [TOO_FEW, TOO_FEW]]


def test_a_one_next_to_a_five_is_not_given_away():
    # Hidden 1 and 5 add to 6: a "fewer than 5" of at least 1 and a "withheld" of at least 5
    # would pin both, so more must be hidden.
    assert_protected([[1, 5, 30], [20, 25, 30], [40, 35, 45]])


def test_a_small_total_is_hidden_too():
    table = assert_protected([[1, 2, 0], [20, 30, 40]])
    assert table.row_totals[0] == SMALL


def test_one_column_table():
    assert_protected([[3], [12], [20], [0]])


def test_one_row_table():
    assert_protected([[3, 12, 20, 0]])


def test_crafted_reach_shaped_tables():
    # Rows: characteristic values; columns: took part actively, took part but not actively.
    for counts in (
        [[3, 1], [40, 22], [0, 2], [7, 9], [1, 0]],
        [[4, 4], [4, 4], [30, 30]],
        [[1, 0], [0, 1], [12, 15]],
        [[0, 0], [5, 5], [2, 40]],
    ):
        assert_protected(counts)


@pytest.mark.parametrize("seed", range(300))
def test_random_tables(seed, untraced):
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 4), rng.randint(1, 4)
    values = [0, 1, 2, 3, 4, 5, 6, 8, 11, 15]
    counts = [[rng.choice(values) for _ in range(cols)] for _ in range(rows)]
    assert_protected(counts)


def test_every_small_two_by_two(untraced):
    for a, b, c, d in itertools.product((0, 1, 3, 5, 9), repeat=4):
        assert_protected([[a, b], [c, d]])


# --- A total split into disjoint parts (suppress_parts) -------------------------------------------


def _parts_read(counts, bound=None):
    """What a reader can work out from a split shown by suppress_parts: its parts, its total,
    every nested count (sum of parts) and every share the module works out."""
    shown = suppress_parts(counts)
    indexes = list(range(len(counts)))
    subsets = [s for size in indexes for s in itertools.combinations(indexes, size + 1)]
    return derivable_small(
        len(counts),
        counts=split_shown(shown.parts, shown.total),
        nested=[(s, shown.sum_of(s)) for s in subsets],
        shares=[(s, indexes, shown.share_of(s, indexes)) for s in subsets],
        bound=sum(counts) + 8 if bound is None else bound,
    )


def _no_small_shown(counts):
    shown = suppress_parts(counts)
    assert not small_counts_in([*shown.parts, shown.total]), (counts, shown.parts)
    indexes = list(range(len(counts)))
    for size in range(1, len(counts) + 1):
        for subset in itertools.combinations(indexes, size):
            assert not small_counts_in(shown.sum_of(subset)), (counts, subset)


@pytest.mark.parametrize(
    "counts",
    [
        [6, 1],  # 7 active young people, 6 of them through Buddy Groups
        [5, 1],
        [1, 5, 0],  # 6 views, 5 responded (none fed back yet)
        [1, 0, 5],  # 6 views, 5 responded and fed back
        [3, 0, 9],  # ratings 3 / 0 / 9
        [2, 2, 10],
        [4, 4, 4],
        [0, 0, 1],
        [3, 3],
        [0, 7, 0],
    ],
)
def test_parts_crafted(counts):
    _no_small_shown(counts)
    assert _parts_read(counts) == []


def test_parts_need_more_than_the_table_rule():
    """[2, 2, 10]: suppress alone hides both 2s but shows 10 and the total 14, so their sum (4
    people) can be worked out. suppress_parts hides more."""
    table = suppress([[2, 2, 10]])
    shown_by_table = (tuple(table.cells[0]), table.row_totals[0])
    assert shown_by_table == ((SMALL, SMALL, 10), 14)
    assert derivable_small(3, counts=split_shown(table.cells[0], table.row_totals[0])) == [
        ((0, 1), 4)
    ]
    assert suppress_parts([2, 2, 10]).parts == [SMALL, SMALL, WITHHELD]


def test_nested_counts_and_shares_come_from_shown_parts():
    shown = suppress_parts([1, 0, 5])  # open, responded not fed back, fed back
    assert shown.total == WITHHELD
    assert shown.sum_of([1, 2]) == WITHHELD  # "responded" would give the 1 open view away
    assert shown.share_of([1, 2], [0, 1, 2]) == WITHHELD  # 83% of 6 would too
    everything = suppress_parts([0, 0, 6])
    assert everything.sum_of([1, 2]) == 6
    assert everything.share_of([2], [0, 1, 2]) == 1.0
    assert suppress_parts([0, 0, 0]).share_of([2], [0, 1, 2]) is None


def test_a_share_of_100_percent_is_always_shown():
    """The compliance share (not possible responses with a reason) reads 100% whenever it is,
    however few responses: nobody without a reason is a shown 0."""
    for other, with_reason in itertools.product(range(12), range(1, 12)):
        assert suppress_parts([other, with_reason, 0]).share_of([1], [1, 2]) == 1.0


@pytest.mark.parametrize("first", range(13))
def test_every_small_two_way_split(first, untraced):
    for second in range(13):
        _no_small_shown([first, second])
        assert _parts_read([first, second]) == [], (first, second)


@pytest.mark.parametrize("first", range(8))
def test_every_small_three_way_split(first, untraced):
    for rest in itertools.product(range(8), repeat=2):
        counts = [first, *rest]
        _no_small_shown(counts)
        assert _parts_read(counts) == [], counts
