import csv
import datetime
import io
import json

import pytest
import time_machine
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand
from heard.core.suppression import SMALL
from heard.people.models import YoungPerson
from heard.privacy import services
from heard.privacy.models import Consent, EqualityRecord
from tests import factories

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _consent(young_person, purpose="taking_part"):
    return services.consent_record(
        actor=None,
        young_person=young_person,
        purpose=purpose,
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 9, 1),
        how="written",
    )


@pytest.fixture
def people(organisation, other_organisation):
    own = factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_16_17)
    other = factories.YoungPersonFactory(organisation=other_organisation)
    return own, other


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("officer", 200, 200),
        ("lead", 200, 200),
        ("admin_user", 200, 200),
        ("theme_lead", 200, 200),
        ("safeguarding_lead", 200, 200),
        ("partner_worker", 200, 404),
        ("board_member", 403, 403),
    ],
)
def test_consent_page_matrix(request, client_for, people, role, own, other):
    user = request.getfixturevalue(role)
    client = client_for(user)
    assert client.get(reverse("privacy:consents", args=[people[0].pk])).status_code == own
    assert client.get(reverse("privacy:consents", args=[people[1].pk])).status_code == other


def test_partner_worker_records_and_withdraws_for_own_organisation_only(
    client_for, partner_worker, people
):
    own, other = people
    client = client_for(partner_worker)
    data = {
        "purpose": "quotes",
        "given_by": "young_person",
        "given_on": "2026-11-01",
        "how": "verbal",
    }
    response = client.post(reverse("privacy:consent-add", args=[own.pk]), data)
    assert response.status_code == 302
    assert client.post(reverse("privacy:consent-add", args=[other.pk]), data).status_code == 404
    theirs = _consent(other)
    url = reverse("privacy:consent-withdraw", args=[theirs.pk])
    assert client.get(url).status_code == 404
    mine = Consent.objects.get(young_person=own)
    page = client.get(reverse("privacy:consent-withdraw", args=[mine.pk]))
    assert b"stops this use at once" in page.content
    response = client.post(
        reverse("privacy:consent-withdraw", args=[mine.pk]),
        {"withdrawn_on": "2026-11-19", "withdrawn_by": "young_person", "withdrawn_how": "verbal"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.withdrawn_on == datetime.date(2026, 11, 19)


def test_withdrawing_photographs_on_the_page_hides_their_photos_at_once(
    client_for, officer, people
):
    own, _ = people
    given = _consent(own, "photographs")
    view = factories.ViewFactory(young_people=[own])
    photo = factories.EvidenceFactory(view=view, description="At the skate park")
    client = client_for(officer)
    view_page = reverse("voice:view-detail", args=[view.pk])
    download = reverse("voice:evidence-download", args=[photo.pk])
    assert download in client.get(view_page).content.decode()
    response = client.post(
        reverse("privacy:consent-withdraw", args=[given.pk]),
        {"withdrawn_on": "2026-11-20", "withdrawn_by": "young_person", "withdrawn_how": "verbal"},
    )
    assert response.status_code == 302
    page = client.get(view_page).content.decode()
    assert "Photo withheld: consent for photographs was withdrawn" in page
    assert download not in page and "At the skate park" not in page
    assert client.get(download).status_code == 403
    assert AuditEntry.objects.filter(
        object_type="privacy.consent", object_id=str(given.pk), action="update", actor=officer
    ).exists()


def test_consent_form_shows_the_parent_consent_message(client_for, officer):
    young = factories.YoungPersonFactory(age_band=AgeBand.AGE_8_10)
    response = client_for(officer).post(
        reverse("privacy:consent-add", args=[young.pk]),
        {
            "purpose": "photographs",
            "given_by": "young_person",
            "given_on": "2026-11-01",
            "how": "written",
        },
    )
    assert response.status_code == 200
    assert "a parent&#x27;s or carer&#x27;s consent is needed" in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer", 200),
        ("lead", 200),
        ("admin_user", 200),
        ("theme_lead", 403),
        ("partner_worker", 403),
        ("safeguarding_lead", 403),
        ("board_member", 403),
    ],
)
def test_equality_page_only_for_three_roles_and_each_read_audited(
    request, client_for, people, role, status
):
    own, _ = people
    _consent(own, "equality_data")
    services.equality_record_save(actor=None, young_person=own, ethnicity="white_roma")
    user = request.getfixturevalue(role)
    client = client_for(user)
    response = client.get(reverse("privacy:equality", args=[own.pk]))
    assert response.status_code == status
    reads = AuditEntry.objects.filter(object_type="privacy.equalityrecord", action="read")
    assert reads.count() == (1 if status == 200 else 0)
    if status == 200:
        assert "White: Roma" in response.content.decode()
    # The person's page never shows the answers; the link is only for those allowed.
    detail = client.get(reverse("people:young-person-detail", args=[own.pk]))
    if detail.status_code == 200:
        text = detail.content.decode()
        assert "Roma" not in text
        assert (reverse("privacy:equality", args=[own.pk]) in text) == (status == 200)


