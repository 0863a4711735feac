"""The rewards services: what they save, refuse and audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.core.models import AuditEntry
from heard.rewards import services
from heard.rewards.models import Approval, ExpenseClaim, HoursDefault, Recognition, SessionHours
from heard.rewards.services import claims as claim_services
from tests import factories
from tests.rewards.factories import InvoiceFactory, ItemFactory, RecognitionFactory

DAY = datetime.date(2026, 10, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
Kind = Recognition.Kind


def _item(**values):
    return {
        "kind": "travel",
        "date": DAY,
        "description": " Bus fare ",
        "amount": Decimal("3.20"),
        **values,
    }


def _give(actor, young_person, **values):
    fields = {
        "young_person": young_person,
        "kind": Kind.CERTIFICATE,
        "title": "  Interview panel ",
        "date": DAY,
        "organisation": young_person.organisation,
    }
    return services.recognition_give(actor=actor, **(fields | values))


# Recognitions ---------------------------------------------------------------------------------


def test_a_recognition_is_given_with_its_kinds_details_and_audited(officer, young_person):
    voucher = _give(
        officer,
        young_person,
        kind=Kind.VOUCHER,
        voucher_value=Decimal("10"),
        voucher_supplier=" Love2shop ",
        hours=Decimal("3"),
        accreditation_body="ASDAN",
    )
    assert voucher.title == "Interview panel" and voucher.voucher_supplier == "Love2shop"
    assert voucher.hours is None and voucher.accreditation_body == ""  # not a voucher's
    assert voucher.given_by == officer
    entry = AuditEntry.objects.get(event="recognition.given")
    assert entry.changes["voucher_value"] == [None, "10.00"] or entry.changes["voucher_value"][1]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "medal"}, "kind"),
        ({"kind": Kind.ACCREDITATION}, "accreditation_body"),
        ({"kind": Kind.ACCREDITATION, "accreditation_body": "ASDAN"}, "accreditation_level"),
        ({"kind": Kind.VOUCHER, "voucher_supplier": "Argos"}, "voucher_value"),
        ({"kind": Kind.VOUCHER, "voucher_value": Decimal("-1")}, "voucher_supplier"),
        ({"kind": Kind.HOURS}, "hours"),
        ({"title": ""}, "title"),
        ({"date": datetime.date(2999, 1, 1)}, "date"),
        ({"organisation": None}, "organisation"),
    ],
)
def test_a_recognition_is_refused_with_a_message_at_the_field(officer, young_person, values, field):
    with pytest.raises(ValidationError) as refused:
        _give(officer, young_person, **values)
    assert field in refused.value.message_dict
    assert not Recognition.objects.exists()


def test_a_partner_worker_gives_recognitions_to_their_own_only(
    partner_worker, young_person, other_organisation, theme_lead
):
    _give(partner_worker, young_person)
    with pytest.raises(ValidationError) as refused:
        _give(partner_worker, young_person, organisation=other_organisation)
    assert refused.value.message_dict["organisation"] == ["Choose your own organisation."]
    stranger = factories.YoungPersonFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        _give(partner_worker, stranger)
    with pytest.raises(PermissionDenied):
        _give(theme_lead, young_person)


def test_a_recognition_for_someone_unseen_is_refused(officer):
    with pytest.raises(ValidationError) as refused:
        services.recognition_give(
            actor=officer,
            young_person=None,
            kind=Kind.CERTIFICATE,
            title="x",
            date=DAY,
            organisation=factories.OrganisationFactory(),
        )
    assert "young_person" in refused.value.message_dict


def test_a_recognition_is_changed_and_deleted_with_history(officer, young_person):
    recognition = _give(officer, young_person)
    changed = services.recognition_update(
        actor=officer, recognition=recognition, kind=Kind.HOURS, hours=Decimal("4.5")
    )
    assert changed.kind == Kind.HOURS and changed.hours == Decimal("4.5")
    assert AuditEntry.objects.get(event="recognition.changed").changes["hours"][1] == "4.5"
    with pytest.raises(ValidationError):
        services.recognition_update(actor=officer, recognition=changed, kind=Kind.VOUCHER)
    services.recognition_delete(actor=officer, recognition=changed)
    assert not Recognition.objects.exists()
    assert AuditEntry.objects.filter(event="recognition.deleted").exists()


def test_a_partner_worker_cannot_change_anothers_recognition(partner_worker, other_organisation):
    theirs = RecognitionFactory(
        young_person=factories.YoungPersonFactory(organisation=other_organisation)
    )
    with pytest.raises(PermissionDenied):
        services.recognition_update(actor=partner_worker, recognition=theirs, title="Mine")
    with pytest.raises(PermissionDenied):
        services.recognition_delete(actor=partner_worker, recognition=theirs)


# Hours ------------------------------------------------------------------------------------------


def test_session_hours_are_set_then_changed_by_programme_staff(officer, session, partner_worker):
    first = services.session_hours_set(actor=officer, session=session, hours="2.5")
    assert first.hours == Decimal("2.5") and first.set_by == officer
    again = services.session_hours_set(actor=officer, session=session, hours=Decimal("3"))
    assert again.pk == first.pk and again.hours == Decimal("3")
    assert SessionHours.objects.count() == 1
    assert AuditEntry.objects.filter(event="session_hours.set").count() == 1
    assert AuditEntry.objects.get(event="session_hours.changed").changes["hours"] == ["2.5", "3.0"]
    with pytest.raises(PermissionDenied):
        services.session_hours_set(actor=partner_worker, session=session, hours=1)


@pytest.mark.parametrize("hours", ["", None, "lots", "0", "25", "1.25", "NaN", "Infinity"])
def test_session_hours_must_be_a_sensible_number(officer, session, hours):
    with pytest.raises(ValidationError) as refused:
        services.session_hours_set(actor=officer, session=session, hours=hours)
    assert "hours" in refused.value.message_dict


def test_a_lead_sets_the_default_hours_of_a_kind(lead, officer):
    made = services.hours_default_set(actor=lead, session_kind="event", hours="5")
    changed = services.hours_default_set(actor=lead, session_kind="event", hours="6")
    assert made.pk == changed.pk and HoursDefault.objects.get().hours == Decimal("6")
    with pytest.raises(PermissionDenied):
        services.hours_default_set(actor=officer, session_kind="event", hours="1")
    for kind, hours, field in [
        ("party", "1", "session_kind"),
        ("event", "", "hours"),
        ("event", "x", "hours"),
        ("visit", "30", "hours"),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.hours_default_set(actor=lead, session_kind=kind, hours=hours)
        assert field in refused.value.message_dict


# Expense claims ---------------------------------------------------------------------------------


def test_a_claim_goes_from_submitted_to_approved_to_paid(
    partner_worker, lead, officer, young_person
):
    receipt = SimpleUploadedFile("ticket.png", PNG, content_type="image/png")
    claim = services.claim_submit(
        actor=partner_worker,
        organisation=young_person.organisation,
        young_person=young_person,
        purpose="Youth council in town",
        items=[_item(receipt=receipt), _item(kind="subsistence", amount=Decimal("5"))],
    )
    assert claim.status == Approval.SUBMITTED and claim.submitted_by == partner_worker
    item = claim.items.order_by("pk").first()
    assert item.description == "Bus fare" and item.receipt_content_type == "image/png"
    assert item.receipt.name.endswith(".png") and "ticket" not in item.receipt.name
    assert AuditEntry.objects.filter(event="expense_item.created").count() == 2
    # Paying before approval is refused, saying why.
    with pytest.raises(ValidationError, match="Approve the claim before paying it"):
        services.claim_pay(actor=officer, claim=claim, paid_on=DAY, payment_reference="P1")
    # An officer does not approve.
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=officer, claim=claim)
    approved = services.claim_approve(actor=lead, claim=claim)
    assert approved.status == Approval.APPROVED and approved.decided_by == lead
    with pytest.raises(ValidationError, match="already been approved"):
        services.claim_approve(actor=lead, claim=claim)
    with pytest.raises(ValidationError, match="already been approved"):
        services.claim_reject(actor=lead, claim=claim, rejection_reason="No")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.claim_update(actor=partner_worker, claim=claim, purpose="Other")
    with pytest.raises(ValidationError) as refused:
        services.claim_pay(actor=officer, claim=claim, paid_on=None, payment_reference="")
    assert set(refused.value.message_dict) == {"paid_on", "payment_reference"}
    paid = services.claim_pay(
        actor=officer, claim=claim, paid_on=approved.decided_on, payment_reference=" BACS-1 "
    )
    assert paid.status == Approval.PAID and paid.payment_reference == "BACS-1"
    assert AuditEntry.objects.get(event="expense_claim.paid").changes["status"] == [
        "approved",
        "paid",
    ]
    with pytest.raises(ValidationError, match="already been paid"):
        services.claim_pay(actor=officer, claim=claim, paid_on=DAY, payment_reference="P2")


@pytest.mark.parametrize(
    ("paid_on", "reference", "field"),
    [
        (datetime.date(2999, 1, 1), "R", "paid_on"),
        (datetime.date(2000, 1, 1), "R", "paid_on"),
        (DAY, "a\nb", "payment_reference"),
    ],
)
def test_a_payment_needs_a_sensible_date_and_reference(
    claim, lead, officer, paid_on, reference, field
):
    services.claim_approve(actor=lead, claim=claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_pay(actor=officer, claim=claim, paid_on=paid_on, payment_reference=reference)
    assert field in refused.value.message_dict


def test_a_claim_is_rejected_with_a_reason(claim, lead):
    with pytest.raises(ValidationError) as refused:
        services.claim_reject(actor=lead, claim=claim, rejection_reason="  ")
    assert "rejection_reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.claim_reject(actor=lead, claim=claim, rejection_reason="x" * 2001)
    rejected = services.claim_reject(actor=lead, claim=claim, rejection_reason="No receipt.")
    assert rejected.status == Approval.REJECTED and rejected.rejection_reason == "No receipt."
    with pytest.raises(ValidationError, match="already been rejected"):
        services.claim_approve(actor=lead, claim=claim)
    with pytest.raises(ValidationError, match="already been rejected"):
        services.claim_pay(actor=lead, claim=claim, paid_on=DAY, payment_reference="R")


def test_nobody_approves_their_own_claim(lead, admin_user, organisation):
    own = services.claim_submit(
        actor=lead, organisation=organisation, claimant=lead, purpose="Train", items=[_item()]
    )
    assert own.claimant == lead and own.young_person is None
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=lead, claim=own)
    assert services.claim_approve(actor=admin_user, claim=own).status == Approval.APPROVED


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"items": []}, "items"),
        ({"items": [_item()] * 31}, "items"),
        ({"young_person": None}, "young_person"),
        ({"claimant": "me"}, "young_person"),
        ({"purpose": ""}, "purpose"),
        ({"items": [_item(amount=Decimal("0"))]}, "amount"),
        ({"items": [_item(kind="taxi")]}, "kind"),
        ({"items": [_item(date=datetime.date(2999, 1, 1))]}, "date"),
        ({"items": [_item(receipt="a file")]}, "receipt"),
        ({"items": [_item(receipt=SimpleUploadedFile("x.png", b""))]}, "receipt"),
        ({"items": [_item(receipt=SimpleUploadedFile("x.pdf", PNG))]}, "receipt"),
        ({"items": [_item(receipt=SimpleUploadedFile("x.mp3", b"ID3" + b"\x00" * 20))]}, "receipt"),
        ({"items": [_item(receipt=SimpleUploadedFile("x.exe", b"MZ" + b"\x00" * 20))]}, "receipt"),
    ],
)
def test_a_claim_is_refused_with_a_message_at_the_field(officer, young_person, values, field):
    fields = {
        "organisation": young_person.organisation,
        "young_person": young_person,
        "purpose": "Trip",
        "items": [_item()],
    }
    if values.get("claimant") == "me":
        values = {"claimant": officer}
    with pytest.raises(ValidationError) as refused:
        services.claim_submit(actor=officer, **(fields | values))
    assert field in refused.value.message_dict, refused.value.message_dict
    assert not ExpenseClaim.objects.exists()


def test_a_partner_worker_claims_for_their_own_organisation_only(
    partner_worker, young_person, other_organisation, officer, board_member
):
    stranger = factories.YoungPersonFactory(organisation=other_organisation)
    for values, field in [
        ({"organisation": other_organisation}, "organisation"),
        ({"young_person": stranger}, "young_person"),
        ({"young_person": None, "claimant": officer}, "claimant"),
    ]:
        fields = {
            "organisation": young_person.organisation,
            "young_person": young_person,
            "purpose": "Trip",
            "items": [_item()],
        }
        with pytest.raises(ValidationError) as refused:
            services.claim_submit(actor=partner_worker, **(fields | values))
        assert field in refused.value.message_dict
    own = services.claim_submit(
        actor=partner_worker,
        organisation=young_person.organisation,
        claimant=partner_worker,
        purpose="Mileage",
        items=[_item()],
    )
    assert own.claimant == partner_worker
    with pytest.raises(PermissionDenied):
        services.claim_submit(
            actor=board_member,
            organisation=young_person.organisation,
            claimant=board_member,
            purpose="x",
            items=[_item()],
        )


def test_a_waiting_claim_is_changed_its_items_added_and_deleted(claim, partner_worker, officer):
    changed = services.claim_update(actor=partner_worker, claim=claim, purpose=" Bus ")
    assert changed.purpose == "Bus"
    switched = services.claim_update(
        actor=partner_worker, claim=claim, young_person=None, claimant=partner_worker
    )
    assert switched.claimant == partner_worker
    # Programme staff may change what the partner worker claimed for themself.
    assert services.claim_update(actor=officer, claim=switched, purpose="Mileage").purpose == (
        "Mileage"
    )
    with pytest.raises(ValidationError) as refused:
        services.claim_update(actor=officer, claim=switched, claimant=partner_worker, purpose="")
    assert "purpose" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.claim_update(actor=officer, claim=switched, young_person=claim.young_person)
    assert refused.value.message_dict["young_person"] == [claim_services.WHOSE]
    item = services.item_add(
        actor=partner_worker,
        claim=claim,
        kind="other",
        date=DAY,
        description="Lunch",
        amount=Decimal("6.00"),
        receipt=SimpleUploadedFile("r.pdf", b"%PDF-1.4 receipt"),
    )
    assert item.receipt_content_type == "application/pdf"
    with pytest.raises(ValidationError) as refused:
        services.item_add(
            actor=partner_worker, claim=claim, kind="other", date=DAY, description="", amount=1
        )
    assert "description" in refused.value.message_dict
    services.item_delete(actor=partner_worker, item=item)
    with pytest.raises(ValidationError, match="at least one item"):
        services.item_delete(actor=partner_worker, item=claim.items.get())
    assert AuditEntry.objects.filter(event="expense_item.deleted").count() == 1
    services.claim_delete(actor=partner_worker, claim=claim)
    assert not ExpenseClaim.objects.exists()


def test_a_claim_holds_thirty_items_at_most(claim, officer):
    for _ in range(claim_services.MAX_ITEMS - 1):
        ItemFactory(claim=claim)
    with pytest.raises(ValidationError, match="30 items at most"):
        services.item_add(
            actor=officer, claim=claim, kind="travel", date=DAY, description="x", amount=1
        )


def test_a_decided_claim_is_neither_deleted_nor_given_items(claim, lead, officer):
    services.claim_approve(actor=lead, claim=claim)
    with pytest.raises(ValidationError):
        services.claim_delete(actor=officer, claim=claim)
    with pytest.raises(ValidationError):
        services.item_add(
            actor=officer, claim=claim, kind="travel", date=DAY, description="x", amount=1
        )
    with pytest.raises(ValidationError):
        services.item_delete(actor=officer, item=claim.items.get())


def test_another_organisations_partner_cannot_touch_a_claim(claim, make_user, other_organisation):
    stranger = make_user("partner_worker", organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.claim_update(actor=stranger, claim=claim, purpose="x")
    with pytest.raises(PermissionDenied):
        services.claim_delete(actor=stranger, claim=claim)


def test_approving_reads_the_claim_again_under_lock(claim, lead):
    """A stale copy (approved meanwhile by someone else) is refused: the status is read again."""
    stale = ExpenseClaim.objects.get(pk=claim.pk)
    services.claim_approve(actor=lead, claim=claim)
    other = factories.UserFactory(role="administrator")
    with pytest.raises(ValidationError, match="already been approved"):
        services.claim_approve(actor=other, claim=stale)


# Partner invoices -------------------------------------------------------------------------------


def _record(actor, organisation, **values):
    fields = {
        "organisation": organisation,
        "reference": " INV-1 ",
        "period_start": datetime.date(2026, 7, 1),
        "period_end": datetime.date(2026, 9, 30),
        "description": "Room hire",
        "amount": Decimal("120.00"),
    }
    return services.invoice_record(actor=actor, **(fields | values))


def test_an_invoice_is_received_approved_and_paid(partner_worker, organisation, lead, officer):
    invoice = _record(partner_worker, organisation)
    assert invoice.reference == "INV-1" and invoice.recorded_by == partner_worker
    changed = services.invoice_update(actor=partner_worker, invoice=invoice, amount=Decimal("130"))
    assert changed.amount == Decimal("130")
    with pytest.raises(PermissionDenied):
        services.invoice_approve(actor=officer, invoice=invoice)
    invoice = services.invoice_approve(actor=lead, invoice=invoice)
    with pytest.raises(ValidationError):
        services.invoice_update(actor=partner_worker, invoice=invoice, amount=Decimal("1"))
    paid = services.invoice_pay(
        actor=officer, invoice=invoice, paid_on=invoice.decided_on, payment_reference="BACS"
    )
    assert paid.status == Approval.PAID
    assert [e.event for e in AuditEntry.objects.order_by("pk")][-3:] == [
        "partner_invoice.changed",
        "partner_invoice.approved",
        "partner_invoice.paid",
    ]


def test_an_invoice_is_rejected_or_deleted_while_waiting(organisation, lead, officer):
    rejected = services.invoice_reject(
        actor=lead, invoice=_record(officer, organisation), rejection_reason="Not agreed."
    )
    assert rejected.status == Approval.REJECTED
    waiting = _record(officer, organisation, reference="INV-2")
    services.invoice_delete(actor=officer, invoice=waiting)
    with pytest.raises(ValidationError):
        services.invoice_delete(actor=officer, invoice=rejected)


def test_nobody_approves_an_invoice_they_recorded(lead, organisation):
    with pytest.raises(PermissionDenied):
        services.invoice_approve(actor=lead, invoice=_record(lead, organisation))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reference": ""}, "reference"),
        ({"period_end": datetime.date(2026, 6, 1)}, "period_end"),
        ({"amount": Decimal("0")}, "amount"),
        ({"organisation": None}, "organisation"),
    ],
)
def test_an_invoice_is_refused_with_a_message_at_the_field(officer, organisation, values, field):
    values = dict(values)
    chosen = values.pop("organisation", organisation)
    with pytest.raises(ValidationError) as refused:
        _record(officer, chosen, **values)
    assert field in refused.value.message_dict


def test_invoices_are_a_partners_own_and_unique_by_reference(
    partner_worker, organisation, other_organisation, officer
):
    with pytest.raises(ValidationError) as refused:
        _record(partner_worker, other_organisation)
    assert refused.value.message_dict["organisation"] == ["Choose your own organisation."]
    InvoiceFactory(organisation=organisation, reference="INV-1")
    with pytest.raises(ValidationError, match="already has an invoice"):
        _record(officer, organisation)
    theirs = InvoiceFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.invoice_update(actor=partner_worker, invoice=theirs, amount=1)
    mine = InvoiceFactory(organisation=organisation)
    with pytest.raises(ValidationError) as refused:
        services.invoice_update(actor=partner_worker, invoice=mine, organisation=other_organisation)
    assert "organisation" in refused.value.message_dict
