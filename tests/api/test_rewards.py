"""The rewards API: recognitions as their young person; session hours set by programme staff;
an expense claim goes from submitted to approved to paid, approved only by a lead who did not
submit it; partner invoices likewise; others' records 404; bad input 400 with clear messages."""

import datetime

import pytest
import time_machine

from heard.rewards.models import ExpenseClaim, Recognition
from tests import factories
from tests.rewards.factories import ClaimFactory, InvoiceFactory, ItemFactory, RecognitionFactory

RECOGNITIONS = "/api/v1/recognitions/"
HOURS = "/api/v1/session-hours/"
DEFAULTS = "/api/v1/session-hours-defaults/"
CLAIMS = "/api/v1/expense-claims/"
INVOICES = "/api/v1/partner-invoices/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(organisation=organisation)


def test_a_partner_worker_gives_changes_and_deletes_a_recognition(
    api_for, partner_worker, young_person, organisation, other_organisation
):
    api = api_for(partner_worker)
    body = {
        "young_person": young_person.pk,
        "kind": "voucher",
        "title": "Youth panel",
        "date": "2026-10-01",
        "organisation": organisation.pk,
        "voucher_value": "10.00",
        "voucher_supplier": "Love2shop",
    }
    made = api.post(RECOGNITIONS, body, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["young_person_reference"] == young_person.reference
    missing = api.post(RECOGNITIONS, body | {"voucher_supplier": ""}, format="json")
    assert missing.status_code == 400
    assert missing.json()["voucher_supplier"] == [
        "Enter who supplies the voucher, like “Love2shop”."
    ]
    stranger = factories.YoungPersonFactory(organisation=other_organisation)
    assert (
        api.post(RECOGNITIONS, body | {"young_person": stranger.pk}, format="json").status_code
        == 400
    )
    url = f"{RECOGNITIONS}{made.json()['id']}/"
    assert api.patch(url, {"title": "Panel"}, format="json").json()["title"] == "Panel"
    assert api.get(RECOGNITIONS).json()["count"] == 1
    assert api.delete(url).status_code == 204
    assert not Recognition.objects.exists()


def test_recognitions_of_others_404_and_the_board_reads_none(
    api_for, make_user, other_organisation, board_member, young_person
):
    recognition = RecognitionFactory(young_person=young_person)
    stranger = api_for(make_user("partner_worker", organisation=other_organisation))
    assert stranger.get(f"{RECOGNITIONS}{recognition.pk}/").status_code == 404
    assert api_for(board_member).get(RECOGNITIONS).status_code == 403


def test_session_hours_and_defaults_are_set_by_the_right_roles(
    api_for, officer, lead, partner_worker, organisation
):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    body = {"session": session.pk, "hours": "2.5"}
    assert api_for(partner_worker).post(HOURS, body, format="json").status_code == 403
    set_ = api_for(officer).post(HOURS, body, format="json")
    assert set_.status_code == 201 and set_.json()["hours"] == "2.5"
    assert api_for(partner_worker).get(HOURS).json()["count"] == 1
    bad = api_for(officer).post(HOURS, body | {"hours": "40"}, format="json")
    assert bad.status_code == 400 and "hours" in bad.json()
    assert (
        api_for(officer).post(DEFAULTS, {"session_kind": "event", "hours": "4"}).status_code == 403
    )
    made = api_for(lead).post(DEFAULTS, {"session_kind": "event", "hours": "4"}, format="json")
    assert made.status_code == 201 and api_for(officer).get(DEFAULTS).json()["count"] == 1


def test_an_expense_claim_goes_from_submitted_to_approved_to_paid(
    api_for, partner_worker, officer, lead, young_person, organisation
):
    worker = api_for(partner_worker)
    body = {
        "organisation": organisation.pk,
        "young_person": young_person.pk,
        "purpose": "Youth council",
        "items": [
            {"kind": "travel", "date": "2026-10-01", "description": "Bus", "amount": "3.20"},
            {"kind": "subsistence", "date": "2026-10-01", "description": "Lunch", "amount": "5"},
        ],
    }
    made = worker.post(CLAIMS, body, format="json")
    assert made.status_code == 201, made.content
    claim = made.json()
    assert claim["total"] == "8.20" and len(claim["items"]) == 2 and claim["status"] == "submitted"
    url = f"{CLAIMS}{claim['id']}/"
    # Paying first is refused, saying why; an officer does not approve; the lead does, once.
    early = api_for(officer).post(f"{url}pay/", {"paid_on": "2026-10-15", "payment_reference": "P"})
    assert early.status_code == 400 and "Approve the claim before paying it" in str(early.json())
    assert api_for(officer).post(f"{url}approve/").status_code == 403
    assert worker.post(f"{url}approve/").status_code == 403
    approved = api_for(lead).post(f"{url}approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    twice = api_for(lead).post(f"{url}approve/")
    assert twice.status_code == 400 and "already been approved" in str(twice.json())
    assert worker.patch(url, {"purpose": "x"}, format="json").status_code == 400
    bad = api_for(officer).post(f"{url}pay/", {"paid_on": "2026-10-15"}, format="json")
    assert bad.status_code == 400 and "payment_reference" in bad.json()
    paid = api_for(officer).post(
        f"{url}pay/", {"paid_on": "2026-10-15", "payment_reference": "BACS-1"}, format="json"
    )
    assert paid.status_code == 200 and paid.json()["status"] == "paid"


def test_claims_refuse_bad_input_and_their_own_approval(
    api_for, lead, admin_user, organisation, young_person
):
    api = api_for(lead)
    base = {"organisation": organisation.pk, "purpose": "Train", "own_costs": True}
    no_items = api.post(CLAIMS, base | {"items": []}, format="json")
    assert no_items.status_code == 400 and "items" in no_items.json()
    both = api.post(
        CLAIMS,
        base
        | {
            "young_person": young_person.pk,
            "items": [{"kind": "travel", "date": "2026-10-01", "description": "x", "amount": "1"}],
        },
        format="json",
    )
    assert both.status_code == 400 and "young_person" in both.json()
    bad_amount = api.post(
        CLAIMS,
        base
        | {"items": [{"kind": "taxi", "date": "2026-10-01", "description": "x", "amount": "x"}]},
        format="json",
    )
    assert bad_amount.status_code == 400
    own = api.post(
        CLAIMS,
        base
        | {"items": [{"kind": "travel", "date": "2026-10-01", "description": "x", "amount": "9"}]},
        format="json",
    )
    assert own.status_code == 201 and own.json()["claimant"] == lead.pk
    url = f"{CLAIMS}{own.json()['id']}/"
    assert api.post(f"{url}approve/").status_code == 403  # their own
    rejected = api_for(admin_user).post(f"{url}reject/", {"rejection_reason": ""}, format="json")
    assert rejected.status_code == 400 and "rejection_reason" in rejected.json()
    rejected = api_for(admin_user).post(f"{url}reject/", {"rejection_reason": "No"}, format="json")
    assert rejected.json()["status"] == "rejected"


def test_claims_of_others_404_the_board_reads_them_and_waiting_ones_are_deleted(
    api_for, make_user, other_organisation, board_member, partner_worker, organisation
):
    claim = ClaimFactory(organisation=organisation)
    ItemFactory(claim=claim)
    stranger = api_for(make_user("partner_worker", organisation=other_organisation))
    assert stranger.get(f"{CLAIMS}{claim.pk}/").status_code == 404
    board = api_for(board_member)
    assert board.get(f"{CLAIMS}{claim.pk}/").status_code == 200
    assert board.delete(f"{CLAIMS}{claim.pk}/").status_code == 403
    assert api_for(partner_worker).delete(f"{CLAIMS}{claim.pk}/").status_code == 204
    assert not ExpenseClaim.objects.exists()


def test_a_partner_invoice_is_received_approved_and_paid(
    api_for, partner_worker, lead, officer, organisation, other_organisation
):
    worker = api_for(partner_worker)
    body = {
        "organisation": organisation.pk,
        "reference": "INV-7",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "description": "Room hire",
        "amount": "300.00",
    }
    made = worker.post(INVOICES, body, format="json")
    assert made.status_code == 201, made.content
    assert worker.post(INVOICES, body, format="json").status_code == 400  # same reference
    wrong = worker.post(INVOICES, body | {"organisation": other_organisation.pk}, format="json")
    assert wrong.status_code == 400 and "organisation" in wrong.json()
    url = f"{INVOICES}{made.json()['id']}/"
    assert worker.patch(url, {"amount": "310.00"}, format="json").json()["amount"] == "310.00"
    assert api_for(officer).post(f"{url}approve/").status_code == 403
    assert api_for(lead).post(f"{url}approve/").json()["status"] == "approved"
    paid = api_for(officer).post(
        f"{url}pay/", {"paid_on": "2026-10-15", "payment_reference": "BACS-2"}, format="json"
    )
    assert paid.json()["status"] == "paid"
    other = InvoiceFactory(organisation=organisation)
    rejected = api_for(lead).post(
        f"{INVOICES}{other.pk}/reject/", {"rejection_reason": "Not agreed"}, format="json"
    )
    assert rejected.json()["status"] == "rejected"
    third = InvoiceFactory(organisation=organisation)
    assert worker.delete(f"{INVOICES}{third.pk}/").status_code == 204
    stranger = InvoiceFactory(organisation=other_organisation)
    assert worker.get(f"{INVOICES}{stranger.pk}/").status_code == 404