def test_equality_edit_saves(client_for, officer, people):
    own, _ = people
    _consent(own, "equality_data")
    response = client_for(officer).post(
        reverse("privacy:equality-edit", args=[own.pk]),
        {"gender": "prefer_not_to_say", "send": "yes", "care_status": "in_care"},
    )
    assert response.status_code == 302
    record = EqualityRecord.objects.get(young_person=own)
    assert (record.gender, record.send, record.care_status) == (
        "prefer_not_to_say",
        "yes",
        "in_care",
    )


def test_subject_access_downloads_for_programme_staff_only(
    client_for, officer, partner_worker, people
):
    own, _ = people
    client = client_for(officer)
    data = client.get(reverse("privacy:subject-access-json", args=[own.pk]))
    assert data.status_code == 200
    assert json.loads(data.content)["young_person"]["reference"] == own.reference
    pdf = client.get(reverse("privacy:subject-access-pdf", args=[own.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="read", object_id=str(own.pk)).count() == 2
    partner = client_for(partner_worker)
    assert partner.get(reverse("privacy:subject-access-json", args=[own.pk])).status_code == 403


def test_erasure_needs_the_confirmation(client_for, officer, people):
    own, _ = people
    client = client_for(officer)
    url = reverse("privacy:erase", args=[own.pk])
    assert b"cannot be undone" in client.get(url).content
    assert client.post(url, {}).status_code == 200  # not confirmed: nothing happens
    assert YoungPerson.objects.get(pk=own.pk).first_name != "Anonymised"
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert YoungPerson.objects.get(pk=own.pk).first_name == "Anonymised"


def _attend(count, organisation, *, active=True, band=AgeBand.AGE_14_15):
    session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=organisation),
        date=datetime.date(2026, 10, 1),
        degree="cyp_initiated_shared" if active else "consulted_informed",
    )
    for _ in range(count):
        person = factories.YoungPersonFactory(organisation=organisation, age_band=band)
        factories.AttendanceFactory(session=session, young_person=person)
        _consent(person, "equality_data")
        services.equality_record_save(actor=None, young_person=person, care_status="in_care")


def test_reach_page_runs_a_fixed_number_of_queries(
    client_for, officer, organisation, count_queries
):
    client = client_for(officer)
    url = reverse("privacy:reach") + "?start=2026-04-01&end=2026-11-20"
    _attend(2, organisation)
    few, _ = count_queries(lambda: client.get(url))
    _attend(10, organisation, band=AgeBand.AGE_8_10)
    many, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert few == many


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer", 200), ("board_member", 200), ("theme_lead", 403), ("partner_worker", 403)],
)
def test_reach_page_roles(request, client_for, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("privacy:reach")).status_code == status


