"""A retention run skips a young person someone anonymised after the run listed them (a person
erasing the record, or another run): it neither fails nor counts them, and goes on."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from heard.privacy import selectors, services
from heard.privacy.models import Anonymisation
from heard.privacy.services import anonymisation
from tests import factories

pytestmark = pytest.mark.django_db

OLD = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)


def test_one_anonymised_meanwhile_is_skipped(monkeypatch, officer):
    with time_machine.travel(OLD):
        people = [factories.YoungPersonFactory() for _ in range(3)]
    listed = selectors.retention_due

    def listed_then_erased(**kwargs):
        due = listed(**kwargs)
        # After the listing, before the run reaches them: the second one is erased by a person.
        services.young_person_anonymise(actor=officer, young_person=people[1])
        return due

    monkeypatch.setattr(selectors, "retention_due", listed_then_erased)
    seen = []
    result = services.retention_run(
        today=timezone.localdate(), progress=lambda done, total: seen.append((done, total))
    )
    assert sorted(reference for reference, _ in result.due) == sorted(
        person.reference for person in (people[0], people[2])
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    reasons = dict(Anonymisation.objects.values_list("young_person_id", "reason"))
    assert reasons[people[1].pk] != Anonymisation.Reason.RETENTION
    assert reasons[people[0].pk] == reasons[people[2].pk] == Anonymisation.Reason.RETENTION


def test_any_other_refusal_stops_the_run(monkeypatch):
    """Only "anonymised meanwhile" is skipped: any other refusal is raised, never hidden."""
    with time_machine.travel(OLD):
        factories.YoungPersonFactory()

    def refused(**kwargs):
        raise ValidationError("Something else is wrong.")

    monkeypatch.setattr(anonymisation, "young_person_anonymise", refused)
    with pytest.raises(ValidationError, match="Something else is wrong"):
        services.retention_run(today=timezone.localdate())
    assert not Anonymisation.objects.exists()
