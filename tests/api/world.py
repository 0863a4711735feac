"""The small world of records the API's whole-document tests run against (test_openapi's
every-operation test and the schemathesis fuzzing): one established group on one theme, a member
who attended a session, one view answered and one open, the response, and a consent to quotes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from heard.privacy import services as privacy_services
from heard.voice import services as voice_services
from tests import factories


@dataclass
class World:
    theme: Any
    group: Any
    membership: Any
    young_person: Any
    session: Any
    answered: Any
    still_open: Any
    response: Any
    consent: Any


def voice_world(*, theme_lead: Any, organisation: Any) -> World:
    theme = factories.ThemeFactory(lead=theme_lead)
    group = factories.GroupFactory(host_organisation=organisation, stage="established")
    factories.GroupThemeFactory(group=group, theme=theme)
    membership = factories.MembershipFactory(group=group)
    young_person = membership.young_person
    session = factories.SessionFactory(group=group, date=datetime.date(2026, 11, 2))
    factories.AttendanceFactory(session=session, young_person=young_person)
    answered = voice_services.view_record(
        actor=None, text="More buses", session=session, group=group, themes=[theme]
    )
    still_open = voice_services.view_record(
        actor=None, text="Longer opening hours", session=session, young_people=[young_person]
    )
    response = voice_services.response_record(
        actor=None,
        views=[answered],
        decision_maker="Transport board",
        outcome="changed",
        explanation="Buses every ten minutes.",
        plain_language="The bus comes more often now.",
        date=datetime.date(2026, 11, 10),
    )
    consent = privacy_services.consent_record(
        actor=None,
        young_person=young_person,
        purpose="quotes",
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 9, 1),
        how="written",
    )
    return World(
        theme, group, membership, young_person, session, answered, still_open, response, consent
    )
