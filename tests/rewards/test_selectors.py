"""The rewards reads: hours from attended sessions, totals per young person and partner with
the disclosure policy, and lists in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from heard.core.suppression import SMALL
from heard.participation.models import Attendance
from heard.rewards import selectors, services
from heard.rewards.models import Approval, HoursDefault, Recognition, SessionHours
from tests import factories
from tests.rewards.factories import ClaimFactory, InvoiceFactory, ItemFactory, RecognitionFactory

DAY = datetime.date(2026, 10, 1)


@pytest.fixture
def attended(organisation, young_person):
    """Jo attended a visit (default hours), an event with its own 5 hours, and sent apologies
    to a third session, which does not count."""
    group = factories.GroupFactory(host_organisation=organisation)
    visit = factories.SessionFactory(group=group, kind="visit", date=DAY)
    event = factories.SessionFactory(group=group, kind="event", date=DAY)
    missed = factories.SessionFactory(group=group, kind="event", date=DAY)
    SessionHours.objects.create(session=event, hours=Decimal("5"))
    factories.AttendanceFactory(session=visit, young_person=young_person)
    factories.AttendanceFactory(session=event, young_person=young_person)
    factories.AttendanceFactory(
        session=missed, young_person=young_person, status=Attendance.Status.APOLOGIES
    )
    return visit, event


def test_hours_come_from_attended_sessions_and_hours_given(attended, young_person, officer):
    RecognitionFactory(young_person=young_person, kind="hours", hours=Decimal("1.5"))
    RecognitionFactory(young_person=young_person, kind="voucher", voucher_value=Decimal("10"))
    row = selectors.young_people_hours(officer).get()
    assert row.sessions_attended == 2
    assert row.session_hours == Decimal("7.0")  # 2 by the fallback for a visit, 5 set
    assert row.recognised_hours == Decimal("1.5") and row.total_hours == Decimal("8.5")
    assert row.recognition_count == 2 and row.voucher_value == Decimal("10")
    # A lead's default for visits counts for every visit without its own hours.
    HoursDefault.objects.create(session_kind="visit", hours=Decimal("3"))
    assert selectors.young_people_hours(officer).get().session_hours == Decimal("8.0")
    mine = selectors.hours_of(young_person)
    assert (mine.sessions_attended, mine.session_hours, mine.total) == (
        2,
        Decimal("8.0"),
        Decimal("9.5"),
    )


def test_hours_in_a_period_and_for_nobody(attended, young_person, officer, board_member):
    later = DAY + datetime.timedelta(days=1)
    assert not selectors.young_people_hours(officer, start=later).exists()
    assert selectors.young_people_hours(officer, end=DAY).exists()
    assert not selectors.young_people_hours(board_member).exists()  # never sees young people
    nobody = factories.YoungPersonFactory()
    assert selectors.hours_of(nobody).total == 0


def test_hours_defaults_and_sessions_with_hours(attended, officer, board_member):
    defaults = {row.kind: row for row in selectors.hours_defaults()}
    assert defaults["visit"].hours == Decimal("2.0") and not defaults["visit"].is_set
    visit, event = attended
    rows = {row.pk: row for row in selectors.sessions_with_hours(officer)}
    assert rows[event.pk].hours == Decimal("5") and rows[event.pk].hours_set == Decimal("5")
    assert rows[visit.pk].hours_set is None and rows[visit.pk].attended == 1
    assert selectors.session_with_hours_get(officer, event.pk) == event
    assert not selectors.sessions_with_hours(board_member).exists()
    with pytest.raises(Http404):
        selectors.session_with_hours_get(officer, "x")


def _people(organisation, count, **attendance):
    session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=organisation), date=DAY
    )
    for _ in range(count):
        factories.AttendanceFactory(
            session=session, young_person=factories.YoungPersonFactory(organisation=organisation)
        )


def test_totals_per_partner_exact_for_staff_and_protected_for_the_board(
    organisation, other_organisation, officer, board_member, partner_worker
):
    _people(organisation, 3)
    _people(other_organisation, 7)
    RecognitionFactory(
        young_person=factories.YoungPersonFactory(organisation=organisation),
        kind="voucher",
        voucher_value=Decimal("15"),
    )
    exact = {row.organisation: row for row in selectors.totals_by_organisation(officer)}
    assert exact[organisation].shown_young_people == 4
    assert exact[organisation].shown_with_session_hours == 3
    assert exact[organisation].session_hours == Decimal("6.0")
    assert exact[organisation].voucher_value == Decimal("15")
    assert exact[organisation].total_hours == Decimal("6.0")
    assert exact[other_organisation].shown_young_people == 7
    protected = {row.organisation: row for row in selectors.totals_by_organisation(board_member)}
    assert not protected[organisation].exact
    assert protected[organisation].shown_young_people in (SMALL, 5)  # never 4
    assert protected[other_organisation].shown_young_people in (5, 10)  # never 7
    partner = {row.organisation: row for row in selectors.totals_by_organisation(partner_worker)}
    assert partner[organisation].exact and partner[organisation].shown_young_people == 4
    assert not partner[other_organisation].exact
    empty = factories.OrganisationFactory()
    assert empty not in exact  # no figures, no row
    assert selectors.totals_by_organisation(officer, start=DAY + datetime.timedelta(1)) == []


def test_recognitions_are_read_as_their_young_person(
    organisation, other_organisation, partner_worker, board_member, young_person
):
    own = RecognitionFactory(young_person=young_person)
    RecognitionFactory(young_person=factories.YoungPersonFactory(organisation=other_organisation))
    assert list(selectors.recognitions_visible_to(partner_worker)) == [own]
    assert not selectors.recognitions_visible_to(board_member).exists()
    assert selectors.recognition_get(partner_worker, own.pk) == own
    with pytest.raises(Http404):
        selectors.recognition_get(board_member, own.pk)
    assert list(selectors.portal_recognitions(young_person)) == [own]
    assert selectors.portal_recognition_get(young_person, own.pk) == own
    with pytest.raises(Http404):
        selectors.portal_recognition_get(factories.YoungPersonFactory(), own.pk)


def test_organisations_for_a_partner_are_their_own(organisation, partner_worker, officer):
    factories.OrganisationFactory()
    assert list(selectors.organisations_for(partner_worker)) == [organisation]
    assert selectors.organisations_for(officer).count() == 2


def test_claims_carry_their_totals_and_the_finance_export_approved_ones(
    claim, organisation, other_organisation, partner_worker, board_member, lead
):
    ItemFactory(claim=claim, amount=Decimal("2.25"))
    other = ClaimFactory(organisation=other_organisation)
    row = selectors.claim_get(partner_worker, claim.pk)
    assert row.total == Decimal("6.75") and row.item_count == 2
    assert list(selectors.claims_visible_to(partner_worker)) == [claim]
    assert {c.pk for c in selectors.claims_visible_to(board_member)} == {claim.pk, other.pk}
    assert selectors.claims_visible_to(board_member).get(pk=other.pk).total == 0
    assert list(selectors.claim_items(claim).values_list("amount", flat=True)) == [
        Decimal("4.50"),
        Decimal("2.25"),
    ]
    item = claim.items.first()
    assert selectors.item_get(partner_worker, item.pk) == item
    with pytest.raises(Http404):
        selectors.claim_get(partner_worker, other.pk)
    assert not selectors.finance_items(lead).exists()
    services.claim_approve(actor=lead, claim=claim)
    assert selectors.finance_items(lead).count() == 2
    assert selectors.finance_items(board_member).count() == 2
    assert claim.status == Approval.SUBMITTED  # the caller's copy is not changed


def test_invoices_are_read_by_their_partner_and_the_board(
    organisation, other_organisation, partner_worker, board_member
):
    own = InvoiceFactory(organisation=organisation)
    other = InvoiceFactory(organisation=other_organisation)
    assert list(selectors.invoices_visible_to(partner_worker)) == [own]
    assert selectors.invoices_visible_to(board_member).count() == 2
    assert selectors.invoice_get(board_member, other.pk) == other
    with pytest.raises(Http404):
        selectors.invoice_get(partner_worker, other.pk)


def test_lists_read_in_a_fixed_number_of_queries(organisation, officer, count_queries):
    def read_all():
        list(selectors.young_people_hours(officer))
        list(selectors.claims_visible_to(officer))
        list(selectors.recognitions_visible_to(officer))
        list(selectors.sessions_with_hours(officer))
        selectors.totals_by_organisation(officer)

    _people(organisation, 2)
    RecognitionFactory(young_person=factories.YoungPersonFactory(organisation=organisation))
    ItemFactory(claim=ClaimFactory(organisation=organisation))
    few = count_queries(read_all)
    _people(organisation, 6)
    for _ in range(3):
        RecognitionFactory(young_person=factories.YoungPersonFactory(organisation=organisation))
        ItemFactory(claim=ClaimFactory(organisation=factories.OrganisationFactory()))
    assert count_queries(read_all) == few


def test_recognition_kinds_show_in_words():
    assert Recognition.Kind.HOURS.label == "Volunteering hours"
