"""Factories for consultations, questions and survey responses (the shared ones:
tests.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from heard.consultations.models import Answer, Consultation, Question, SurveyResponse
from tests import factories


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Have Your Say {n}")
    organisation = factory.SubFactory(factories.OrganisationFactory)
    opens_on = datetime.date(2026, 9, 1)
    closes_on = datetime.date(2026, 9, 30)
    method = Consultation.Method.SURVEY

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.SINGLE
    options = factory.LazyFunction(lambda: ["Yes", "No"])


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    consultation = factory.SubFactory(ConsultationFactory)
    young_person = factory.SubFactory(factories.YoungPersonFactory)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(SurveyResponseFactory)
    question = factory.SubFactory(QuestionFactory)


def survey_with_questions(organisation, theme, today):
    """An open survey of ``organisation`` on ``theme`` with one question of each kind."""
    survey = ConsultationFactory(
        title="Have Your Say",
        organisation=organisation,
        themes=[theme],
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=21),
    )
    QuestionFactory(
        consultation=survey, position=1, text="Do you feel safe?", options=["Yes", "No"]
    )
    QuestionFactory(
        consultation=survey,
        position=2,
        text="What do you do?",
        kind=Question.Kind.MULTIPLE,
        options=["Sport", "Music", "Art"],
    )
    QuestionFactory(
        consultation=survey,
        position=3,
        text="How happy are you?",
        kind=Question.Kind.SCALE,
        options=[],
        low_label="Not at all",
        high_label="Very",
    )
    QuestionFactory(
        consultation=survey,
        position=4,
        text="What should change?",
        kind=Question.Kind.TEXT,
        options=[],
        required=False,
    )
    return survey
