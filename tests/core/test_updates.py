"""The audited update: allow-list, lock, validation, only changed columns saved, one entry."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heard.core import audit, events, updates
from heard.core.models import AuditEntry, Partnership
from heard.core.validators import NotBefore1900, NotInFuture
from tests.factories import OrganisationFactory

EVENT = events.PASSWORD_SET  # any declared type: the helper does not care which


def test_changes_only_what_changed_and_audits_it(db, officer):
    org = OrganisationFactory(name="Before", area="Norfolk")
    with CaptureQueriesContext(connection) as queries:
        saved, changes = updates.audited_update(
            org,
            actor=officer,
            event=EVENT,
            service="organisation_update",
            fields={"name": "After", "area": "Norfolk"},
            allowed={"name", "area"},
        )
    assert changes == {"name": ["Before", "After"]}
    (update,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert '"area"' not in update and '"name"' in update
    entry = AuditEntry.objects.about(org).get()
    assert entry.changes == changes and entry.event == EVENT.name
    assert saved.name == "After"


def test_nothing_changed_writes_nothing(db, officer):
    org = OrganisationFactory(name="Same")
    _, changes = updates.audited_update(
        org, actor=officer, event=EVENT, service="s", fields={"name": "Same"}, allowed={"name"}
    )
    assert changes == {}
    assert not AuditEntry.objects.exists()


def test_a_field_the_service_does_not_change_is_a_programming_error(db, officer):
    with pytest.raises(TypeError, match=r"organisation_update\(\) cannot change kind"):
        updates.audited_update(
            OrganisationFactory(),
            actor=officer,
            event=EVENT,
            service="organisation_update",
            fields={"kind": "charity"},
            allowed={"name"},
        )


def test_validation_and_the_services_own_rules_lose_nothing(db, officer):
    org = OrganisationFactory(name="Kept")

    def check(obj, fields, errors):
        if fields.get("area") == "Nowhere":
            errors["area"] = "No such area."
        fields["name"] = fields["name"].strip()

    with pytest.raises(ValidationError) as caught:
        updates.audited_update(
            org,
            actor=officer,
            event=EVENT,
            service="s",
            fields={"name": "  ", "area": "Nowhere"},
            allowed={"name", "area"},
            check=check,
        )
    assert set(caught.value.message_dict) == {"name", "area"}
    assert caught.value.message_dict["area"] == ["No such area."]
    org.refresh_from_db()
    assert org.name == "Kept"
    assert not AuditEntry.objects.exists()


def test_an_already_locked_object_is_used_as_it_is(db, officer):
    partnership = Partnership.current()
    locked = updates.lock(partnership)
    saved, changes = updates.audited_update(
        locked,
        actor=officer,
        event=EVENT,
        service="partnership_update",
        fields={"respond_within_days": 45},
        allowed={"respond_within_days"},
        audited=["respond_within_days", "feed_back_within_days"],
        metadata={"page": "settings"},
        locked=True,
    )
    assert saved is locked
    assert changes == {"respond_within_days": [60, 45]}
    assert AuditEntry.objects.get().metadata == {"page": "settings"}


def test_full_clean_keeps_the_first_message_of_a_field(db):
    errors = {"name": "Enter a name."}
    org = OrganisationFactory.build(name="")
    updates.full_clean(org, errors)
    assert errors["name"] == "Enter a name."


def test_not_in_future(settings):
    check = NotInFuture("The date cannot be in the future.")
    check(None)
    check(datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        check(timezone.localdate() + datetime.timedelta(days=2))

    check(timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError):
        check(timezone.now() + datetime.timedelta(hours=1))
    assert check == NotInFuture("The date cannot be in the future.")
    assert check != NotInFuture()
    assert hash(check) == hash(NotInFuture("The date cannot be in the future."))


def test_not_before_1900_refuses_only_earlier_moments():
    check = NotBefore1900()
    check(None)
    check(datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC))
    check(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError, match="from 1 January 1900 onwards") as refused:
        check(datetime.datetime(1899, 12, 31, 23, 59, tzinfo=datetime.UTC))
    assert refused.value.code == "too_early"
    assert check == NotBefore1900() and hash(check) == hash(NotBefore1900())
    assert check != NotInFuture()


def test_snapshot_reads_many_to_many_and_plain_values(db, officer):
    org = OrganisationFactory()
    entry = audit.record(actor=officer, event=EVENT, obj=org, changes={"n": [1, 2]})
    assert entry.object_label == str(org)
