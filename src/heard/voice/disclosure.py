"""The loop figures as they may leave Heard (page, API), under ADR 0008.

Counts of views, of the responses to them and of ratings are counts of children and of what they
said (responses are written by staff, but "1 of the 6 views of this group was turned down" tells
about those children). A reader who may open every view behind the figures sees them exact: the
programme roles, theme leads and safeguarding leads (who read every view), and a partner worker,
whose figures cover their own organisation's views only. A participation lead needs a group's
real 60% responded and 40% fed back.

Everyone else (board members) sees them protected (``heard.core.disclosure``): fixed reporting
periods only, and each count its own cell: 0, "fewer than 5", or a multiple of 5 chosen by the
cell key of the views (responses, ratings) it counts, so the same views always show the same
figure, for an organisation and for each of its groups, in any request. Shares are worked out
from the protected counts shown beside them; the median days from view to feedback is shown
when the protected count of views fed back is 10 or more (a rule on what is shown, so it tells
nothing more).
"""

from __future__ import annotations

from typing import Any

from heard.core import disclosure
from heard.core.permissions import is_partner_worker
from heard.core.suppression import WITHHELD, Display
from heard.voice.models import Rating

#: The median is shown to a protected reader when the views fed back show as at least this.
MEDIAN_SHOWN_FROM = 10


def _share(top: Display, whole: Display) -> float | str | None:
    if whole == 0:
        return None
    if isinstance(top, int) and isinstance(whole, int):
        return min(top / whole, 1.0)
    if top == 0:
        return 0.0
    return WITHHELD


def _exact(figures: dict[str, Any]) -> dict[str, Any]:
    recorded = figures["views_recorded"]
    responded = figures["views_responded"]
    fed_back = figures["views_fed_back"]
    shown = {
        "views_recorded": recorded,
        "views_not_responded": recorded - responded,
        "views_responded_not_fed_back": responded - fed_back,
        "views_responded": responded,
        "views_fed_back": fed_back,
        "share_responded": figures["share_responded"],
        "share_fed_back": figures["share_fed_back"],
        "median_days_view_to_feedback": figures["median_days_view_to_feedback"],
    }
    if "responses" not in figures:  # the views' figures only (``views_only``)
        return shown
    return {
        **shown,
        "responses": figures["responses"],
        "not_possible_responses": figures["not_possible_responses"],
        "not_possible_with_reason": figures["not_possible_with_reason"],
        "not_possible_with_reason_share": figures["not_possible_with_reason_share"],
        "ratings": {**figures["ratings"], "total": sum(figures["ratings"].values())},
    }


def _protected(figures: dict[str, Any]) -> dict[str, Any]:
    cells = figures["cells"]
    protect = disclosure.protect_cell
    recorded, responded = cells["views_recorded"], cells["views_responded"]
    fed_back = cells["views_fed_back"]
    shown_recorded, shown_responded = protect(recorded), protect(responded)
    shown_fed_back = protect(fed_back)
    median: float | str | None = figures["median_days_view_to_feedback"]
    if shown_fed_back == 0:
        median = None
    elif not (isinstance(shown_fed_back, int) and shown_fed_back >= MEDIAN_SHOWN_FROM):
        median = WITHHELD
    shown = {
        "views_recorded": shown_recorded,
        "views_not_responded": protect(recorded - responded),
        "views_responded_not_fed_back": protect(responded - fed_back),
        "views_responded": shown_responded,
        "views_fed_back": shown_fed_back,
        "share_responded": _share(shown_responded, shown_recorded),
        "share_fed_back": _share(shown_fed_back, shown_recorded),
        "median_days_view_to_feedback": median,
    }
    if "responses" not in figures:  # the views' figures only (``views_only``)
        return shown
    not_possible = cells["not_possible_responses"]
    with_reason = cells["not_possible_with_reason"]
    shown_not_possible, shown_with_reason = protect(not_possible), protect(with_reason)
    without_reason = not_possible - with_reason
    reason_share: float | str | None
    if not_possible.count == 0:
        reason_share = None
    elif without_reason.count == 0:
        reason_share = 1.0  # nobody without a reason: a protected 0, exact
    else:
        share = _share(shown_with_reason, shown_not_possible)
        # Someone gave no reason (the protected count of them is not 0): below 100%.
        reason_share = min(share, 0.99) if isinstance(share, float) else share
    ratings = {value: cells[f"rating_{value}"] for value in Rating.Value.values}
    all_ratings = disclosure.Cell(0)
    for rating in ratings.values():
        all_ratings += rating
    return {
        **shown,
        "responses": protect(cells["responses"]),
        "not_possible_responses": shown_not_possible,
        "not_possible_with_reason": shown_with_reason,
        "not_possible_with_reason_share": reason_share,
        "ratings": {
            **{value: protect(cell) for value, cell in ratings.items()},
            "total": protect(all_ratings),
        },
    }


def loop_figures_shown(figures: dict[str, Any], *, exact: bool) -> dict[str, Any]:
    """``voice.selectors.loop_figures`` (with ``cells=True`` when protected) as its reader may
    see them: counts are numbers, "fewer than 5" or (protected) multiples of 5; shares fractions
    from 0 to 1, None (nothing to divide by) or "withheld"; the median a number, None (nothing
    fed back) or "withheld"."""
    return {**(_exact(figures) if exact else _protected(figures)), "exact": exact}


def loop_figures_exact_for(user: Any) -> bool:
    """Whether this reader's loop figures are exact: they may open every view behind them (a
    partner worker's figures cover their own organisation's views only)."""
    organisation_id = getattr(user, "organisation_id", None) if is_partner_worker(user) else None
    return disclosure.is_exact(user, organisation_id=organisation_id)


def count_text(value: Display) -> str:
    """A shown count for a page: a number with thousands separators, or its marker."""
    return value if isinstance(value, str) else f"{value:,}"


def share_text(value: float | str | None) -> str:
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    return f"{round(value * 100)}%"
