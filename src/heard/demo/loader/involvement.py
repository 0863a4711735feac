"""The demo's involvement in decisions and evaluations of sessions (issue 18), entered through
the services as the system.

Seed 002 counts the share of recruitment and procurement with young people involved (target
70%) and of positive evaluations (85%). The demo has a few activities of several organisations,
most with young people on the panel, setting questions or scoring, and evaluations of the
latest sessions from paper (an anonymous one among them) and one from the portal by the young
person who took part most (the one the browser tests sign in as).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from heard.demo.loader.base import Base
from heard.involvement import services as involvement_services
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.models import Attendance, Session
from heard.people.models import YoungPerson

Kind = InvolvementActivity.Kind
How = InvolvementActivity.How
Rating = Evaluation.Rating


@dataclass(frozen=True)
class ActivitySpec:
    title: str
    kind: str
    days_ago: int
    organisation: str
    how: tuple[str, ...] = ()
    #: How many of the organisation's young people are named (by register order).
    young_people: int = 0
    notes: str = ""


ACTIVITIES: tuple[ActivitySpec, ...] = (
    ActivitySpec(
        "Recruiting a participation officer",
        Kind.RECRUITMENT,
        40,
        "11million",
        (How.ON_PANEL, How.SET_QUESTIONS),
        3,
        "A youth panel of three interviewed the shortlisted candidates.",
    ),
    ActivitySpec(
        "Youth work contract for the harbour area",
        Kind.COMMISSIONING,
        75,
        "harbour",
        (How.SET_QUESTIONS, How.SCORED),
        2,
        "Young people scored the bidders' presentations.",
    ),
    ActivitySpec(
        "Recruiting a senior youth worker",
        Kind.RECRUITMENT,
        120,
        "harbour",
        (How.ON_PANEL,),
        1,
    ),
    ActivitySpec("Catering for the annual event", Kind.PROCUREMENT, 60, "riverside_yos"),
    ActivitySpec(
        "Mental health support tender",
        Kind.PROCUREMENT,
        150,
        "clearwater_camhs",
        (How.SCORED, How.OTHER),
        2,
        "Two young people sat on the evaluation panel and scored the tenders.",
    ),
    ActivitySpec("Choosing the new case recording system", Kind.OTHER_DECISION, 90, "cambs_cc"),
)

#: Ratings of the paper forms in turn: mostly positive, as seed 002 expects.
RATINGS = (Rating.POSITIVE,) * 5 + (Rating.NEUTRAL, Rating.POSITIVE, Rating.NEGATIVE)
COMMENTS = (
    "I liked being listened to.",
    "",
    "It was fun and we made a plan.",
    "",
    "Too much sitting down.",
    "Good snacks!",
)
#: The latest sessions with attendees whose paper forms are entered.
EVALUATED_SESSIONS = 6
#: The demo partner worker's organisation (``data.PARTNER_EMAIL``'s).
PARTNER_ORGANISATION = "harbour"


class Involvement(Base):
    """Involvement activities and evaluations."""

    def _involvement(self) -> None:
        for spec in ACTIVITIES:
            self._activity(spec)
        self._paper_evaluations()
        self._portal_evaluation()

    def _activity(self, spec: ActivitySpec) -> None:
        organisation = self.organisations[spec.organisation]
        people = list(YoungPerson.objects.filter(organisation=organisation).order_by("pk"))
        involvement_services.activity_record(
            actor=None,
            title=spec.title,
            kind=spec.kind,
            date=self.ago(spec.days_ago),
            organisation=organisation,
            young_people_involved=bool(spec.how),
            how=list(spec.how),
            young_people=people[: spec.young_people],
            notes=spec.notes,
        )
        self.counts["involvement activities"] += 1

    def _paper_evaluations(self) -> None:
        attended = Attendance.objects.filter(status=Attendance.Status.ATTENDED)
        with_attendees = (
            Session.objects.filter(attendances__in=attended).distinct().order_by("-date", "-pk")
        )
        sessions = list(with_attendees[:EVALUATED_SESSIONS])
        # The demo partner worker's organisation's latest too, so they see some.
        partners = with_attendees.filter(organisation=self.organisations[PARTNER_ORGANISATION])
        latest = partners.first()
        if latest is not None and latest not in sessions:
            sessions.append(latest)
        turn = 0
        for session in sessions:
            people = [
                attendance.young_person
                for attendance in attended.filter(session=session)
                .select_related("young_person")
                .order_by("pk")[:3]
            ]
            for person in [*people, None]:
                involvement_services.evaluation_record(
                    actor=None,
                    session=session,
                    young_person=person,
                    rating=RATINGS[turn % len(RATINGS)],
                    comment=COMMENTS[turn % len(COMMENTS)],
                )
                turn += 1
        self.counts["evaluations"] += turn

    def _portal_evaluation(self) -> None:
        person = (
            YoungPerson.objects.annotate(times=Count("attendances"))
            .order_by("-times", "pk")
            .first()
        )
        if person is None:
            return
        session = (
            Session.objects.filter(
                attendances__young_person=person, attendances__status=Attendance.Status.ATTENDED
            )
            .exclude(evaluations__young_person=person)
            .order_by("-date", "-pk")
            .first()
        )
        if session is None:
            return
        involvement_services.evaluation_give(
            young_person=person, session=session, rating=Rating.POSITIVE, comment="I loved it."
        )
        self.counts["evaluations"] += 1
