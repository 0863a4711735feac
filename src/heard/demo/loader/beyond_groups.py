"""The demo's sessions that are not one group's (issue 18): an open Takeover Day with a
headcount of young people not on the register, and a Primary Parliament sitting with pupils from
30 schools. Built last and without the random generator, so the rest of the demo is unchanged."""

from __future__ import annotations

from heard.demo import data
from heard.demo.loader.base import Base
from heard.involvement import services as involvement_services
from heard.involvement.models import Evaluation
from heard.participation import services as participation_services
from heard.participation.models import Degree, Method, ParticipationType, Session

#: Schools not on the register whose pupils came to the Primary Parliament sitting (with the
#: three on the register: 30 schools).
SITTING_SCHOOLS = tuple(
    f"{place} Primary School"
    for place in (
        "Aspley",
        "Basford",
        "Beeston Fields",
        "Bestwood",
        "Bilborough",
        "Bulwell",
        "Carlton",
        "Carrington",
        "Clifton",
        "Dunkirk",
        "Forest Fields",
        "Hyson Green",
        "Lenton",
        "Mapperley",
        "Meadows",
        "Radford",
        "St Ann's",
        "Sherwood",
        "Sneinton",
        "Strelley",
        "The Park",
        "Wilford",
        "Wollaton",
        "Woodthorpe",
        "Arnold",
        "Hucknall",
        "West Bridgford",
    )
)


class SessionsBeyondGroups(Base):
    def _chosen_methods(self) -> list[Method]:
        """Discussion and voting, as these sessions use them (any one method if neither)."""
        chosen = [self.methods[name] for name in ("Discussion", "Voting") if name in self.methods]
        return chosen or list(self.methods.values())[:1]

    def _sessions_beyond_groups(self) -> None:
        self._takeover_day()
        self._primary_parliament_sitting()

    def _takeover_day(self) -> None:
        """Open to all: young people from the register's groups came, and 40 more were counted."""
        officer = self.staff[data.OFFICER_EMAIL]
        attendees = [
            member.young_person
            for key in ("nottingham_youth_council", "nottingham_cicc")
            for member in self.members.get(key, [])[:3]
        ]
        session = participation_services.session_log(
            actor=None,
            date=self.ago(24),
            kind=Session.Kind.EVENT,
            title="Takeover Day at the Council House",
            is_open=True,
            organisation=self.organisations["nottingham_participation"],
            degree=Degree.ADULT_INITIATED_SHARED,
            participation_type=ParticipationType.PUBLIC,
            staff_present=[officer],
            attendees=attendees,
            methods=self._chosen_methods(),
            standards=["style_of_leadership"],
            notes="Young people took over council roles for a day, open to all.",
            monitoring_form_complete=True,
        )
        for age_band, count, school in (
            ("11_13", 22, "Bluecoat Academy"),
            ("14_15", 12, ""),
            ("16_17", 6, ""),
        ):
            participation_services.headcount_add(
                actor=None, session=session, age_band=age_band, count=count, school=school
            )
        self.counts["sessions"] += 1
        self.counts["attendances"] += len(attendees)
        self._takeover_day_feedback(session, attendees)

    def _takeover_day_feedback(self, session: Session, attendees: list) -> None:
        """Seed 002's "positive Takeover Day feedback": the attendees' forms and three
        anonymous ones from the young people counted, all but one positive."""
        Rating = Evaluation.Rating
        forms = [*attendees, None, None, None]
        for turn, person in enumerate(forms):
            involvement_services.evaluation_record(
                actor=None,
                session=session,
                young_person=person,
                rating=Rating.NEUTRAL if turn == 1 else Rating.POSITIVE,
                comment="I got to ask the council leader a question."
                if turn % 2 == 0
                else "It was a long day but I learnt how decisions are made.",
            )
        self.counts["evaluations"] += len(forms)

    def _primary_parliament_sitting(self) -> None:
        """A sitting of the Primary Parliament: its members, and pupils of 30 schools counted."""
        group = self.groups["nottingham_primary_parliament"]
        attendees = [
            member.young_person
            for member in self.members["nottingham_primary_parliament"]
            if member.member_on(150)
        ]
        session = participation_services.session_log(
            actor=None,
            date=self.ago(150),
            kind=Session.Kind.MEETING,
            title="Primary Parliament sitting: feeling safe on the way to school",
            group=group,
            degree=Degree.ADULT_INITIATED_SHARED,
            participation_type=ParticipationType.PUBLIC,
            staff_present=[self.staff[data.OFFICER_EMAIL]],
            attendees=attendees,
            methods=self._chosen_methods(),
            standards=["structures"],
            notes="Pupils of 30 schools: the Primary Parliament's members and their classmates.",
            monitoring_form_complete=True,
        )
        for key in ("castle_view", "riverbank", "sherwood_rise"):
            participation_services.headcount_add(
                actor=None,
                session=session,
                age_band="8_10",
                count=3,
                organisation=self.organisations[key],
            )
        for school in SITTING_SCHOOLS:
            participation_services.headcount_add(
                actor=None, session=session, age_band="8_10", count=2, school=school
            )
        self.counts["sessions"] += 1
        self.counts["attendances"] += len(attendees)
