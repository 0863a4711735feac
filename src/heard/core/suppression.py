"""Statistical disclosure control for every aggregate that leaves Heard (pages, CSV, API).

A table of counts (rows x columns) is shown with its row totals, column totals and grand total.
Primary suppression: a count from 1 to 4 is shown as "fewer than 5" (0 stays 0: nobody is
identified by an empty cell). Secondary suppression: a hidden count must not be recoverable from
the totals, so while a row or column (totals included) holds exactly one hidden entry, its
smallest other non-zero count is hidden too ("withheld"). Then, for a reader who knows that a
"fewer than 5" is 1-4 and a "withheld" count is at least 5, any hidden entry whose value the
shown table still pins down (see :func:`pinned_entries`) gets another count hidden in its row or
column. Repeated until stable. Totals stay shown unless they are small themselves or
nothing else can protect a hidden count.

Single counts with no totals around them use :func:`suppress_count`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: Counts below this (and above 0) are never shown.
THRESHOLD = 5
SMALL = "fewer than 5"
WITHHELD = "withheld"
#: The whole table, when it covers too few people to show any of it safely.
TOO_FEW = "too few to show"
_NO_UPPER = 10**15

Entry = tuple[int, int]
Display = int | str


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppress_count(count: int) -> Display:
    """One count on its own (no totals that could give it away): 1-4 become "fewer than 5"."""
    return SMALL if is_small(count) else count


@dataclass
class SuppressedTable:
    """The table as it may be shown. Entries are addressed in the augmented table: row ``R`` is
    the column totals, column ``C`` the row totals, ``(R, C)`` the grand total."""

    counts: list[list[int]]
    hidden: dict[Entry, str] = field(default_factory=dict)  # entry -> SMALL, WITHHELD, TOO_FEW

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.counts), (len(self.counts[0]) if self.counts else 0)

    def value(self, i: int, j: int) -> int:
        rows, cols = self.shape
        if i < rows and j < cols:
            return self.counts[i][j]
        if i < rows:  # a row total
            return sum(self.counts[i])
        if j < cols:  # a column total
            return sum(row[j] for row in self.counts)
        return sum(sum(row) for row in self.counts)

    def display(self, i: int, j: int) -> Display:
        return self.hidden.get((i, j), self.value(i, j))

    def is_hidden(self, i: int, j: int) -> bool:
        return (i, j) in self.hidden

    @property
    def cells(self) -> list[list[Display]]:
        rows, cols = self.shape
        return [[self.display(i, j) for j in range(cols)] for i in range(rows)]

    @property
    def row_totals(self) -> list[Display]:
        rows, cols = self.shape
        return [self.display(i, cols) for i in range(rows)]

    @property
    def column_totals(self) -> list[Display]:
        rows, cols = self.shape
        return [self.display(rows, j) for j in range(cols)]

    @property
    def grand_total(self) -> Display:
        rows, cols = self.shape
        return self.display(rows, cols)


def lines(rows: int, cols: int) -> list[tuple[list[Entry], Entry]]:
    """Every equation of the augmented table: (the entries that add up, their total)."""
    out: list[tuple[list[Entry], Entry]] = []
    for i in range(rows + 1):
        out.append(([(i, j) for j in range(cols)], (i, cols)))
    for j in range(cols + 1):
        out.append(([(i, j) for i in range(rows)], (rows, j)))
    return out


def _reader_range(marker: str) -> tuple[int, int]:
    """What a reader knows about a hidden entry from its marker alone."""
    if marker == SMALL:
        return 1, THRESHOLD - 1
    if marker == TOO_FEW:
        return 0, _NO_UPPER
    return THRESHOLD, _NO_UPPER


def pinned_entries(table: SuppressedTable) -> list[Entry]:
    """Hidden entries whose value a reader can work out from the shown table.

    Signing each entry (+1 for cells and the grand total, -1 for row and column totals) makes
    every row and column of the augmented table add up to 0, so the hidden entries form a
    circulation on the bipartite graph of rows and columns. Another table that fits what is shown
    differs from the true one by cycles of hidden entries, and a unit change round one cycle that
    keeps each entry inside what its marker tells the reader stays possible. So an entry can take
    another value exactly when a cycle of hidden entries passes through it, changing it by +1 (or
    -1), with room for every entry on the way: a path search in the residual graph. Exact, and
    linear in the table's size per entry.
    """
    rows, cols = table.shape
    arcs: dict[tuple[str, int], list[tuple[tuple[str, int], Entry]]] = {}
    for (i, j), marker in table.hidden.items():
        low, high = _reader_range(marker)
        value = table.value(i, j)
        sign = 1 if (i < rows) == (j < cols) else -1
        if low <= value + sign <= high:  # +1 on the signed entry: from its row to its column
            arcs.setdefault(("r", i), []).append((("c", j), (i, j)))
        if low <= value - sign <= high:  # -1 on the signed entry: from its column to its row
            arcs.setdefault(("c", j), []).append((("r", i), (i, j)))

    def reaches(start: tuple[str, int], goal: tuple[str, int], without: Entry) -> bool:
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            for nxt, entry in arcs.get(node, []):
                if entry == without or nxt in seen:
                    continue
                if nxt == goal:
                    return True
                seen.add(nxt)
                stack.append(nxt)
        return False

    pinned = []
    for i, j in table.hidden:
        row, col = ("r", i), ("c", j)
        up = any(e == (i, j) for _, e in arcs.get(row, [])) and reaches(col, row, (i, j))
        down = any(e == (i, j) for _, e in arcs.get(col, [])) and reaches(row, col, (i, j))
        if not (up or down):
            pinned.append((i, j))
    return pinned


def _protect_line(table: SuppressedTable, parts: list[Entry], total: Entry) -> bool:
    """Hide the smallest shown non-zero count of a line (its total when there is none)."""
    candidates = [e for e in parts if not table.is_hidden(*e) and table.value(*e) > 0]
    if candidates:
        choice = min(candidates, key=lambda e: (table.value(*e), e))
    elif not table.is_hidden(*total) and table.value(*total) > 0:
        choice = total
    else:
        return False
    table.hidden[choice] = SMALL if is_small(table.value(*choice)) else WITHHELD
    return True


def suppress(counts: Sequence[Sequence[int]]) -> SuppressedTable:
    """The table of ``counts`` (rows x columns, no totals) with its totals, safe to show."""
    table = SuppressedTable(counts=[list(map(int, row)) for row in counts])
    rows, cols = table.shape
    if rows == 0 or cols == 0:
        return table
    for i in range(rows + 1):
        for j in range(cols + 1):
            if is_small(table.value(i, j)):
                table.hidden[(i, j)] = SMALL
    equations = lines(rows, cols)
    for _ in range(2 * (rows + 1) * (cols + 1) + 2):
        changed = False
        for parts, total in equations:
            hidden = [e for e in [*parts, total] if table.is_hidden(*e)]
            if len(hidden) == 1 and _protect_line(table, parts, total):
                changed = True
                break  # look again from the first line: fewer cells end up hidden
        if changed:
            continue
        pinned = pinned_entries(table)
        if not pinned:
            break
        entry = pinned[0]
        for parts, total in equations:
            if (entry in parts or entry == total) and _protect_line(table, parts, total):
                changed = True
                break
        if not changed:
            # Nothing left to hide around it (a table of a handful of people): show none of it,
            # zeros included, so not even "at least one" can be read off.
            table.hidden = {(i, j): TOO_FEW for i in range(rows + 1) for j in range(cols + 1)}
            break
    return table
