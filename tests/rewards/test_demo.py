"""The demo's recognition and expenses: there for every page the roles crawl."""

import pytest
from django.db.models import Count

from heard.demo import data
from heard.people.models import User, YoungPerson
from heard.rewards import selectors
from heard.rewards.models import Approval, ExpenseClaim, PartnerInvoice, Recognition


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_the_demo_has_recognitions_claims_and_invoices_for_each_role(demo):
    assert demo.counts["recognitions"] == Recognition.objects.count() >= 6
    assert demo.counts["expense claims"] == ExpenseClaim.objects.count() == 4
    assert {claim.status for claim in ExpenseClaim.objects.all()} == set(Approval.values)
    assert demo.counts["partner invoices"] == PartnerInvoice.objects.count() == 2
    partner = User.objects.get(email=data.PARTNER_EMAIL)
    waiting = selectors.claims_visible_to(partner).filter(status=Approval.SUBMITTED).get()
    assert waiting.item_count == 2 and waiting.items.exclude(receipt="").exists()
    assert selectors.invoices_visible_to(partner).filter(status=Approval.SUBMITTED).exists()
    assert PartnerInvoice.objects.filter(status=Approval.APPROVED).exists()
    lead = User.objects.get(email=data.LEAD_EMAIL)
    assert selectors.finance_items(lead).count() == 2


def test_the_portals_demo_young_person_has_certificates_and_hours(demo):
    person = (
        YoungPerson.objects.annotate(times=Count("attendances")).order_by("-times", "pk").first()
    )
    kinds = set(selectors.portal_recognitions(person).values_list("kind", flat=True))
    assert kinds == set(Recognition.Kind.values)
    hours = selectors.hours_of(person)
    assert hours.sessions_attended > 0 and hours.total > hours.session_hours
    board = User.objects.get(email=data.BOARD_EMAIL)
    rows = selectors.totals_by_organisation(board)
    assert rows and not any(row.exact for row in rows)
