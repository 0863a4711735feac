"""The demo's opportunities to get involved (issue 19, M18), entered through the services as the
system: a youth panel, a short-notice focus group, media work, training and an event this
morning, of several organisations, with a draft not yet published. The young person who took
part most (the one the browser tests sign in as) signs up in the portal to two; workers sign up
others; this morning's event's sign-ups are turned into attendance at a session, so they count
in the participation log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from heard.demo.loader.base import Base
from heard.opportunities import services as opportunity_services
from heard.opportunities.models import Opportunity
from heard.people.models import YoungPerson

Kind = Opportunity.Kind


@dataclass(frozen=True)
class OpportunitySpec:
    title: str
    kind: str
    organisation: str
    #: Days from today it starts (0: today) and how many days before that sign-ups close.
    in_days: int
    closes_before: int
    hour: int
    description: str
    place: str = ""
    online: bool = False
    accessibility: str = ""
    places: int | None = None
    age_bands: tuple[str, ...] = ()
    status: str = Opportunity.Status.PUBLISHED
    #: How many young people of the organisation a worker signs up.
    signed_up: int = 0
    extra: dict[str, str] = field(default_factory=dict)


OPPORTUNITIES: tuple[OpportunitySpec, ...] = (
    OpportunitySpec(
        "Youth panel: interviewing for a new service manager",
        Kind.PANEL,
        "harbour",
        21,
        7,
        16,
        "Sit on the interview panel with two managers. You help write the questions and score "
        "the answers. We train you first.",
        place="Harbour Youth Centre, meeting room 2",
        accessibility="Step-free access and a quiet room. Travel paid.",
        places=4,
        age_bands=("14_15", "16_17", "18_25"),
        signed_up=2,
    ),
    OpportunitySpec(
        "Focus group at short notice: waiting rooms at the clinic",
        Kind.FOCUS_GROUP,
        "clearwater_camhs",
        4,
        1,
        17,
        "The clinic is changing its waiting rooms next month. Tell them what would make it "
        "feel calmer, in one hour, with pizza.",
        place="Clearwater Clinic",
        online=True,
        accessibility="BSL interpreter on request. You can join online with your camera off.",
        places=8,
    ),
    OpportunitySpec(
        "Make a podcast about the youth council",
        Kind.MEDIA_WORK,
        "11million",
        30,
        10,
        15,
        "Plan, record and edit a short podcast about what the youth council changed this year.",
        online=True,
        accessibility="Captions on every session; the recordings need no camera.",
    ),
    OpportunitySpec(
        "Young inspectors training",
        Kind.TRAINING,
        "cambs_cc",
        14,
        3,
        10,
        "Two mornings of training to visit services as a young inspector and report back.",
        place="Shire Hall, training room",
        accessibility="Step-free access, hearing loop and lunch.",
        places=12,
        age_bands=("16_17", "18_25"),
    ),
    OpportunitySpec(
        "Youth takeover of the harbour festival",
        Kind.EVENT,
        "harbour",
        0,
        0,
        9,
        "Run the youth tent at the harbour festival this morning.",
        place="Harbour Green",
        accessibility="Step-free paths and a quiet tent.",
        signed_up=3,
    ),
    OpportunitySpec(
        "Summer residential planning day",
        Kind.OTHER,
        "harbour",
        60,
        20,
        10,
        "Help plan next summer's residential: where to go and what to do.",
        place="Harbour Youth Centre",
        status=Opportunity.Status.DRAFT,
    ),
)
#: The event whose sign-ups are turned into attendance.
ATTENDED = "Youth takeover of the harbour festival"


class Opportunities(Base):
    """Opportunities, sign-ups and one turned into attendance."""

    def _opportunities(self) -> None:
        made = {spec.title: self._opportunity(spec) for spec in OPPORTUNITIES}
        portal_person = (
            YoungPerson.objects.annotate(times=Count("attendances"))
            .order_by("-times", "pk")
            .first()
        )
        if portal_person is not None:
            for title in (
                "Focus group at short notice: waiting rooms at the clinic",
                "Make a podcast about the youth council",
            ):
                opportunity_services.sign_up_give(
                    young_person=portal_person, opportunity=made[title], today=self.today
                )
                self.counts["sign-ups"] += 1
        for spec in OPPORTUNITIES:
            self._sign_ups(spec, made[spec.title], portal_person)
        event = made[ATTENDED]
        came = list(event.sign_ups.order_by("pk")[:2])
        opportunity_services.sign_ups_attend(
            actor=None,
            opportunity=event,
            sign_ups=came,
            new_session={
                "date": self.today,
                "kind": "event",
                "degree": "cyp_initiated_shared",
                "participation_type": "public",
                "methods": list(self.methods.values())[:1],
                "standards": ["shared_values"],
            },
        )
        self.counts["sessions"] += 1

    def _opportunity(self, spec: OpportunitySpec) -> Opportunity:
        starts_on = self.today + datetime.timedelta(days=spec.in_days)
        zone = timezone.get_current_timezone()
        starts = datetime.datetime.combine(starts_on, datetime.time(spec.hour), tzinfo=zone)
        opportunity = opportunity_services.opportunity_add(
            actor=None,
            title=spec.title,
            kind=spec.kind,
            description=spec.description,
            organisation=self.organisations[spec.organisation],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            closes_on=starts_on - datetime.timedelta(days=spec.closes_before),
            place=spec.place,
            online=spec.online,
            accessibility=spec.accessibility,
            places=spec.places,
            age_bands=list(spec.age_bands),
            status=spec.status,
        )
        self.counts["opportunities"] += 1
        return opportunity

    def _sign_ups(
        self, spec: OpportunitySpec, opportunity: Opportunity, skip: YoungPerson | None
    ) -> None:
        if not spec.signed_up:
            return
        people = YoungPerson.objects.filter(organisation=opportunity.organisation).order_by("pk")
        if spec.age_bands:
            people = people.filter(age_band__in=spec.age_bands)
        if skip is not None:
            people = people.exclude(pk=skip.pk)
        for person in people[: spec.signed_up]:
            opportunity_services.sign_up_add(
                actor=None, opportunity=opportunity, young_person=person, today=self.today
            )
            self.counts["sign-ups"] += 1
