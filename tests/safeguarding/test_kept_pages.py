"""The pages of the two kinds of staff record, made once (``views.staff.Pages``): each record
names itself in the page's title and messages."""

import pytest
from django.urls import reverse

from heard.safeguarding.models import BackgroundCheck
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_check_is_named_when_recorded_and_edited(client_for, officer):
    staff = factories.UserFactory(full_name="Kit Partner")
    client = client_for(officer)
    form = {
        "staff": staff.pk,
        "kind": "enhanced_dbs",
        "certificate_number": "001234567890",
        "issued_on": "2026-01-10",
        "renewal_due": "2029-11-01",
    }
    page = client.post(reverse("safeguarding:check-create"), form, follow=True)
    assert "Enhanced DBS check for Kit Partner recorded." in page.content.decode()
    check = BackgroundCheck.objects.get(staff=staff)
    edit = reverse("safeguarding:check-edit", args=[check.pk])
    assert "Edit Enhanced DBS check for Kit Partner" in client.get(edit).content.decode()
    page = client.post(edit, {**form, "renewal_due": "2029-12-01"}, follow=True)
    assert "Enhanced DBS check for Kit Partner updated." in page.content.decode()


def test_a_training_record_is_named_by_its_course_once_changed(client_for, officer):
    record = factories.TrainingRecordFactory(course="First aid")
    client = client_for(officer)
    edit = reverse("safeguarding:training-edit", args=[record.pk])
    form = {"staff": record.staff.pk, "course": "Child protection", "completed_on": "2026-03-01"}
    page = client.post(edit, form, follow=True).content.decode()
    assert f"Child protection ({record.staff.full_name}) updated." in page
