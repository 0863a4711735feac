"""What a closed concern refuses, and how checks and training records change: each rule of
the services, one test each (the events named, only what changed audited)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding import selectors, services
from heard.safeguarding.models import Concern
from tests import factories

from .conftest import TODAY


@pytest.fixture
def closed(db):
    return factories.ConcernFactory(
        status=Concern.Status.CLOSED, decision=Concern.Decision.ADVICE_GIVEN
    )


def test_a_closed_concern_cannot_be_assigned_decided_or_closed_again(closed, safeguarding_lead):
    with pytest.raises(ValidationError) as excinfo:
        services.concern_assign(
            actor=safeguarding_lead, concern=closed, assigned_to=safeguarding_lead
        )
    assert excinfo.value.message_dict["status"] == [
        "This concern is closed: it cannot be assigned."
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.concern_decide(
            actor=safeguarding_lead, concern=closed, decision=Concern.Decision.POLICE
        )
    assert excinfo.value.message_dict["decision"] == [
        "This concern is closed: its decision cannot change."
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.concern_close(actor=safeguarding_lead, concern=closed)
    assert excinfo.value.message_dict["status"] == ["This concern is already closed."]
    assert not AuditEntry.objects.exists()


def test_deciding_an_unassigned_concern_assigns_it_to_the_deciding_lead(safeguarding_lead):
    concern = factories.ConcernFactory()
    concern = services.concern_decide(
        actor=safeguarding_lead, concern=concern, decision=Concern.Decision.NO_FURTHER_ACTION
    )
    assert concern.assigned_to == safeguarding_lead
    entry = AuditEntry.objects.get()
    assert entry.event == "concern.changed" and "assigned_to" in entry.changes


def test_list_reads_are_one_entry_each_in_one_operation(safeguarding_lead):
    concerns = [factories.ConcernFactory() for _ in range(3)]
    services.concerns_list_read(actor=safeguarding_lead, concerns=concerns, via="api")
    entries = AuditEntry.objects.all()
    assert {entry.object_id for entry in entries} == {str(c.pk) for c in concerns}
    assert {(entry.event, entry.metadata["via"]) for entry in entries} == {("concern.read", "api")}
    assert len({entry.operation for entry in entries}) == 1


def test_a_check_is_only_for_active_staff(officer, make_user):
    gone = make_user(Role.PARTNER_WORKER, is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.background_check_record(
            actor=officer,
            staff=gone,
            certificate_number="001234567890",
            issued_on=datetime.date(2026, 1, 10),
            renewal_due=datetime.date(2029, 1, 10),
        )
    assert excinfo.value.message_dict["staff"] == ["Choose an active member of staff."]
    check = factories.BackgroundCheckFactory(staff=officer)
    with pytest.raises(ValidationError) as excinfo:
        services.background_check_update(actor=officer, check=check, staff=gone)
    assert excinfo.value.message_dict["staff"] == ["Choose an active member of staff."]


def test_a_check_update_audits_only_what_changed(officer, make_user):
    worker = make_user(Role.PARTNER_WORKER)
    check = factories.BackgroundCheckFactory(staff=officer, certificate_number="000000000001")
    check = services.background_check_update(
        actor=officer, check=check, staff=worker, certificate_number="0000 0000 0001"
    )
    assert check.staff == worker and check.certificate_number == "000000000001"
    entry = AuditEntry.objects.get()
    assert entry.event == "background_check.changed"
    assert entry.changes == {"staff": [officer.pk, worker.pk]}
    services.background_check_update(actor=officer, check=check, staff=worker)
    assert AuditEntry.objects.count() == 1  # nothing changed, nothing written


def test_a_training_record_update_trims_the_course_and_refuses_a_future_date(officer):
    record = factories.TrainingRecordFactory(staff=officer)
    record = services.training_record_update(
        actor=officer, record=record, course="  Safer recruitment  "
    )
    assert record.course == "Safer recruitment"
    entry = AuditEntry.objects.get()
    assert entry.event == "training_record.changed"
    assert entry.changes["course"][1] == "Safer recruitment"
    with pytest.raises(ValidationError) as excinfo:
        services.training_record_update(
            actor=officer, record=record, completed_on=TODAY + datetime.timedelta(days=1)
        )
    assert excinfo.value.message_dict["completed_on"] == [
        "The date the training was completed cannot be in the future."
    ]


def test_checks_need_the_permission_and_an_empty_list_has_no_problems(board_member, officer):
    assert not selectors.staff_without_current_check(user=board_member, today=TODAY).exists()
    assert selectors.staff_check_problems(staff=[], on=TODAY) == []


def test_a_training_record_is_found_by_those_who_may_see_it(officer, board_member):
    record = factories.TrainingRecordFactory()
    assert selectors.training_record_get(officer, record.pk) == record
    for user, pk in ((board_member, record.pk), (officer, "x"), (officer, record.pk + 1)):
        with pytest.raises(Http404):
            selectors.training_record_get(user, pk)


def test_a_checks_history_reads_its_events_and_a_concern_has_none_for_programme_staff(
    client_for, officer, make_user
):
    worker = make_user(Role.PARTNER_WORKER, full_name="Sam Patel")
    check = services.background_check_record(
        actor=officer,
        staff=officer,
        certificate_number="001234567890",
        issued_on=datetime.date(2026, 1, 10),
        renewal_due=datetime.date(2029, 1, 10),
    )
    services.background_check_update(actor=officer, check=check, staff=worker)
    client = client_for(officer)
    page = client.get(reverse("core:history", args=["safeguarding.backgroundcheck", check.pk]))
    text = page.content.decode()
    assert "Recorded the background check" in text and "Changed the background check" in text
    assert "Sam Patel" in text
    concern = factories.ConcernFactory()
    url = reverse("core:history", args=["safeguarding.concern", concern.pk])
    assert client.get(url).status_code == 403
