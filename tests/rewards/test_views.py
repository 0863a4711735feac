"""The rewards pages: per role 200/403/404; a claim goes from submitted to approved to paid on
the web; certificates are tagged PDFs; lists export CSV and XLSX; the portal shows a young
person their own certificates and hours only."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from heard.core.models import AuditEntry
from heard.rewards.models import Approval, ExpenseClaim, HoursDefault, PartnerInvoice, Recognition
from tests import factories
from tests.rewards.factories import ClaimFactory, InvoiceFactory, ItemFactory, RecognitionFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
LISTS = [
    "rewards:recognition-list",
    "rewards:recognition-hours",
    "rewards:recognition-partners",
    "rewards:session-hours-list",
    "rewards:claim-list",
    "rewards:invoice-list",
]


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def records(organisation, young_person, partner_worker, session):
    factories.AttendanceFactory(session=session, young_person=young_person)
    recognition = RecognitionFactory(young_person=young_person, title="Panel <b>member</b>")
    claim = ClaimFactory(
        organisation=organisation, young_person=young_person, submitted_by=partner_worker
    )
    ItemFactory(claim=claim)
    invoice = InvoiceFactory(organisation=organisation)
    return recognition, claim, invoice


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("lead", dict.fromkeys(LISTS, 200)),
        ("partner_worker", dict.fromkeys(LISTS, 200)),
        (
            "board_member",
            {
                "rewards:recognition-list": 403,
                "rewards:recognition-hours": 403,
                "rewards:recognition-partners": 200,
                "rewards:session-hours-list": 403,
                "rewards:claim-list": 200,
                "rewards:invoice-list": 200,
            },
        ),
        (
            "theme_lead",
            {
                "rewards:recognition-list": 200,
                "rewards:recognition-hours": 200,
                "rewards:recognition-partners": 200,
                "rewards:session-hours-list": 200,
                "rewards:claim-list": 403,
                "rewards:invoice-list": 403,
            },
        ),
    ],
)
def test_each_list_answers_each_role_and_exports(as_user, request, records, role, expected):
    client = as_user(request.getfixturevalue(role))
    for name, status in expected.items():
        answer = client.get(reverse(name))
        assert answer.status_code == status, (name, answer.status_code)
        if status == 200:
            text = answer.content.decode()
            assert "<b>member</b>" not in text
            csv = client.get(reverse(name), {"format": "csv"})
            assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
            xlsx = client.get(reverse(name), {"format": "xlsx"})
            assert b"".join(xlsx.streaming_content).startswith(b"PK")


def test_anothers_records_answer_404(as_user, make_user, other_organisation, records):
    recognition, claim, invoice = records
    client = as_user(make_user("partner_worker", organisation=other_organisation))
    for url in [
        reverse("rewards:recognition-detail", args=[recognition.pk]),
        reverse("rewards:recognition-certificate", args=[recognition.pk]),
        reverse("rewards:claim-detail", args=[claim.pk]),
        reverse("rewards:claim-edit", args=[claim.pk]),
        reverse("rewards:invoice-detail", args=[invoice.pk]),
        reverse("rewards:item-receipt", args=[claim.items.get().pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_claim_goes_from_submitted_to_approved_to_paid_on_the_web(
    as_user, partner_worker, lead, officer, young_person, organisation
):
    worker = as_user(partner_worker)
    today = timezone.localdate()
    data = {
        "whose": "young_person",
        "young_person": young_person.reference.lower(),
        "organisation": organisation.pk,
        "purpose": "Youth council",
        "kind": "travel",
        **_date("date", today),
        "description": "Bus",
        "amount": "3.40",
        "receipt": SimpleUploadedFile("bus.png", PNG, content_type="image/png"),
    }
    answer = worker.post(reverse("rewards:claim-create"), data)
    claim = ExpenseClaim.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "rewards:claim-detail", args=[claim.pk]
    )
    item = claim.items.get()
    receipt = worker.get(reverse("rewards:item-receipt", args=[item.pk]))
    assert receipt.status_code == 200 and receipt["X-Content-Type-Options"] == "nosniff"
    more = {"kind": "subsistence", **_date("date", today), "description": "Lunch", "amount": "5"}
    assert worker.post(reverse("rewards:claim-add-item", args=[claim.pk]), more).status_code == 302
    page = worker.get(reverse("rewards:claim-detail", args=[claim.pk])).content.decode()
    assert "£8.40" in page and "Approve claim" not in page
    # The partner worker and an officer cannot approve; the lead can.
    assert worker.get(reverse("rewards:claim-approve", args=[claim.pk])).status_code == 403
    officer_client = as_user(officer)
    assert officer_client.post(reverse("rewards:claim-approve", args=[claim.pk])).status_code == 403
    lead_client = as_user(lead)
    assert (
        "Approve claim"
        in lead_client.get(reverse("rewards:claim-detail", args=[claim.pk])).content.decode()
    )
    assert lead_client.get(reverse("rewards:claim-approve", args=[claim.pk])).status_code == 200
    assert lead_client.post(reverse("rewards:claim-approve", args=[claim.pk])).status_code == 302
    claim.refresh_from_db()
    assert claim.status == Approval.APPROVED
    again = lead_client.post(reverse("rewards:claim-approve", args=[claim.pk]))
    assert again.status_code == 400 and "already been approved" in again.content.decode()
    pay = {**_date("paid_on", today), "payment_reference": "BACS-77"}
    assert (
        officer_client.post(reverse("rewards:claim-pay", args=[claim.pk]), pay).status_code == 302
    )
    claim.refresh_from_db()
    assert claim.status == Approval.PAID and claim.payment_reference == "BACS-77"
    finance = officer_client.get(reverse("rewards:claim-finance"), {"format": "csv"})
    text = b"".join(finance.streaming_content).decode()
    assert "BACS-77" in text and "Lunch" in text and "Bus" in text
    assert (
        officer_client.get(reverse("rewards:claim-finance"), {"format": "pdf"}).status_code == 404
    )


def test_a_claim_form_keeps_what_was_typed_and_says_what_is_wrong(as_user, officer, organisation):
    client = as_user(officer)
    data = {
        "whose": "young_person",
        "young_person": "",
        "organisation": organisation.pk,
        "purpose": "Trip =cmd",
        "kind": "travel",
        "date_day": "1",
        "date_month": "1",
        "date_year": "2026",
        "description": "Bus",
        "amount": "lots",
        "receipt": SimpleUploadedFile("x.png", b"not a png"),
    }
    answer = client.post(reverse("rewards:claim-create"), data)
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "Enter the reference of the young person." in text
    assert "Enter the amount as a number" in text
    assert 'value="Trip =cmd"' in text
    data |= {"young_person": "YP-NOPE99", "amount": "2"}
    text = client.post(reverse("rewards:claim-create"), data).content.decode()
    assert "No young person you can see has the reference YP-NOPE99" in text
    data |= {"whose": "mine", "receipt": SimpleUploadedFile("x.png", b"not a png")}
    text = client.post(reverse("rewards:claim-create"), data).content.decode()
    assert "A receipt must be a photo (JPEG or PNG) or a PDF." in text  # sniffed
    assert not ExpenseClaim.objects.exists()


def test_a_claim_is_edited_items_deleted_rejected_and_deleted(
    as_user, partner_worker, lead, records
):
    _, claim, _ = records
    worker = as_user(partner_worker)
    edit = reverse("rewards:claim-edit", args=[claim.pk])
    data = {
        "whose": "mine",
        "young_person": "",
        "organisation": claim.organisation_id,
        "purpose": "Mileage",
    }
    assert worker.get(edit).status_code == 200
    assert worker.post(edit, data).status_code == 302
    claim.refresh_from_db()
    assert claim.claimant == partner_worker and claim.young_person is None
    only = claim.items.get()
    refused = worker.post(reverse("rewards:item-delete", args=[only.pk]))
    assert refused.status_code == 400 and "at least one item" in refused.content.decode()
    second = ItemFactory(claim=claim)
    assert worker.get(reverse("rewards:item-delete", args=[second.pk])).status_code == 200
    assert worker.post(reverse("rewards:item-delete", args=[second.pk])).status_code == 302
    lead_client = as_user(lead)
    reject = reverse("rewards:claim-reject", args=[claim.pk])
    assert "Say why it is rejected" in lead_client.post(reject, {}).content.decode()
    assert lead_client.post(reject, {"rejection_reason": "Not agreed"}).status_code == 302
    refused = worker.post(reverse("rewards:claim-delete", args=[claim.pk]))
    assert refused.status_code == 400 and "already been rejected" in refused.content.decode()
    waiting = ClaimFactory(organisation=claim.organisation, submitted_by=partner_worker)
    ItemFactory(claim=waiting)
    assert worker.get(reverse("rewards:claim-delete", args=[waiting.pk])).status_code == 200
    assert worker.post(reverse("rewards:claim-delete", args=[waiting.pk])).status_code == 302
    assert not ExpenseClaim.objects.filter(pk=waiting.pk).exists()


def test_an_invoice_is_recorded_approved_paid_and_a_waiting_one_deleted(
    as_user, partner_worker, lead, officer, organisation
):
    worker = as_user(partner_worker)
    data = {
        "organisation": organisation.pk,
        "reference": "INV-9",
        **_date("period_start", timezone.localdate().replace(day=1)),
        **_date("period_end", timezone.localdate()),
        "description": "Room hire",
        "amount": "250.00",
    }
    assert worker.post(reverse("rewards:invoice-create"), data).status_code == 302
    invoice = PartnerInvoice.objects.get()
    edit = reverse("rewards:invoice-edit", args=[invoice.pk])
    assert worker.get(edit).status_code == 200
    assert worker.post(edit, data | {"amount": "260"}).status_code == 302
    lead_client = as_user(lead)
    assert (
        lead_client.post(reverse("rewards:invoice-approve", args=[invoice.pk])).status_code == 302
    )
    pay = {**_date("paid_on", timezone.localdate()), "payment_reference": "P-1"}
    officer_client = as_user(officer)
    assert (
        officer_client.post(reverse("rewards:invoice-pay", args=[invoice.pk]), pay).status_code
        == 302
    )
    invoice.refresh_from_db()
    assert invoice.status == Approval.PAID and invoice.amount == Decimal("260")
    other = InvoiceFactory(organisation=organisation)
    reject = reverse("rewards:invoice-reject", args=[other.pk])
    assert lead_client.get(reject).status_code == 200
    assert lead_client.post(reject, {"rejection_reason": "Duplicate"}).status_code == 302
    third = InvoiceFactory(organisation=organisation)
    assert worker.get(reverse("rewards:invoice-delete", args=[third.pk])).status_code == 200
    assert worker.post(reverse("rewards:invoice-delete", args=[third.pk])).status_code == 302
    page = worker.get(reverse("rewards:invoice-detail", args=[invoice.pk])).content.decode()
    assert "P-1" in page


def test_a_recognition_is_given_edited_and_deleted_with_a_tagged_certificate(
    as_user, partner_worker, young_person, organisation
):
    client = as_user(partner_worker)
    data = {
        "young_person": young_person.reference,
        "kind": "accreditation",
        "title": "Youth panel",
        **_date("date", timezone.localdate()),
        "organisation": organisation.pk,
        "accreditation_body": "",
        "accreditation_level": "Level 1",
    }
    text = client.post(reverse("rewards:recognition-create"), data).content.decode()
    assert "Enter the awarding body" in text
    answer = client.post(
        reverse("rewards:recognition-create"), data | {"accreditation_body": "ASDAN"}
    )
    recognition = Recognition.objects.get()
    assert answer["Location"] == reverse("rewards:recognition-detail", args=[recognition.pk])
    page = client.get(answer["Location"]).content.decode()
    assert "Level 1, ASDAN" in page and "Jo" in page
    edit = reverse("rewards:recognition-edit", args=[recognition.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, data | {"accreditation_body": "AQA"}).status_code == 302
    pdf = client.get(reverse("rewards:recognition-certificate", args=[recognition.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = reader.pages[0].extract_text()
    assert "Jo" in text and "Youth panel" in text and "Level 1, AQA" in text
    assert (
        client.get(reverse("rewards:recognition-delete", args=[recognition.pk])).status_code == 200
    )
    assert (
        client.post(reverse("rewards:recognition-delete", args=[recognition.pk])).status_code == 302
    )
    assert AuditEntry.objects.filter(event="recognition.deleted").exists()


def test_session_hours_and_defaults_are_set_by_the_right_roles(
    as_user, officer, lead, partner_worker, session
):
    edit = reverse("rewards:session-hours-edit", args=[session.pk])
    assert as_user(partner_worker).get(edit).status_code == 403
    client = as_user(officer)
    assert "Enter the hours as a number" in client.post(edit, {"hours": "x"}).content.decode()
    assert client.post(edit, {"hours": "3.5"}).status_code == 302
    assert session.reward_hours.hours == Decimal("3.5")
    defaults = reverse("rewards:session-hours-defaults")
    assert client.get(defaults).status_code == 403
    lead_client = as_user(lead)
    form = lead_client.get(defaults)
    assert form.status_code == 200
    values = dict.fromkeys(
        [
            "visit",
            "group_session",
            "event",
            "consultation",
            "one_to_one_review",
            "panel",
            "meeting",
        ],
        "2.0",
    )
    assert lead_client.post(defaults, values | {"event": "6"}).status_code == 302
    assert HoursDefault.objects.get().hours == Decimal("6")
    refused = lead_client.post(defaults, values | {"event": "30", "panel": "0"})
    assert refused.status_code == 200 and "24 hours at most" in refused.content.decode()
    assert HoursDefault.objects.count() == 1  # nothing saved


def test_partner_totals_are_protected_for_the_board(
    as_user, board_member, officer, records, young_person
):
    earlier = factories.SessionFactory(date=datetime.date(2026, 5, 1))
    factories.AttendanceFactory(session=earlier, young_person=young_person)
    board = as_user(board_member).get(reverse("rewards:recognition-partners")).content.decode()
    assert "Protected" in board and "protected-note" in board and "All time" not in board
    staff = as_user(officer).get(reverse("rewards:recognition-partners")).content.decode()
    assert "All time" in staff and "protected-note" not in staff
    period = as_user(officer).get(reverse("rewards:recognition-hours"), {"period": "all"})
    assert period.status_code == 200


def test_the_portal_shows_a_young_person_their_own_certificates_and_hours(
    portal_client, young_person, records
):
    recognition, _, _ = records
    other = RecognitionFactory(title="NOT-MINE")
    client = portal_client(young_person)
    page = client.get(reverse("rewards:portal-certificates")).content.decode()
    assert "Panel &lt;b&gt;member&lt;/b&gt;" in page and "NOT-MINE" not in page
    assert "2 hours" in page
    pdf = client.get(reverse("rewards:portal-certificate", args=[recognition.pk]))
    assert pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("rewards:portal-certificate", args=[other.pk])).status_code == 404
    assert client_signed_out_goes_to_sign_in()


def client_signed_out_goes_to_sign_in():
    from django.test import Client

    answer = Client().get(reverse("rewards:portal-certificates"))
    return answer.status_code == 302 and reverse("portal:sign-in") in answer["Location"]


def test_lists_search_and_filter(as_user, officer, records, young_person, organisation):
    recognition, claim, invoice = records
    client = as_user(officer)
    searches = {
        "rewards:recognition-list": ({"q": young_person.reference}, recognition.title),
        "rewards:recognition-hours": (
            {"q": young_person.reference[-3:], "organisation": organisation.pk},
            young_person.reference,
        ),
        "rewards:session-hours-list": ({"q": "", "kind": "visit", "hours_set": "no"}, "Visit"),
        "rewards:claim-list": ({"q": young_person.reference, "status": "submitted"}, claim.purpose),
        "rewards:invoice-list": ({"q": invoice.reference}, invoice.reference),
    }
    for name, (query, expected) in searches.items():
        answer = client.get(reverse(name), query)
        assert answer.status_code == 200 and escape(expected) in answer.content.decode(), name
    none = client.get(reverse("rewards:claim-list"), {"q": "nothing-like-this"})
    assert "No claims match your search." in none.content.decode()
    set_only = client.get(reverse("rewards:session-hours-list"), {"hours_set": "yes"})
    assert "No sessions match your search." in set_only.content.decode()
