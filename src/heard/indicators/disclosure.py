"""The home counts as they may leave Heard (home page, API), under ADR 0008.

Active young people and those of them active through Buddy Groups are counts of children. A
reader who may open every record behind them (programme roles, theme leads, safeguarding leads;
a partner worker, whose counts cover their own organisation) sees them exact, since 1 April.
Everyone else (board members) sees them protected, for the fixed period the reach report gives
them by default (1 April to the end of the last complete quarter), taken from the same young
people as reach's "took part actively" total (``privacy.selectors.active_cells``), so the two
outputs show the same figure and never disagree. Sessions this quarter, overdue visits and
monitoring forms to complete count staff work, not people: they stay numbers (ADR 0004).
"""

from __future__ import annotations

import datetime
from typing import Any

from heard.core import disclosure, years
from heard.core.permissions import is_partner_worker
from heard.privacy import selectors as privacy_selectors


def home_counts_shown(counts: dict[str, int], *, user: Any, today: datetime.date) -> dict[str, Any]:
    """``participation.selectors.home_counts`` as this reader may see them, with the period the
    counts of young people cover (``active_from``, ``active_to``)."""
    organisation_id = getattr(user, "organisation_id", None) if is_partner_worker(user) else None
    if disclosure.is_exact(user, organisation_id=organisation_id):
        return {
            **counts,
            "active_from": years.year_start(today),
            "active_to": today,
            "protected": False,
        }
    start, end = disclosure.default_period(today)
    cells = privacy_selectors.active_cells(start=start, end=end)
    return {
        **counts,
        "active_young_people": disclosure.protect_cell(cells["active"]),
        "active_via_buddy_groups": disclosure.protect_cell(cells["via_buddy_groups"]),
        "active_from": start,
        "active_to": end,
        "protected": True,
    }
