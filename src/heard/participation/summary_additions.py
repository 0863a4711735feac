"""New sessions added to the participation summaries without regrouping their young people's
whole year (ADR 0005, addendum of 2026-12-07).

An import only adds sessions. Each summary row its attendances touch is then the row kept so far
merged with what grouping the new attendances gives (the same ``grouped`` queries the refresh
writes through): counts add up, first dates take the earlier. ``summaries.refresh`` regroups
every attendance of the young people's partnership years instead: at national scale an import
of 10,000 sessions (3,000 young people, two years) read about 650,000 attendances eight times
for that, 13-17 s of its 23-28 s; this reads the 60,000 new ones twice.

Sums and minimums merge exactly, so the rows are what regrouping gives; ``heard summaries
--check`` compares them with the log, and the tests do after every import.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet

from heard.participation import quarters, summaries
from heard.participation.models import Attendance, QuarterlyParticipation, YearlyParticipation

#: Sessions (and young people) per statement, as ``summaries.CHUNK``.
CHUNK = summaries.CHUNK

Merge = Callable[[Any, Any], Any]


def _total(kept: int, added: int) -> int:
    return kept + added


def _earlier(kept: datetime.date | None, added: datetime.date | None) -> datetime.date | None:
    if kept is None or added is None:
        return kept or added
    return min(kept, added)


def _added(kept: Any, added: Any) -> Any:
    """The value the new attendances give (a group's kind, which the two agree on)."""
    return added


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    return (items[start : start + CHUNK] for start in range(0, len(items), CHUNK))


class Summary:
    """One summary table: its model, the columns that key a row, and how each other column of
    a kept row merges with the new attendances' (``merges``, in column order)."""

    def __init__(
        self,
        model: type[Model],
        columns: Sequence[tuple[str, str]],
        grouped: Callable[[QuerySet[Attendance]], QuerySet[Any, Any]],
        period: str,
        merges: Sequence[Merge],
    ) -> None:
        self.model, self.grouped, self.period, self.merges = model, grouped, period, merges
        self.columns = [column for column, _ in columns]
        self.aliases = [alias for _, alias in columns]
        self.keys = len(columns) - len(merges)

    def added_rows(self, session_ids: Sequence[int]) -> dict[tuple[Any, ...], list[Any]]:
        """What grouping the attendances of these sessions gives, by key."""
        rows: dict[tuple[Any, ...], list[Any]] = {}
        for chunk in _chunks(session_ids):
            attendances = Attendance.objects.filter(session_id__in=chunk)
            for row in self.grouped(attendances).values_list(*self.aliases):
                key, values = tuple(row[: self.keys]), list(row[self.keys :])
                rows[key] = self._merged(rows[key], values) if key in rows else values
        return rows

    def _merged(self, kept: Sequence[Any], added: Sequence[Any]) -> list[Any]:
        return [merge(old, new) for merge, old, new in zip(self.merges, kept, added, strict=True)]

    def merge(self, added: dict[tuple[Any, ...], list[Any]]) -> None:
        """Write the rows kept so far merged with ``added`` (from :meth:`added_rows`). Their
        young people must be locked (``summaries.lock_young_people``)."""
        merged = dict(added)
        replaced: list[int] = []
        periods = {key[0] for key in added}
        for chunk in _chunks(sorted({key[1] for key in added})):
            kept = self.model._default_manager.filter(
                **{f"{self.period}__in": periods, "young_person_id__in": chunk}
            ).values_list("pk", *self.columns)
            for pk, *row in kept:
                key = tuple(row[: self.keys])
                if key in added:
                    replaced.append(pk)
                    merged[key] = self._merged(row[self.keys :], added[key])
        for chunk in _chunks(replaced):
            self.model._default_manager.filter(pk__in=chunk).delete()
        self.model._default_manager.bulk_create(
            [
                self.model(**dict(zip(self.columns, [*key, *values], strict=True)))
                for key, values in merged.items()
            ],
            batch_size=500,
        )


YEARLY = Summary(
    YearlyParticipation,
    summaries.COLUMNS,
    summaries.grouped,
    "year",
    (_total, _total, _earlier, _earlier),
)
QUARTERLY = Summary(
    QuarterlyParticipation,
    quarters.COLUMNS,
    quarters.grouped,
    "quarter",
    (_added, _total),
)


@transaction.atomic
def add(session_ids: Sequence[int], *, groups: Iterable[int | None]) -> None:
    """Add these new sessions (of ``groups``) to the summaries: call it in the transaction that
    created them and their attendances, instead of ``summaries.refresh``. Locks as the refresh
    does: the groups before their kinds are read, the young people before their rows are, each
    in id order, so a session logged at once for the same young people, or a change of a
    group's kind, is merged wholly before or after."""
    summaries.lock_groups(groups)
    yearly, quarterly = YEARLY.added_rows(session_ids), QUARTERLY.added_rows(session_ids)
    summaries.lock_young_people(sorted({key[1] for key in yearly}))
    YEARLY.merge(yearly)
    QUARTERLY.merge(quarterly)
    for year in sorted({key[0] for key in yearly}):
        people = sorted({key[1] for key in yearly if key[0] == year})
        for chunk in _chunks(people):
            summaries.refresh_participants(year, list(chunk))
