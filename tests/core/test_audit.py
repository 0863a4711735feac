from heard.core import audit
from heard.core.events import PASSWORD_SET as EVENT
from heard.core.models import AuditEntry
from tests.factories import OrganisationFactory


def test_snapshot_and_diff_report_changed_fields_only(db):
    org = OrganisationFactory(name="Before", area="Norfolk")
    before = audit.snapshot(org, ["name", "area"])
    org.name = "After"
    assert audit.diff(before, audit.snapshot(org, ["name", "area"])) == {
        "name": ["Before", "After"]
    }


def test_record_writes_an_entry_visible_in_history(db, officer):
    org = OrganisationFactory()
    audit.record(actor=officer, event=EVENT, obj=org, changes={"name": ["a", "b"]})
    entry = audit.history_for(org).get()
    assert entry.actor == officer
    assert entry.object_type == "people.organisation"
    assert entry.changes == {"name": ["a", "b"]}


def test_record_many_writes_what_record_writes_for_each_object(db, officer, count_queries):
    first, second = OrganisationFactory(name="First"), OrganisationFactory(name="Second")
    one = audit.record(actor=officer, event=EVENT, obj=first, changes={"name": [None, "First"]})
    queries, many = count_queries(
        lambda: audit.record_many(
            actor=officer,
            event=EVENT,
            entries=[(first, {"name": [None, "First"]}), (second, None)],
        )
    )
    assert queries == 1
    fields = ("actor_id", "action", "event", "object_type", "object_id", "object_label", "changes")
    saved = [AuditEntry.objects.get(pk=entry.pk) for entry in many]
    assert [getattr(saved[0], f) for f in fields] == [getattr(one, f) for f in fields]
    assert saved[1].object_label == "Second" and saved[1].changes == {}
    assert all(entry.at is not None for entry in saved)
    assert list(audit.history_for(second)) == [saved[1]]


def test_record_many_without_a_signed_in_actor(db):
    from django.contrib.auth.models import AnonymousUser

    org = OrganisationFactory()
    (entry,) = audit.record_many(
        actor=AnonymousUser(), event=EVENT, entries=[(org, {"n": [None, 1]})]
    )
    assert entry.actor_id is None
