"""Reads of views, responses and feedback, scoped by the voice policies, and the loop figures.
Split by topic; import from here.

Every list runs a fixed number of queries whatever its rows.
"""

from heard.voice.selectors.loop import (
    LOOP_DONE,
    LOOP_RESPONDED,
    answered_scope,
    feedback_owed,
    loop_figures,
    loop_overdue,
    loop_view_cells,
    partnership_settings,
)
from heard.voice.selectors.records import (
    evidence_get,
    evidence_of_views,
    feedback_scoped,
    feedback_visible_to,
    response_get,
    responses_scoped,
    responses_visible_to,
    view_get,
    views_open_for_response,
    views_scoped,
    views_visible_to,
)
from heard.voice.selectors.young_people import (
    JourneyItem,
    JourneyYear,
    journey_default_year,
    published_views,
    responses_for_young_person,
    views_for_young_person,
    young_person_journey,
    young_person_journey_years,
)

__all__ = [
    "LOOP_DONE",
    "LOOP_RESPONDED",
    "JourneyItem",
    "JourneyYear",
    "answered_scope",
    "evidence_get",
    "evidence_of_views",
    "feedback_owed",
    "feedback_scoped",
    "feedback_visible_to",
    "journey_default_year",
    "loop_figures",
    "loop_view_cells",
    "loop_overdue",
    "partnership_settings",
    "published_views",
    "response_get",
    "responses_for_young_person",
    "responses_scoped",
    "responses_visible_to",
    "view_get",
    "views_for_young_person",
    "views_open_for_response",
    "views_scoped",
    "views_visible_to",
    "young_person_journey",
    "young_person_journey_years",
]
