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

Single counts with no totals around them use :func:`suppress_count`; a total split into disjoint
parts (where one part is the total less the others) uses :func:`suppress_parts`, and nested counts
and shares are read from the shown parts only.

Which counts: counts of children and of what they said (young people, members, views, responses
to views, ratings) are suppressed; counts of staff work (sessions, visits, monitoring forms,
groups) are plain numbers. Roles that can open the underlying records see their exact count.
See docs/decisions/0004-disclosure-control.md.
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
    # Each round hides an entry or stops, and there are fewer entries than rounds.
    for _ in range(2 * (rows + 1) * (cols + 1) + 2):  # pragma: no branch - ends by a break
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


# --- A total split into disjoint parts ------------------------------------------------------------


@dataclass
class SuppressedParts:
    """A count split into disjoint parts (a one-row table), as it may be shown.

    ``hidden`` maps a part's index, or ``len(counts)`` for the total, to its marker. Every figure
    read from it (:meth:`sum_of`, :meth:`share_of`) is worked out from what is shown alone, so it
    cannot tell a reader more than the shown parts and total do.
    """

    counts: list[int]
    hidden: dict[int, str] = field(default_factory=dict)

    @property
    def total_index(self) -> int:
        return len(self.counts)

    @property
    def total_count(self) -> int:
        return sum(self.counts)

    def part(self, index: int) -> Display:
        return self.hidden.get(index, self.counts[index])

    @property
    def parts(self) -> list[Display]:
        return [self.part(j) for j in range(len(self.counts))]

    @property
    def total(self) -> Display:
        return self.hidden.get(self.total_index, self.total_count)

    def sum_of(self, indexes: Sequence[int]) -> Display:
        """The sum of some parts (a nested count, like "responded" = "not yet fed back" + "fed
        back"), shown only when the shown figures already give it away: each of its parts shown,
        or the total and every other part shown. Otherwise the hidden part's own marker when it
        is the only non-zero one, or "withheld" whatever the value, so that the marker says
        nothing the shown parts do not (a "fewer than 5" for a sum of two hidden parts could)."""
        chosen = set(indexes)
        others = [j for j in range(len(self.counts)) if j not in chosen]
        if not any(j in self.hidden for j in chosen):
            return sum(self.counts[j] for j in chosen)
        if self.total_index not in self.hidden and not any(j in self.hidden for j in others):
            return self.total_count - sum(self.counts[j] for j in others)
        if any(self.hidden.get(j) == TOO_FEW for j in chosen):
            return TOO_FEW
        hidden = [j for j in chosen if j in self.hidden]
        if len(hidden) == 1 and all(self.counts[j] == 0 for j in chosen if j not in self.hidden):
            return self.hidden[hidden[0]]
        return WITHHELD

    def _known_non_zero(self, indexes: Sequence[int]) -> bool:
        shown = self.sum_of(indexes)
        if isinstance(shown, int):
            # share_of asks only about a sum it was just given as a marker, not a number.
            return shown > 0  # pragma: no cover - never a number here (see above)
        return any(self.hidden.get(j) in (SMALL, WITHHELD) for j in indexes)

    def share_of(self, numerator: Sequence[int], of: Sequence[int]) -> float | str | None:
        """``numerator`` as a fraction (0 to 1) of ``of`` (which holds it), or None when ``of``
        is empty. Shown only when the shown figures give it away: numerator and complement both
        shown, or one of them a shown 0 beside a hidden count that is at least 1 (then it is 0%
        or 100%, which says nothing about how many). Otherwise "withheld": a share of hidden
        counts gives them away (6 views, 83% responded: 1 not responded)."""
        complement = [j for j in of if j not in set(numerator)]
        top, rest = self.sum_of(numerator), self.sum_of(complement)
        if isinstance(top, int) and isinstance(rest, int):
            return top / (top + rest) if top + rest else None
        if rest == 0 and self._known_non_zero(numerator):
            return 1.0
        if top == 0 and self._known_non_zero(complement):
            return 0.0
        return WITHHELD


def _one_row_table(parts: SuppressedParts) -> SuppressedTable:
    """The parts as the augmented one-row table that :func:`pinned_entries` reads: the column
    totals repeat the parts, and the row total and grand total repeat the total."""
    table = SuppressedTable(counts=[list(parts.counts)])
    for index, marker in parts.hidden.items():
        table.hidden[(0, index)] = marker
        table.hidden[(1, index)] = marker
    return table


def suppress_parts(counts: Sequence[int]) -> SuppressedParts:
    """A total split into disjoint parts, safe to show with its total.

    The one-row table of :func:`suppress`, then one more rule that a one-row table needs: with
    the total shown, the hidden parts add up to the total less the shown ones, so that sum must
    not be 1-4 either (7 active young people, 5 of them through Buddy Groups, 2 others: "fewer
    than 5" twice would still give away a count of 2 nobody else). Each round hides the
    smallest shown non-zero part, or else the total; when nothing is left to hide, the whole
    split is "too few to show".
    """
    table = suppress([counts])
    parts = SuppressedParts(counts=[int(c) for c in counts])
    for index in range(parts.total_index + 1):
        marker = table.hidden.get((0, index)) or table.hidden.get((1, index))
        if marker is not None:
            parts.hidden[index] = marker
    if TOO_FEW in parts.hidden.values():
        parts.hidden = dict.fromkeys(range(parts.total_index + 1), TOO_FEW)
        return parts
    for _ in range(parts.total_index + 2):
        hidden_sum = sum(parts.counts[j] for j in parts.hidden if j != parts.total_index)
        total_shown = parts.total_index not in parts.hidden
        if not (pinned_entries(_one_row_table(parts)) or (total_shown and is_small(hidden_sum))):
            return parts
        candidates = [j for j, c in enumerate(parts.counts) if j not in parts.hidden and c > 0]
        if candidates:
            choice = min(candidates, key=lambda j: (parts.counts[j], j))
            parts.hidden[choice] = SMALL if is_small(parts.counts[choice]) else WITHHELD
        # Defensive: suppress() above leaves nothing pinned, and a small hidden sum always has a
        # shown part to hide (no split of up to 9 parts gets past here in a random search).
        elif total_shown and parts.total_count > 0:  # pragma: no cover - see above
            parts.hidden[parts.total_index] = SMALL if is_small(parts.total_count) else WITHHELD
        else:  # pragma: no cover - see above
            break
    parts.hidden = dict.fromkeys(
        range(parts.total_index + 1), TOO_FEW
    )  # pragma: no cover - see above
    return parts  # pragma: no cover - see above
