"""Crafted loop figures data, and the reader's check on what the loop figures show."""

from __future__ import annotations

import datetime
from typing import Any

from heard.voice.models import Rating
from tests import factories
from tests.core.disclosure import derivable_small, small_counts_in, split_shown

RECORDED_ON = datetime.date(2026, 10, 1)


def craft_loop(
    session: Any,
    *,
    open_views: int,
    responded: int,
    fed_back: int,
    not_possible: int = 0,
    ratings: tuple[int, int, int] = (0, 0, 0),
) -> None:
    """Views of a session: ``open_views`` open, ``responded`` responded but not fed back,
    ``fed_back`` fed back (after 10 + i days); one response per answered view, the first
    ``not_possible`` of them "not possible"; ``ratings`` (helpful, not sure, not helpful) on the
    first response."""
    for _ in range(open_views):
        factories.ViewFactory(session=session, recorded_on=RECORDED_ON)
    answered = []
    for i in range(responded + fed_back):
        done = i >= responded
        answered.append(
            factories.ViewFactory(
                session=session,
                recorded_on=RECORDED_ON,
                status="fed_back" if done else "responded",
                responded_on=RECORDED_ON + datetime.timedelta(days=5),
                fed_back_on=RECORDED_ON + datetime.timedelta(days=10 + i) if done else None,
            )
        )
    responses = [
        factories.ResponseFactory(
            views=[view], outcome="not_possible" if i < not_possible else "changed"
        )
        for i, view in enumerate(answered)
    ]
    for value, count in zip(Rating.Value.values, ratings, strict=True):
        for _ in range(count):
            factories.RatingFactory(response=responses[0], value=value)


NOT_COUNTS = (
    "share_responded",
    "share_fed_back",
    "median_days_view_to_feedback",
    "not_possible_with_reason_share",
)


def reader_finds(shown: dict[str, Any]) -> list[Any]:
    """Every count from 1 to 4 the API's loop figures show or let a reader work out."""
    found: list[Any] = small_counts_in(shown, skip=NOT_COUNTS)
    median = shown["median_days_view_to_feedback"]
    facts = []
    if isinstance(median, float):
        facts.append(((2,), lambda n: n >= 5))  # shown only for 5 or more fed back
    elif median is None:
        facts.append(((2,), lambda n: n == 0))
    views = derivable_small(
        3,  # not responded, responded not fed back, fed back
        counts=split_shown(
            [
                shown["views_not_responded"],
                shown["views_responded_not_fed_back"],
                shown["views_fed_back"],
            ],
            shown["views_recorded"],
        ),
        nested=[((1, 2), shown["views_responded"])],
        shares=[
            ((1, 2), (0, 1, 2), shown["share_responded"]),
            ((2,), (0, 1, 2), shown["share_fed_back"]),
        ],
        facts=facts,
    )
    responses = derivable_small(
        3,  # other outcomes, not possible with a reason, not possible without one
        counts=[((0, 1, 2), shown["responses"]), ((1,), shown["not_possible_with_reason"])],
        nested=[((1, 2), shown["not_possible_responses"])],
        shares=[((1,), (1, 2), shown["not_possible_with_reason_share"])],
    )
    ratings = shown["ratings"]
    rated = derivable_small(
        3,
        counts=split_shown(
            [ratings["helpful"], ratings["not_sure"], ratings["not_helpful"]], ratings["total"]
        ),
    )
    return (
        found
        + [("views", item) for item in views]
        + [("responses", item) for item in responses]
        + [("ratings", item) for item in rated]
    )


def protected_reader_finds(shown: dict[str, Any]) -> list[Any]:
    """Every count from 1 to 4 a reader who knows ADR 0008's policy works out from one answer
    of the loop figures (``cross_request_pins``; numbers are exact when the answer says so)."""
    from tests.core.disclosure import cross_request_pins

    protected = shown.get("exact") is False
    views = [
        ((0, 1, 2), shown["views_recorded"]),  # not responded, responded not fed back, fed back
        ((0,), shown["views_not_responded"]),
        ((1,), shown["views_responded_not_fed_back"]),
        ((1, 2), shown["views_responded"]),
        ((2,), shown["views_fed_back"]),
    ]
    responses = [
        ((0, 1, 2), shown["responses"]),  # other outcomes, with a reason, without one
        ((1, 2), shown["not_possible_responses"]),
        ((1,), shown["not_possible_with_reason"]),
    ]
    share = shown["not_possible_with_reason_share"]
    if share == 1.0:
        responses.append(((2,), 0))
    ratings = shown["ratings"]
    rated = [
        ((0,), ratings["helpful"]),
        ((1,), ratings["not_sure"]),
        ((2,), ratings["not_helpful"]),
        ((0, 1, 2), ratings["total"]),
    ]
    found: list[Any] = []
    for name, observations in (("views", views), ("responses", responses), ("ratings", rated)):
        found += [(name, pin) for pin in cross_request_pins(3, observations, protected=protected)]
    return found
