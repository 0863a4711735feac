"""Factories for resources and their use in sessions (the shared ones: tests.factories)."""

import factory
from factory.django import DjangoModelFactory

from heard.resources.models import Resource, SessionResource
from tests import factories


class ResourceFactory(DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Youth panel toolkit {n}")
    kind = Resource.Kind.TOOLKIT
    summary = "How to run a youth interview panel."
    link = "https://example.org/toolkit"
    published = True


class SessionResourceFactory(DjangoModelFactory):
    class Meta:
        model = SessionResource

    resource = factory.SubFactory(ResourceFactory)
    session = factory.SubFactory(factories.SessionFactory)
