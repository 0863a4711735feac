"""Member counts as each reader reads them: exact, or protected (ADR 0008)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.utils import timezone

from heard.core.disclosure import Cell, key_sum, last_complete_quarter_end, protect_cell
from heard.core.suppression import Display
from heard.groups.models import Group, Membership
from heard.groups.policies import MEMBERSHIP_POLICY


def reported_member_cells(group_ids: Any, *, on: datetime.date) -> dict[int, Cell]:
    """Each group's members on day ``on`` (joined by then, not left by then), with the sum of
    their young people's record keys: the cells of protected member counts (ADR 0008)."""
    rows = (
        Membership.objects.on(on)
        .filter(group_id__in=group_ids)
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"), keys=key_sum("young_person", "young_person_id"))
    )
    return {row["group_id"]: Cell(row["n"], row["keys"] or 0) for row in rows}


class ProtectedMemberCounts:
    """A group's member count as a protected reader reads it (ADR 0008): its members at the end
    of the last complete quarter (a fixed reporting date, so the count does not move day by
    day), perturbed by the cell key of those young people. ``prefetch`` reads a page's groups in
    one query; the first group not prefetched is read on its own (a group's page), and the next
    miss reads every group's at once (a CSV of every group, the API's pages: two queries, not one
    a group)."""

    def __init__(self, today: datetime.date) -> None:
        self.on = last_complete_quarter_end(today)
        self.cells: dict[int, Cell] = {}
        self.everything = False
        self.misses = 0

    def _read_all(self) -> None:
        found = reported_member_cells(Group.objects.values("pk"), on=self.on)
        self.cells = dict.fromkeys(Group.objects.values_list("pk", flat=True), Cell(0))
        self.cells.update(found)
        self.everything = True

    def prefetch(self, groups: Any) -> None:
        ids = [group.pk for group in groups if group.pk not in self.cells]
        if ids:
            found = reported_member_cells(ids, on=self.on)
            for pk in ids:
                self.cells[pk] = found.get(pk, Cell(0))

    def __call__(self, group: Any) -> Display:
        if group.pk not in self.cells:
            self.misses += 1
            if self.misses > 1 and not self.everything:
                self._read_all()
            if group.pk not in self.cells:
                self.prefetch([group])
        return protect_cell(self.cells[group.pk])


def member_count_display(user: Any) -> Callable[[Any], Display]:
    """How a group's member count reads for the user: exact (current members) for roles that can
    open the members (a partner worker lists only their own groups); protected otherwise (board
    members: an aggregate leaving records they cannot see), ``ProtectedMemberCounts``."""
    if MEMBERSHIP_POLICY.allows(user, "view"):
        return lambda group: group.member_count
    return ProtectedMemberCounts(timezone.localdate())
