"""A reader who sees an output and tries every set of counts that could lie behind it.

The output is a split of some count into disjoint parts (active young people: through Buddy
Groups and elsewhere; views: not responded, responded not fed back, fed back; ...). What is shown
is read as the reader of heard.core.suppression reads it: a number is exact, "fewer than 5" is
1-4, a "withheld" part or total is at least 5, "too few to show" says nothing; a shown nested
count (a sum of parts) is exact and a "withheld" one says nothing; a shown share is exact.
``derivable_small`` tries every assignment of the parts (up to a bound, which only removes
assignments and so can only make the reader stronger) and reports each sum of parts (a part, a
nested count like "responded", the total, or any other union) that takes one value from 1 to 4
in every assignment that fits. A brute force, independent of the module's own bookkeeping.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from heard.core.suppression import SMALL, THRESHOLD, WITHHELD

Shown = tuple[Sequence[int], Any]


def _small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _reads(value: Any, *, withheld_is_at_least_5: bool) -> Callable[[int], bool]:
    if isinstance(value, int) and not isinstance(value, bool):
        return lambda n: n == value
    if value == SMALL:
        return _small
    if value == WITHHELD and withheld_is_at_least_5:
        return lambda n: n >= THRESHOLD
    return lambda n: True


def derivable_small(
    n: int,
    *,
    counts: Sequence[Shown],
    nested: Sequence[Shown] = (),
    shares: Sequence[tuple[Sequence[int], Sequence[int], Any]] = (),
    facts: Sequence[tuple[Sequence[int], Callable[[int], bool]]] = (),
    bound: int = 30,
) -> list[tuple[tuple[int, ...], int]]:
    """``counts``: (parts, shown) for each part or total shown; ``nested``: the same for sums
    of parts worked out from them; ``shares``: (numerator parts, of parts, shown share);
    ``facts``: anything else the output tells (the median is shown only for 5 or more)."""
    checks = [(parts, _reads(v, withheld_is_at_least_5=True)) for parts, v in counts]
    checks += [(parts, _reads(v, withheld_is_at_least_5=False)) for parts, v in nested]
    checks += list(facts)

    def fits(candidate: tuple[int, ...]) -> bool:
        if not all(ok(sum(candidate[j] for j in parts)) for parts, ok in checks):
            return False
        for top, of, value in shares:
            if isinstance(value, float):
                whole = sum(candidate[j] for j in of)
                if not whole or abs(sum(candidate[j] for j in top) / whole - value) > 1e-9:
                    return False
            elif value is None and sum(candidate[j] for j in of):
                return False
        return True

    candidates = [c for c in itertools.product(range(bound + 1), repeat=n) if fits(c)]
    assert candidates, "what is shown must fit the true counts"
    found = []
    for size in range(1, n + 1):
        for subset in itertools.combinations(range(n), size):
            values = {sum(candidate[j] for j in subset) for candidate in candidates}
            if len(values) == 1 and _small(value := values.pop()):
                found.append((subset, value))
    return found


def split_shown(parts: Sequence[Any], total: Any) -> list[Shown]:
    """A split's parts and total as ``counts`` for :func:`derivable_small`."""
    return [*(((j,), value) for j, value in enumerate(parts)), (tuple(range(len(parts))), total)]


def small_counts_in(shown: Any, *, skip: Sequence[str] = ()) -> list[Any]:
    """Every integer from 1 to 4 in a shown structure (dicts, lists; ``skip`` names keys that
    are not counts, like shares)."""
    if isinstance(shown, bool):
        return []
    if isinstance(shown, int):
        return [shown] if _small(shown) else []
    if isinstance(shown, dict):
        return [
            value
            for key, item in shown.items()
            if key not in skip
            for value in small_counts_in(item, skip=skip)
        ]
    if isinstance(shown, list | tuple):
        return [value for item in shown for value in small_counts_in(item, skip=skip)]
    return []


def small_numbers_in_text(text: str) -> list[str]:
    """Whole numbers from 1 to 4 written in a piece of page text or a CSV cell."""
    numbers = re.findall(r"(?<![\d.,])\d[\d,]*(?![\d.,%])", text)
    return [n for n in numbers if _small(int(n.replace(",", "")))]


