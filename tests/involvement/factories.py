"""Factories for involvement activities and evaluations (the shared ones: tests.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = InvolvementActivity

    title = factory.Sequence(lambda n: f"Recruitment of a participation worker {n}")
    kind = InvolvementActivity.Kind.RECRUITMENT
    date = datetime.date(2026, 10, 1)
    organisation = factory.SubFactory(factories.OrganisationFactory)
    young_people_involved = True
    how = factory.LazyFunction(lambda: [InvolvementActivity.How.ON_PANEL])


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    session = factory.SubFactory(factories.SessionFactory)
    young_person = None
    rating = Evaluation.Rating.POSITIVE
    comment = "It was fun"
