"""Factories for recognitions, claims and invoices (the shared ones: tests.factories)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from heard.rewards.models import ExpenseClaim, ExpenseItem, PartnerInvoice, Recognition
from tests import factories


class RecognitionFactory(DjangoModelFactory):
    class Meta:
        model = Recognition

    young_person = factory.SubFactory(factories.YoungPersonFactory)
    kind = Recognition.Kind.CERTIFICATE
    title = factory.Sequence(lambda n: f"Youth panel member {n}")
    date = datetime.date(2026, 10, 1)
    organisation = factory.LazyAttribute(lambda o: o.young_person.organisation)


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = ExpenseClaim

    organisation = factory.SubFactory(factories.OrganisationFactory)
    young_person = factory.SubFactory(
        factories.YoungPersonFactory, organisation=factory.SelfAttribute("..organisation")
    )
    purpose = "Bus to the youth council"


class ItemFactory(DjangoModelFactory):
    class Meta:
        model = ExpenseItem

    claim = factory.SubFactory(ClaimFactory)
    kind = ExpenseItem.Kind.TRAVEL
    date = datetime.date(2026, 10, 1)
    description = "Return bus fare"
    amount = Decimal("4.50")


class InvoiceFactory(DjangoModelFactory):
    class Meta:
        model = PartnerInvoice

    organisation = factory.SubFactory(factories.OrganisationFactory)
    reference = factory.Sequence(lambda n: f"INV-{n:04d}")
    period_start = datetime.date(2026, 7, 1)
    period_end = datetime.date(2026, 9, 30)
    description = "Room hire and refreshments for the youth council"
    amount = Decimal("350.00")
