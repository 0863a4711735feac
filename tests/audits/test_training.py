"""Young people's training (M21): courses, who attended, who is trained and current; the audit
and review forms warn about young people who are not, and never refuse them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from heard.audits import policies, selectors, services
from heard.audits.models import Course
from heard.core.models import AuditEntry
from tests import factories
from tests.audits.conftest import TODAY, days
from tests.core.policy_matrix import assert_matrix, make_users

pytestmark = pytest.mark.django_db
PROGRAMME = {"administrator", "lead", "officer"}
SIGNED_IN = 3


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.mark.parametrize(
    ("day", "months", "until"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    ],
)
def test_months_after(day, months, until):
    assert services.months_after(day, months) == until


def test_record_change_and_delete_a_course(officer, make_course):
    young = factories.YoungPersonFactory()
    course = services.course_record(
        actor=officer,
        title=" Auditing 101 ",
        kind="young_auditor",
        date=days(-10),
        valid_for_months=6,
        attendees=[young],
    )
    assert course.title == "Auditing 101"
    assert course.valid_until == services.months_after(days(-10), 6)
    assert AuditEntry.objects.get(event="course.recorded").changes["attendees"] == [
        None,
        [young.pk],
    ]
    changed = services.course_update(actor=officer, course=course, valid_for_months=24)
    assert changed.valid_until == services.months_after(days(-10), 24)
    with pytest.raises(ValidationError):
        services.course_update(actor=officer, course=course, valid_for_months=0)
    with pytest.raises(TypeError):
        services.course_update(actor=officer, course=course, valid_until=TODAY)
    with pytest.raises(ValidationError):
        services.course_record(actor=officer, title="A\nB", kind="young_auditor", date=TODAY)
    services.course_delete(actor=officer, course=changed)
    assert not Course.objects.exists()
    assert AuditEntry.objects.filter(event="course.deleted").exists()


def test_only_programme_staff_keep_courses(partner_worker, board_member):
    for user in (partner_worker, board_member):
        with pytest.raises(PermissionDenied):
            services.course_record(actor=user, title="T", kind="young_auditor", date=TODAY)


def test_trained_in_a_period_and_current_on_a_day(organisation, other_organisation, make_course):
    lapsed = factories.YoungPersonFactory(organisation=organisation)
    current = factories.YoungPersonFactory(organisation=organisation)
    commissioner = factories.YoungPersonFactory(organisation=other_organisation)
    make_course([lapsed], date=days(-500), valid_for_months=12)
    make_course([current], date=days(-30))
    make_course([commissioner], kind="young_commissioner", date=days(-30))
    assert set(selectors.young_people_trained(TODAY, TODAY)) == {current, commissioner}
    assert set(selectors.young_people_trained(days(-400), days(-200))) == {lapsed}
    auditors = selectors.young_people_trained(days(-10), TODAY, kinds=["young_auditor"])
    assert set(auditors) == {current}
    assert selectors.untrained([lapsed, current, commissioner], TODAY, ["young_auditor"]) == [
        lapsed,
        commissioner,
    ]
    assert selectors.untrained([], TODAY, ["young_auditor"]) == []


def test_the_training_matrices(db, organisation, other_organisation, make_course):
    users = make_users(organisation, other_organisation, inactive_role="participation_lead")
    own = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    course = make_course([own, theirs])
    own_row, their_row = course.attendances.order_by("young_person__organisation_id", "id")
    if own_row.young_person != own:
        own_row, their_row = their_row, own_row
    assert_matrix(
        policies.COURSES,
        users,
        {
            "view": {course: PROGRAMME | {"board", "partner", "other_partner"}},
            "add": {None: PROGRAMME},
            "change": {course: PROGRAMME},
            "delete": {course: PROGRAMME},
        },
    )
    assert_matrix(
        policies.ATTENDANCES,
        users,
        {
            "view": {
                own_row: PROGRAMME | {"partner"},
                their_row: PROGRAMME | {"other_partner"},
            }
        },
    )


def test_course_pages(client_for, officer, make_course, django_assert_num_queries):
    young = factories.YoungPersonFactory()
    course = make_course([young], title="Inspecting services", kind="young_inspector")
    client = client_for(officer)
    url = reverse("audits:course-list")
    for _ in range(2):
        with django_assert_num_queries(SIGNED_IN + 2):  # the count and the page
            page = client.get(url)
        make_course(title="Another")
    assert "Inspecting services" in page.text
    assert "Inspecting" not in client.get(url, {"kind": "young_auditor"}).text
    csv = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    assert "Young inspectors" in csv
    with django_assert_num_queries(SIGNED_IN + 2):  # the course, its attendees
        detail = client.get(reverse("audits:course-detail", args=[course.pk]))
    assert young.reference in detail.text


def test_record_edit_and_delete_a_course_through_the_pages(client_for, lead):
    young = factories.YoungPersonFactory()
    client = client_for(lead)
    data = {
        "title": "Commissioning",
        "kind": "young_commissioner",
        **_date("date", days(-3)),
        "valid_for_months": "12",
        "attendees": [young.pk],
    }
    response = client.post(reverse("audits:course-create"), data)
    course = Course.objects.get()
    assert response.url == reverse("audits:course-detail", args=[course.pk])
    edit = reverse("audits:course-edit", args=[course.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**data, "title": "Commissioning 2"}).status_code == 302
    course.refresh_from_db()
    assert course.title == "Commissioning 2"
    delete = reverse("audits:course-delete", args=[course.pk])
    assert "This cannot be undone." in client.get(delete).text
    client.post(delete)
    assert not Course.objects.exists()


def test_the_trained_list(
    client_for,
    officer,
    partner_worker,
    board_member,
    organisation,
    make_course,
    django_assert_num_queries,
):
    own = factories.YoungPersonFactory(organisation=organisation)
    other = factories.YoungPersonFactory()
    lapsed = factories.YoungPersonFactory()
    make_course([own, other])
    make_course([lapsed], date=days(-900), title="Old course")
    url = reverse("audits:course-trained")
    client = client_for(officer)
    with django_assert_num_queries(SIGNED_IN + 2):
        page = client.get(url)
    assert own.reference in page.text and lapsed.reference in page.text
    current = client.get(url, {"state": "current"})
    assert lapsed.reference not in current.text and other.reference in current.text
    expired = client.get(url, {"state": "expired"})
    assert lapsed.reference in expired.text and own.reference not in expired.text
    found = client.get(url, {"search": own.reference[3:]})
    assert own.reference in found.text and other.reference not in found.text
    csv = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    assert "No longer current" in csv
    partner = client_for(partner_worker).get(url)
    assert own.reference in partner.text and other.reference not in partner.text
    assert client_for(board_member).get(url).status_code == 403


def test_the_audit_form_warns_and_saves(client_for, officer, organisation, make_course):
    trained = factories.YoungPersonFactory()
    untrained = factories.YoungPersonFactory()
    make_course([trained])
    client = client_for(officer)
    data = {
        "organisation": organisation.pk,
        **_date("date", days(-1)),
        "young_auditors": [trained.pk, untrained.pk],
    }
    response = client.post(reverse("audits:audit-create"), data, follow=True)
    assert response.status_code == 200
    text = response.text
    assert "Not trained and current on 14 October 2026" in text
    assert untrained.reference in text.split("Not trained and current on")[1].split(".")[0]
    assert "Audit recorded." in text
    assert text.count("Not trained and current</strong>") == 1


def test_the_review_form_warns_about_commissioners(client_for, officer, organisation, make_course):
    auditor = factories.YoungPersonFactory()
    make_course([auditor])
    data = {
        "provider": organisation.pk,
        **_date("visit_date", days(-1)),
        "findings": "Good.",
        "reviewers": [auditor.pk],
    }
    response = client_for(officer).post(reverse("audits:review-create"), data, follow=True)
    assert "Not trained and current on" in response.text
    assert "Provision review recorded." in response.text
