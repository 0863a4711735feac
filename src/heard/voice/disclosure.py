"""The loop figures as they may leave Heard (page, API): no count from 1 to 4 shown or derivable.

Three splits, each suppressed as one table of disjoint parts with its total
(:func:`heard.core.suppression.suppress_parts`):

- views: not yet responded to, responded to but not yet fed back, fed back (the nested counts
  "responded" and "fed back" are sums of these parts, shown only when the shown parts give
  them away);
- responses: other outcomes, "not possible" with a reason, "not possible" without one. Responses
  are written by staff, but each answers views of children, and "1 of the 6 views of this group
  was turned down" tells about those children. So they are suppressed like the views. Whether a
  "not possible" response gives a reason is staff work: the compliance share is shown whenever
  the shown counts give it away, and 100% always does (nobody without a reason is a shown 0);
- ratings by value: each is one young person's rating.

Shares are worked out from the shown counts alone ("withheld" otherwise: 6 views with 83%
responded gives away 1 not responded). The median days from view to feedback summarises the fed
back views (``fed_back_on`` is set exactly when a view moves to fed back, and views never move
back), so it is shown only when 5 or more were fed back.
"""

from __future__ import annotations

from typing import Any

from heard.core.suppression import THRESHOLD, TOO_FEW, WITHHELD, Display, suppress_parts
from heard.voice.models import Rating

# Parts of the views split.
OPEN, RESPONDED_NOT_FED_BACK, FED_BACK = 0, 1, 2
# Parts of the responses split.
OTHER_OUTCOME, NOT_POSSIBLE_WITH_REASON, NOT_POSSIBLE_WITHOUT_REASON = 0, 1, 2


def loop_figures_shown(figures: dict[str, Any]) -> dict[str, Any]:
    """``voice.selectors.loop_figures`` made safe to show: counts are numbers or markers ("fewer
    than 5", "withheld", "too few to show"), shares fractions from 0 to 1, None (nothing to
    divide by) or "withheld", the median a number, None (nothing fed back) or "withheld"."""
    recorded = figures["views_recorded"]
    responded = figures["views_responded"]
    fed_back = figures["views_fed_back"]
    views = suppress_parts([recorded - responded, responded - fed_back, fed_back])

    not_possible = figures["not_possible_responses"]
    with_reason = figures["not_possible_with_reason"]
    responses = suppress_parts(
        [figures["responses"] - not_possible, with_reason, not_possible - with_reason]
    )

    values = list(Rating.Value.values)
    ratings = suppress_parts([figures["ratings"][value] for value in values])

    median: float | str | None = figures["median_days_view_to_feedback"]
    fed_back_shown = views.part(FED_BACK)
    if fed_back < THRESHOLD or fed_back_shown == TOO_FEW:
        median = None if fed_back_shown == 0 else WITHHELD

    return {
        "views_recorded": views.total,
        "views_not_responded": views.part(OPEN),
        "views_responded_not_fed_back": views.part(RESPONDED_NOT_FED_BACK),
        "views_responded": views.sum_of([RESPONDED_NOT_FED_BACK, FED_BACK]),
        "views_fed_back": fed_back_shown,
        "share_responded": views.share_of(
            [RESPONDED_NOT_FED_BACK, FED_BACK], [OPEN, RESPONDED_NOT_FED_BACK, FED_BACK]
        ),
        "share_fed_back": views.share_of([FED_BACK], [OPEN, RESPONDED_NOT_FED_BACK, FED_BACK]),
        "median_days_view_to_feedback": median,
        "responses": responses.total,
        "not_possible_responses": responses.sum_of(
            [NOT_POSSIBLE_WITH_REASON, NOT_POSSIBLE_WITHOUT_REASON]
        ),
        "not_possible_with_reason": responses.part(NOT_POSSIBLE_WITH_REASON),
        "not_possible_with_reason_share": responses.share_of(
            [NOT_POSSIBLE_WITH_REASON], [NOT_POSSIBLE_WITH_REASON, NOT_POSSIBLE_WITHOUT_REASON]
        ),
        "ratings": {
            **{value: ratings.part(index) for index, value in enumerate(values)},
            "total": ratings.total,
        },
    }


def count_text(value: Display) -> str:
    """A shown count for a page: a number with thousands separators, or its marker."""
    return value if isinstance(value, str) else f"{value:,}"


def share_text(value: float | str | None) -> str:
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    return f"{round(value * 100)}%"
