"""Who may read and write views, responses and feedback, and see the loop figures.

Programme roles do everything. A theme lead reads every view and response, records views for
sessions they may change, and responds to (and feeds back on) views of the themes they lead. A
partner worker sees only their own organisation's views and the responses to them, records views
for their organisation's sessions and feedback to their organisation's young people. A safeguarding
lead reads. A board member sees only the loop figures: aggregates, never a view's text or a name.

A list-level check (no object) is True when the user may see the list, or do the thing at all.
"""

from __future__ import annotations

from typing import Any

import rules

from heard.core.permissions import (
    can,
    is_board_member,
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_theme_lead,
)
from heard.participation.models import Session
from heard.voice.models import Feedback, Response, View


def _views_of(obj: Any) -> list[View]:
    """The views an object is about: a view, a response's views, or a feedback's response's."""
    if isinstance(obj, View):
        return [obj]
    if isinstance(obj, Feedback):
        obj = obj.response
    if isinstance(obj, Response) and obj.pk:
        return list(obj.views.all())
    return []


@rules.predicate
def no_object(user: Any, obj: Any) -> bool:
    return obj is None


@rules.predicate
def of_own_organisation(user: Any, obj: Any) -> bool:
    """A view, session or response (any of its views) belonging to the user's organisation."""
    org_id = getattr(user, "organisation_id", None)
    if org_id is None or obj is None:
        return False
    if isinstance(obj, View | Session):
        return obj.organisation_id == org_id
    return any(view.organisation_id == org_id for view in _views_of(obj))


@rules.predicate
def may_change_session_of(user: Any, obj: Any) -> bool:
    """For a theme lead recording a view: its session is one they may change."""
    session = obj if isinstance(obj, Session) else getattr(obj, "session", None)
    if session is None:
        return False
    return can(user, "participation.change_session", session)


@rules.predicate
def leads_a_theme_of(user: Any, obj: Any) -> bool:
    """Every view concerned is tagged with a theme the user leads (a theme lead's views)."""
    views = _views_of(obj)
    if not views:
        return False
    return all(any(theme.lead_id == user.pk for theme in view.themes.all()) for view in views)


own_or_list = no_object | of_own_organisation

view_views = (
    is_programme_staff | is_theme_lead | is_safeguarding_lead | (is_partner_worker & own_or_list)
)
add_views = (
    is_programme_staff
    | (is_theme_lead & (no_object | may_change_session_of))
    | (is_partner_worker & own_or_list)
)
change_views = (
    is_programme_staff
    | (is_theme_lead & (no_object | may_change_session_of | leads_a_theme_of))
    | (is_partner_worker & own_or_list)
)
add_responses = is_programme_staff | (is_theme_lead & (no_object | leads_a_theme_of))
add_feedback = (
    is_programme_staff
    | (is_theme_lead & (no_object | leads_a_theme_of))
    | (is_partner_worker & own_or_list)
)

rules.add_perm("voice.view_view", view_views)
rules.add_perm("voice.add_view", add_views)
rules.add_perm("voice.change_view", change_views)
rules.add_perm("voice.view_response", view_views)
rules.add_perm("voice.add_response", add_responses)
rules.add_perm("voice.add_feedback", add_feedback)
rules.add_perm("voice.view_feedback", view_views)
#: Aggregates only: board members too (a partner worker's figures cover their organisation).
rules.add_perm(
    "voice.view_loop_figures",
    is_programme_staff | is_theme_lead | is_safeguarding_lead | is_partner_worker | is_board_member,
)
