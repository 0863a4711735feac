"""The demo's views, responses, feedback and ratings."""

from __future__ import annotations

import datetime
from typing import Any

from heard.demo import data
from heard.demo.loader.base import Base
from heard.groups.models import Group, Theme
from heard.participation.models import Attendance, Session
from heard.voice import services as voice_services
from heard.voice.models import View


class Voices(Base):
    """Views from Buddy Group sessions, answered, fed back and rated."""

    def _voices(self, number: int, spec: data.VoiceSpec) -> None:
        """Four views from the theme's Buddy Group sessions at least 90 days old: two answered
        together, fed back to the group and rated; one given a second response (fed back or
        not); one left open."""
        theme = self.themes[spec.theme]
        session = self._heard_at(number, theme)
        group = session.group
        assert group is not None  # noqa: S101 - Buddy Group sessions only
        attended = [
            a.young_person
            for a in session.attendances.select_related("young_person").order_by("id")
            if a.status == Attendance.Status.ATTENDED
        ]
        givers: list[dict[str, Any]] = [
            {"group": group},
            {"young_people": attended[:1]},
            {"group": group, "is_anonymous": True},
            {"young_people": attended[1:2] or attended[:1]},
        ]
        consents = [
            View.Consent.PUBLISH,
            View.Consent.QUOTE_ANONYMOUSLY,
            View.Consent.PUBLISH,
            View.Consent.INTERNAL,
        ]
        views = voice_services.views_record_many(
            actor=None,
            session=session,
            entries=[
                {"kind": kind, "text": text, "themes": [theme], "consent": consent, **who}
                for (kind, text), consent, who in zip(spec.views, consents, givers, strict=True)
            ],
        )
        self.counts["views"] += len(views)
        day = session.date + datetime.timedelta(days=21)
        answer = self._respond(views[:2], spec.answer, day)
        self._feed_back(answer, day + datetime.timedelta(days=12), groups=[group])
        self._rate(answer, group, number)
        second = self._respond(views[2:3], spec.second, day + datetime.timedelta(days=7))
        if spec.second_fed_back:
            self._feed_back(second, day + datetime.timedelta(days=30), groups=[group])

    def _heard_at(self, number: int, theme: Theme) -> Session:
        """The ``number``-th voice spec's session: one of the theme's Buddy Group sessions at
        least 90 days old."""
        sessions = list(
            Session.objects.filter(
                group__kind=Group.Kind.BUDDY_GROUP,
                group__theme_links__theme=theme,
                date__lte=self.ago(90),
            )
            .select_related("group")
            .order_by("date", "id")
        )
        return sessions[(number * 3) % len(sessions)]

    def _rate(self, answer: Any, group: Group, number: int) -> None:
        """Two current members of the group rate the answer."""
        current = [
            m.young_person
            for m in group.memberships.filter(left_on__isnull=True)
            .select_related("young_person")
            .order_by("id")[:2]
        ]
        for index, young_person in enumerate(current):
            voice_services.rating_give(
                young_person=young_person,
                response=answer,
                value=("helpful", "not_sure")[(number + index) % 2],
            )
            self.counts["ratings"] += 1

    def _respond(self, views: list[View], values: tuple[str, str, str, str], day: Any) -> Any:
        outcome, decision_maker, explanation, plain = values
        self.counts["responses"] += 1
        return voice_services.response_record(
            actor=None,
            views=views,
            decision_maker=decision_maker,
            outcome=outcome,
            explanation=explanation,
            plain_language=plain,
            date=day,
        )

    def _feed_back(self, response: Any, day: Any, *, groups: list[Group]) -> None:
        voice_services.feedback_record(
            actor=None, response=response, date=day, channel="in_person", groups=groups
        )
        self.counts["feedback"] += 1
