"""The resources selectors: scoped reads in a fixed number of queries."""

import pytest
from django.http import Http404

from heard.resources import selectors
from tests import factories
from tests.resources.factories import ResourceFactory, SessionResourceFactory


def test_a_partner_reads_the_published_library_and_their_drafts(
    partner_worker, officer, organisation, other_organisation
):
    shared = ResourceFactory()
    own = ResourceFactory(organisation=organisation, published=False)
    ResourceFactory(organisation=other_organisation, published=False)
    assert set(selectors.resources_visible_to(partner_worker)) == {shared, own}
    assert selectors.resources_visible_to(officer).count() == 3
    with pytest.raises(Http404):
        selectors.resource_get(partner_worker, "x")
    assert list(selectors.organisations_for_resources(partner_worker)) == [organisation]
    assert organisation in selectors.organisations_for_resources(officer)


def test_a_resources_sessions_are_those_the_reader_may_see(
    partner_worker, organisation, other_organisation, django_assert_num_queries
):
    resource = ResourceFactory()
    own = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    SessionResourceFactory(resource=resource, session=own)
    SessionResourceFactory(
        resource=resource,
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        ),
    )
    with django_assert_num_queries(1):
        assert selectors.resource_sessions(partner_worker, resource) == [own]
    assert list(selectors.resources_to_use(partner_worker, own)) == []
    other = ResourceFactory()
    assert list(selectors.resources_to_use(partner_worker, own)) == [other]
    rows = selectors.with_sessions(partner_worker, selectors.resources_visible_to(partner_worker))
    assert {len(row.seen_uses) for row in rows} == {0, 1}
