"""Factories for opportunities and sign-ups (the shared ones: tests.factories)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from heard.opportunities.models import Opportunity, SignUp
from tests import factories


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Youth panel {n}")
    kind = Opportunity.Kind.PANEL
    description = "Interview the candidates for a new manager."
    organisation = factory.SubFactory(factories.OrganisationFactory)
    starts_at = datetime.datetime(2026, 11, 20, 16, 0, tzinfo=datetime.UTC)
    closes_on = datetime.date(2026, 11, 13)
    place = "Shire Hall"
    accessibility = "Step-free access"
    status = Opportunity.Status.PUBLISHED


class SignUpFactory(DjangoModelFactory):
    class Meta:
        model = SignUp

    opportunity = factory.SubFactory(OpportunityFactory)
    young_person = factory.SubFactory(factories.YoungPersonFactory)
    how = SignUp.How.PORTAL
