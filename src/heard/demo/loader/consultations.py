"""The demo's consultations and surveys (issue 19, M9), entered through the services as the
system.

Seed 003's annual "Have Your Say" survey is open, with a question of each kind, answered in the
portal by ten young people (some wrote something); last year's is closed with its findings and
the decisions that followed; a focus group on mental health closed this summer and a Youth
Council event on staying safe is planned. All are on the same themes within twelve months, so
starting another on them shows the earlier ones (seed 001: not asking young people the same
thing twice). The young person the browser tests sign in as (who took part most) has not
answered this year's survey, so the portal offers it to them. No answer is made a view here:
the demo's views stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from heard.consultations import services as consultation_services
from heard.consultations.models import Consultation, Question
from heard.demo.loader.base import Base
from heard.people.models import YoungPerson

Method = Consultation.Method
Kind = Question.Kind

HAVE_YOUR_SAY_THEMES = ("Mental health", "Staying safe", "Enjoying education and leisure")
#: This year's answers, in turn (single, multiple, scale, free text).
ANSWERS = (
    ("Yes", ["Sport", "Youth club"], "4", "More places to go in the evening that are free."),
    ("Mostly", ["Gaming", "Music"], "3", ""),
    ("Yes", ["Sport"], "5", "Buses that run later so we can get home safely."),
    ("No", ["Youth club", "Art"], "2", "Someone to talk to at school who is not a teacher."),
    ("Mostly", ["Music"], "3", ""),
    ("Yes", ["Sport", "Gaming"], "4", "Cheaper gym and swimming for under 18s."),
    ("Mostly", ["Art"], "3", ""),
    ("No", ["Gaming"], "1", "Feel safer in the park: better lights."),
    ("Yes", ["Youth club", "Sport", "Music"], "5", ""),
    ("Mostly", ["Sport"], "4", ""),
)


@dataclass(frozen=True)
class ConsultationSpec:
    title: str
    organisation: str
    method: str
    opens_ago: int
    closes_ago: int
    themes: tuple[str, ...]
    summary: str
    age_bands: tuple[str, ...] = ()
    findings: str = ""
    decisions: str = ""


EARLIER: tuple[ConsultationSpec, ...] = (
    ConsultationSpec(
        "Have Your Say survey (last year)",
        "11million",
        Method.SURVEY,
        380,
        340,
        HAVE_YOUR_SAY_THEMES,
        "The annual survey of what matters to children and young people in the partnership.",
        findings="Two in three felt safe where they live; transport and places to go in the "
        "evening came up most in what they wrote.",
        decisions="The Youth Cabinet took later buses to the transport board; two youth clubs "
        "now open on Friday evenings.",
    ),
    ConsultationSpec(
        "Mental health support: focus groups",
        "clearwater_camhs",
        Method.FOCUS_GROUP,
        140,
        110,
        ("Mental health",),
        "Three focus groups on waiting for support and what helps while you wait.",
        age_bands=("14_15", "16_17"),
        findings="Waiting without news was the hardest part; young people want a named person "
        "to contact and a text when their appointment is booked.",
        decisions="Appointment texts start in the spring; a drop-in runs on Wednesdays.",
    ),
)
PLANNED = ConsultationSpec(
    "Staying safe online: Youth Council event",
    "harbour",
    Method.EVENT,
    -20,
    -20,
    ("Staying safe",),
    "An evening event with the Youth Council on staying safe online.",
    age_bands=("11_13", "14_15"),
)


class Consultations(Base):
    """Consultations and the annual Have Your Say survey."""

    def _consultations(self) -> None:
        last_year = None
        for spec in EARLIER:
            consultation = self._consultation(spec)
            last_year = last_year or consultation
        if last_year is not None:
            self._last_years_questions(last_year)
        this_year = self._have_your_say()
        self._consultation(PLANNED)
        self._answers(this_year)

    def _consultation(self, spec: ConsultationSpec) -> Consultation:
        consultation = consultation_services.consultation_create(
            actor=None,
            title=spec.title,
            summary=spec.summary,
            organisation=self.organisations[spec.organisation],
            opens_on=self.ago(spec.opens_ago),
            closes_on=self.ago(spec.closes_ago),
            method=spec.method,
            themes=[self.themes[title] for title in spec.themes if title in self.themes],
            age_bands=list(spec.age_bands),
            findings=spec.findings,
            decisions=spec.decisions,
            confirm_similar=True,
        )
        self.counts["consultations"] += 1
        return consultation

    def _have_your_say(self) -> Consultation:
        survey = self._consultation(
            ConsultationSpec(
                f"Have Your Say {self.today.year}",
                "11million",
                Method.SURVEY,
                14,
                -30,
                HAVE_YOUR_SAY_THEMES,
                "This year's survey: how safe and happy you feel, what you do, and what would "
                "make things better. It takes five minutes.",
            )
        )
        add = consultation_services.question_add
        add(
            actor=None,
            consultation=survey,
            text="Do you feel safe where you live?",
            kind=Kind.SINGLE,
            options=["Yes", "Mostly", "No"],
        )
        add(
            actor=None,
            consultation=survey,
            text="What do you do in your free time?",
            kind=Kind.MULTIPLE,
            options=["Sport", "Music", "Art", "Gaming", "Youth club"],
        )
        add(
            actor=None,
            consultation=survey,
            text="How happy are you with where you live?",
            kind=Kind.SCALE,
            low_label="Not at all",
            high_label="Very happy",
        )
        add(
            actor=None,
            consultation=survey,
            text="What one thing would make life better for young people here?",
            kind=Kind.TEXT,
            required=False,
        )
        return survey

    def _last_years_questions(self, survey: Consultation) -> None:
        consultation_services.question_add(
            actor=None,
            consultation=survey,
            text="Do you feel safe where you live?",
            kind=Kind.SINGLE,
            options=["Yes", "Mostly", "No"],
        )

    def _answers(self, survey: Consultation) -> None:
        """Ten young people answer this year's survey in the portal: not the one who took part
        most (the browser tests' young person), so it stays open to them."""
        most = (
            YoungPerson.objects.annotate(times=Count("attendances"))
            .order_by("-times", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        people = YoungPerson.objects.filter(is_active=True).exclude(pk=most or 0).order_by("pk")
        questions = list(survey.questions.order_by("position"))
        for person, answer in zip(people[: len(ANSWERS)], ANSWERS, strict=False):
            consultation_services.survey_submit(
                young_person=person,
                consultation=survey,
                on=self.today,
                answers={
                    f"question_{question.pk}": value
                    for question, value in zip(questions, answer, strict=True)
                },
            )
            self.counts["survey responses"] += 1
