"""The opportunity selectors: scoped reads in a fixed number of queries."""

import datetime

import pytest
from django.http import Http404

from heard.opportunities import selectors
from tests import factories
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

TODAY = datetime.date(2026, 11, 1)


def test_a_partner_reads_their_organisations_opportunities_and_sign_ups(
    partner_worker, officer, organisation, other_organisation
):
    own = OpportunityFactory(organisation=organisation)
    other = OpportunityFactory(organisation=other_organisation)
    SignUpFactory(opportunity=own)
    SignUpFactory(opportunity=own, status="withdrawn")
    SignUpFactory(opportunity=other)
    assert list(selectors.opportunities_visible_to(partner_worker)) == [own]
    assert selectors.opportunities_visible_to(partner_worker).get().taken == 1
    assert selectors.sign_ups_visible_to(partner_worker).count() == 2
    assert selectors.opportunity_sign_ups(officer, other).count() == 1
    with pytest.raises(Http404):
        selectors.opportunity_get(partner_worker, other.pk)
    with pytest.raises(Http404):
        selectors.sign_up_get(partner_worker, "nope")
    assert list(selectors.organisations_for_opportunities(partner_worker)) == [organisation]
    assert organisation in selectors.organisations_for_opportunities(officer)


def test_the_portal_list_suits_the_young_person_in_a_fixed_number_of_queries(
    db, django_assert_num_queries
):
    group = factories.GroupFactory()
    member = factories.YoungPersonFactory(age_band="16_17", area="Wisbech")
    factories.MembershipFactory(group=group, young_person=member)
    for count in (1, 4):
        for _ in range(count):
            for_group = OpportunityFactory(age_bands=["16_17"], areas=["Wisbech"])
            for_group.groups.add(group)
            OpportunityFactory(areas=["Ely"])
        # groups, opportunities, their groups, the young person's sign-ups
        with django_assert_num_queries(4):
            found = selectors.portal_opportunities(member, TODAY)
        assert all(row.mine is None for row in found)
    assert len(found) == 5


def test_the_attendance_choices(officer, partner_worker, organisation, other_organisation):
    opportunity = OpportunityFactory(organisation=organisation)
    own = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    factories.SessionFactory(group=factories.GroupFactory(host_organisation=other_organisation))
    assert list(selectors.sessions_for_attendance(partner_worker, opportunity)) == [own]
    waiting = SignUpFactory(opportunity=opportunity)
    SignUpFactory(opportunity=opportunity, status="attended")
    assert list(selectors.waiting_sign_ups(opportunity)) == [waiting]
    person = factories.YoungPersonFactory(organisation=organisation)
    assert list(selectors.young_people_to_sign_up(partner_worker, opportunity)) == [person]
