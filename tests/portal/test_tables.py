"""The portal's tables (a young person's sessions, the staff page of their codes) are drawn from
their columns: every cell carries its column's label, so each row stacks on a 320 px screen."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.portal import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_young_persons_sessions_stack_under_their_labels(world, portal_client):
    page = portal_client(world.amara).get(reverse("portal:sessions")).content.decode()
    assert "heard-table--stacked" in page
    assert 'data-label="Date">1 October 2026</td>' in page
    assert 'data-label="Group">Riverside Buddy Group</td>' in page


def test_codes_stack_with_a_revoke_link_and_whole_dates(client_for, officer, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    with time_machine.travel(datetime.datetime(2026, 12, 4, 9, 30, tzinfo=datetime.UTC)):
        code, _plain = services.sign_in_code_issue(
            actor=officer, young_person=young_person, valid_days=7
        )
    page = client_for(officer).get(reverse("portal:codes", args=[young_person.pk]))
    html = page.content.decode()
    assert 'data-label="Given">4 December 2026, 09:30</td>' in html
    assert 'data-label="Use by">11 December 2026, 09:30</td>' in html
    assert 'data-label="Used">Not used yet</td>' in html
    revoke = reverse("portal:code-revoke", args=[young_person.pk, code.pk])
    assert f'data-label="Actions"><a class="govuk-link" href="{revoke}">Revoke' in html


def test_revoking_asks_to_confirm_with_a_way_back(client_for, officer, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    code, _plain = services.sign_in_code_issue(
        actor=officer, young_person=young_person, valid_days=7
    )
    url = reverse("portal:code-revoke", args=[young_person.pk, code.pk])
    html = client_for(officer).get(url).content.decode()
    assert "Yes, revoke this code</button>" in html
    back = reverse("portal:codes", args=[young_person.pk])
    assert f'<a class="govuk-link" href="{back}">No, keep it</a>' in html
