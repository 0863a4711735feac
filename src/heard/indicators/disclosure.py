"""The home counts as they may leave Heard (home page, API).

Active young people and those of them active through Buddy Groups are counts of children, and
the second is part of the first, so the rest (active only elsewhere) can be worked out: the two
are suppressed as one split, [through Buddy Groups, elsewhere], with its total
(:func:`heard.core.suppression.suppress_parts`). Sessions this quarter, overdue visits and
monitoring forms to complete count staff work, not people: they stay numbers (ADR 0004).
"""

from __future__ import annotations

from typing import Any

from heard.core.suppression import suppress_parts


def home_counts_shown(counts: dict[str, int]) -> dict[str, Any]:
    """``participation.selectors.home_counts`` made safe to show."""
    total = counts["active_young_people"]
    via_buddy_groups = counts["active_via_buddy_groups"]
    active = suppress_parts([via_buddy_groups, total - via_buddy_groups])
    return {
        **counts,
        "active_young_people": active.total,
        "active_via_buddy_groups": active.part(0),
    }
