"""The demo's participation log: each group's visits and meetings, and one-to-one reviews."""

from __future__ import annotations

from typing import Any

from heard.demo import data
from heard.demo.loader.base import Base
from heard.groups.models import Group
from heard.participation import services as participation_services
from heard.participation.models import Attendance, Method, ParticipationType, Session
from heard.people.models import YoungPerson


class Sessions(Base):
    """Each group's visits or meetings, as its lead logs them, and one-to-one reviews."""

    def _schedule(self, spec: data.GroupSpec) -> list[int]:
        """Days ago of each visit or meeting, oldest first."""
        rng = self.rng
        cadence_days = Group.CADENCE_DAYS.get(spec.cadence) or 60
        if spec.overdue:
            last = cadence_days + rng.randint(12, 30)
        else:
            last = rng.randint(3, max(4, int(cadence_days * 0.6)))
        low, high = int(cadence_days * 0.8), cadence_days - 2
        limit = (
            spec.start_days_ago - 6 if spec.kind == Group.Kind.BUDDY_GROUP else data.HISTORY_DAYS
        )
        offsets = []
        days_ago = last
        while days_ago < limit:
            offsets.append(days_ago)
            days_ago += rng.randint(low, high)
        if spec.kind == Group.Kind.BUDDY_GROUP:
            offsets.append(spec.start_days_ago)
        return sorted(offsets, reverse=True)

    def _attendees(self, spec: data.GroupSpec, days_ago: int) -> list[tuple[YoungPerson, str]]:
        rng = self.rng
        attendees: list[tuple[YoungPerson, str]] = []
        for member in self.members[spec.key]:
            if not member.member_on(days_ago):
                continue
            roll = rng.random()
            status = (
                Attendance.Status.ATTENDED
                if roll < 0.84
                else Attendance.Status.APOLOGIES
                if roll < 0.95
                else Attendance.Status.ABSENT
            )
            attendees.append((member.young_person, status))
        return attendees

    def _pick(self, style: data.SessionStyle) -> tuple[str, list[Method], list[str]]:
        rng = self.rng
        degrees, weights = zip(*style.degrees, strict=True)
        degree = rng.choices(degrees, weights=weights)[0]
        names = rng.sample(style.methods, min(len(style.methods), rng.randint(1, 3)))
        methods = [self.methods[name] for name in names if name in self.methods]
        standards = rng.sample(style.standards, min(len(style.standards), rng.randint(1, 2)))
        return degree, methods, standards

    def _monitoring_complete(self, days_ago: int) -> bool:
        """Forms are done within a few weeks; a handful of recent ones are still outstanding."""
        return not (days_ago <= 60 and self.rng.random() < 0.3)

    def _sessions(self, spec: data.GroupSpec) -> None:
        if spec.kind == Group.Kind.BUDDY_GROUP:
            self._buddy_sessions(spec)
        else:
            self._meetings(spec)

    def _buddy_sessions(self, spec: data.GroupSpec) -> None:
        rng = self.rng
        assert spec.theme is not None  # noqa: S101 - every Buddy Group works on a Spotlight area
        theme = self.themes[spec.theme]
        topics = self.theme_specs[spec.theme].topics
        lead = self.staff[spec.lead]
        officer = self.staff[data.OFFICER_EMAIL]
        for days_ago in self._schedule(spec):
            degree, methods, standards = self._pick(data.BUDDY_VISIT)
            kind, participation_type = Session.Kind.VISIT, ParticipationType.PUBLIC
            if days_ago == spec.start_days_ago:
                title, notes = data.FIRST_VISIT_TITLE, data.FIRST_VISIT_NOTES
                degree = "assigned_informed"
                standards = ["shared_values"]
            else:
                roll = rng.random()
                topic = rng.choice(topics)
                notes = f"{topic}. {rng.choice(data.OUTCOMES)}"
                if roll < 0.12:
                    kind, participation_type = Session.Kind.EVENT, ParticipationType.SOCIAL
                    title = rng.choice(data.SOCIAL_TITLES)
                    degree = rng.choice(("cyp_initiated_directed", "cyp_initiated_shared"))
                elif roll < 0.22:
                    kind = Session.Kind.CONSULTATION
                    title = rng.choice(data.CONSULTATION_TITLES)
                    degree = "consulted_informed"
                else:
                    title = f"Monthly visit: {topic[0].lower()}{topic[1:]}"
            staff = [lead, officer] if rng.random() < 0.25 else [lead]
            self._log(
                spec,
                days_ago,
                kind=kind,
                title=title,
                degree=degree,
                participation_type=participation_type,
                staff=staff,
                methods=methods,
                standards=standards,
                themes=[theme],
                notes=notes,
            )

    def _meetings(self, spec: data.GroupSpec) -> None:
        rng = self.rng
        lead = self.staff[spec.lead]
        review_team = spec.kind == Group.Kind.AUDIT_TEAM
        for days_ago in self._schedule(spec):
            topic = rng.choice(spec.topics)
            style = data.REVIEW_VISIT if review_team else data.MEETING
            degree, methods, standards = self._pick(style)
            if review_team:
                kind = (
                    Session.Kind.VISIT if "visit" in topic.lower() else Session.Kind.GROUP_SESSION
                )
            else:
                kind = Session.Kind.MEETING
            themes = [self.themes[rng.choice(data.THEMES).title]] if rng.random() < 0.3 else []
            self._log(
                spec,
                days_ago,
                kind=kind,
                title=topic,
                degree=degree,
                participation_type=ParticipationType.PUBLIC,
                staff=[lead],
                methods=methods,
                standards=standards,
                themes=themes,
                notes=f"{topic}. {rng.choice(data.OUTCOMES)}",
            )

    def _log(self, spec: data.GroupSpec, days_ago: int, **values: Any) -> None:
        attendees = self._attendees(spec, days_ago)
        complete = self._monitoring_complete(days_ago)
        participation_services.session_log(
            actor=None,
            date=self.ago(days_ago),
            kind=values["kind"],
            degree=values["degree"],
            participation_type=values["participation_type"],
            group=self.groups[spec.key],
            title=values["title"],
            staff_present=values["staff"],
            partner_staff_present=spec.partner_staff,
            attendees=attendees,
            methods=values["methods"],
            standards=values["standards"],
            themes=values["themes"],
            notes=values["notes"],
            monitoring_form_complete=complete,
        )
        self.counts["sessions"] += 1
        self.counts["attendances"] += len(attendees)
        self.counts["incomplete_monitoring_forms"] += not complete

    def _one_to_one_reviews(self) -> None:
        """Individual participation: a young person in care's own views, before their review."""
        rng = self.rng
        in_care = [
            member.young_person
            for key in ("nottingham_cicc", "norfolk_in_care_council")
            for member in self.members[key]
        ]
        officer = self.staff[data.OFFICER_EMAIL]
        for young_person in rng.sample(in_care, 6):
            days_ago = rng.randint(10, 250)
            degree, methods, standards = self._pick(data.ONE_TO_ONE)
            complete = self._monitoring_complete(days_ago)
            participation_services.session_log(
                actor=None,
                date=self.ago(days_ago),
                kind=Session.Kind.ONE_TO_ONE_REVIEW,
                degree=degree,
                participation_type=ParticipationType.INDIVIDUAL,
                young_person=young_person,
                title=rng.choice(data.ONE_TO_ONE_TITLES),
                staff_present=[officer],
                partner_staff_present="Their social worker",
                methods=methods,
                standards=standards,
                notes="Talked through what they want the review to know. Their views are written "
                "into the review in their own words, and they chose who hears them.",
                monitoring_form_complete=complete,
            )
            self.counts["sessions"] += 1
            self.counts["attendances"] += 1
            self.counts["incomplete_monitoring_forms"] += not complete