def test_reach_page_and_csv_are_exact_for_programme_staff(client_for, officer, organisation):
    """ADR 0008: programme staff may open every record behind reach, so they see it exact."""
    _attend(3, organisation, band=AgeBand.UNDER_8)
    _attend(9, organisation, band=AgeBand.AGE_14_15)
    _attend(6, organisation, band=AgeBand.AGE_16_17, active=False)
    services.benchmark_share_save(actor=None, characteristic="age_band", value="14_15", share=20)
    services.least_heard_target_save(
        actor=None, group="under_11", target=30, start="2026-04-01", end="2027-03-31"
    )
    client = client_for(officer)
    url = reverse("privacy:reach") + "?start=2026-04-01&end=2026-11-20"
    page = client.get(url).content.decode()
    assert SMALL not in page and "withheld" not in page
    rows = list(
        csv.reader(
            io.StringIO(b"".join(client.get(url + "&format=csv").streaming_content).decode())
        )
    )
    assert rows[0][0] == "Characteristic"
    age = {row[1]: row for row in rows if row[0] == "Age band"}
    assert age["Under 8"][2] == "3"
    assert age["14 to 15"][2] == "9"
    assert age["16 to 17"][2] == "6" and age["16 to 17"][3] == "0"
    assert "In care" in page


def test_reach_page_and_csv_are_protected_for_a_board_member(client_for, board_member):
    """ADR 0008: a board member gets fixed periods only, and protected counts."""
    organisation = factories.OrganisationFactory()
    for day, count in ((datetime.date(2026, 5, 1), 3), (datetime.date(2026, 8, 1), 9)):
        session = factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation), date=day
        )
        for _ in range(count):
            factories.AttendanceFactory(
                session=session,
                young_person=factories.YoungPersonFactory(
                    organisation=organisation, age_band=AgeBand.AGE_14_15
                ),
            )
    client = client_for(board_member)
    refused = client.get(reverse("privacy:reach") + "?start=2026-04-01&end=2026-11-20")
    assert "govuk-error-summary" in refused.content.decode()
    assert "These figures are protected for you" in refused.content.decode()
    url = reverse("privacy:reach") + "?start=2026-04-01&end=2026-09-30"
    page = client.get(url).content.decode()
    assert "govuk-error-summary" not in page
    rows = list(
        csv.reader(
            io.StringIO(b"".join(client.get(url + "&format=csv").streaming_content).decode())
        )
    )
    for row in rows[1:]:
        for cell in row[2:4]:
            assert cell == SMALL or int(cell) % 5 == 0, row
    age = {row[1]: row for row in rows if row[0] == "Age band"}
    assert age["14 to 15"][2] in ("10", "15")
    quarter = client.get(url.replace("09-30", "06-30"))
    assert "govuk-error-summary" not in quarter.content.decode()
    # The periods they may choose are offered as links.
    assert "?start=2026-07-01&amp;end=2026-09-30" in page and "Q2 2026-27" in page


def test_benchmark_and_target_pages(client_for, officer, theme_lead):
    client = client_for(officer)
    response = client.post(
        reverse("privacy:benchmark-add"),
        {"characteristic": "send", "value": "yes", "share": "14.5"},
    )
    assert response.status_code == 302
    assert b"14.50%" in client.get(reverse("privacy:benchmarks")).content
    assert client.get(reverse("privacy:benchmarks") + "?format=csv").status_code == 200
    response = client.post(
        reverse("privacy:target-add"),
        {"group": "send", "target": "25", "start": "2026-04-01", "end": "2027-03-31"},
    )
    assert response.status_code == 302
    assert b"SEND" in client.get(reverse("privacy:targets")).content
    assert client_for(theme_lead).get(reverse("privacy:benchmark-add")).status_code == 403


def test_reach_is_in_the_navigation_for_roles_allowed(client_for, officer, theme_lead):
    assert reverse("privacy:reach").encode() in client_for(officer).get(reverse("home")).content
    assert (
        reverse("privacy:reach").encode() not in client_for(theme_lead).get(reverse("home")).content
    )