# --- Across requests (ADR 0008) ------------------------------------------------------------------
#
# A protected reader collects figures from any number of requests (periods, areas, organisations,
# groups, the home page against reach, an organisation against its groups). Each figure counts a
# union of "atoms": disjoint sets of records (the young people in both periods, those only in the
# longer one, ...). The reader knows the policy: 0 is exact, "fewer than 5" is 1-4, any other
# figure is a multiple of 5 within 4 of a true count above 0 (a figure that is not a multiple of 5
# is read as exact: the policy never shows one, so an output that does has not applied it). It
# tries every assignment of the atoms that fits every figure and reports any union of atoms that
# takes a single value from 1 to 4 in all of them: a protected count recovered.


def reads_protected(value: Any, *, protected: bool = True) -> Callable[[int], bool]:
    """What a reader who knows ADR 0008's policy learns from one shown figure (``protected``:
    the output says its figures are protected; else a number is read as exact)."""
    from heard.core.disclosure import BASE

    if isinstance(value, int) and not isinstance(value, bool):
        if value == 0 or value % BASE or not protected:
            return lambda n: n == value
        low = max(1, value - BASE + 1)
        return lambda n: low <= n <= value + BASE - 1
    if value == SMALL:
        return _small
    if value == WITHHELD:
        return lambda n: n >= THRESHOLD
    return lambda n: True


def _upper(value: Any, protected: bool = True) -> int | None:
    from heard.core.disclosure import BASE

    if isinstance(value, int) and not isinstance(value, bool):
        return value if value == 0 or value % BASE or not protected else value + BASE - 1
    if value == SMALL:
        return THRESHOLD - 1
    return None


def cross_request_pins(
    atoms: int,
    observations: Sequence[tuple[Sequence[int], Any]],
    *,
    bound: int = 40,
    unions: Sequence[Sequence[int]] | None = None,
    protected: bool = True,
) -> list[tuple[tuple[int, ...], int]]:
    """``observations``: (the atoms a figure counts, the figure shown); ``protected``: whether
    the outputs say their figures are protected (ADR 0008), else numbers are exact (the reader
    of an output from before the policy, or one that says it is exact). Every assignment of the
    atoms (each 0 to ``bound``, tighter where a figure bounds it) that fits every figure is
    tried; returns each union of atoms (all of them, or ``unions``) that takes one value from 1
    to 4 in every assignment that fits. A backtracking brute force, independent of the policy's
    code apart from the published constants."""
    checks = [
        (tuple(parts), reads_protected(value, protected=protected)) for parts, value in observations
    ]
    limits = [bound] * atoms
    for parts, value in observations:
        top = _upper(value, protected)
        if top is not None:
            for atom in parts:
                limits[atom] = min(limits[atom], top)
    # Each figure is checked once its last atom is assigned; partial sums prune on the way.
    last = {parts: max(parts) for parts, _ in checks if parts}
    uppers = [
        (tuple(parts), top)
        for parts, value in observations
        if (top := _upper(value, protected)) is not None and parts
    ]
    found_values: dict[tuple[int, ...], set[int]] = {}
    subsets = (
        [tuple(u) for u in unions]
        if unions is not None
        else [s for size in range(1, atoms + 1) for s in itertools.combinations(range(atoms), size)]
    )
    assignment = [0] * atoms
    fitting = 0

    def extend(index: int) -> None:
        nonlocal fitting
        if index == atoms:
            fitting += 1
            for subset in subsets:
                found_values.setdefault(subset, set()).add(sum(assignment[j] for j in subset))
            return
        for value in range(limits[index] + 1):
            assignment[index] = value
            if any(
                index in parts and sum(assignment[j] for j in parts if j <= index) > top
                for parts, top in uppers
            ):
                break  # a larger value only adds more
            if all(
                ok(sum(assignment[j] for j in parts))
                for parts, ok in checks
                if parts and last[parts] == index
            ):
                extend(index + 1)

    extend(0)
    assert fitting, "what is shown must fit the true counts"
    return [
        (subset, next(iter(values)))
        for subset, values in found_values.items()
        if len(values) == 1 and _small(next(iter(values)))
    ]
