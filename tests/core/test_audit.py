from heard.core import audit
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
    audit.record(
        actor=officer, action=AuditEntry.Action.UPDATE, obj=org, changes={"name": ["a", "b"]}
    )
    entry = audit.history_for(org).get()
    assert entry.actor == officer
    assert entry.object_type == "people.organisation"
    assert entry.changes == {"name": ["a", "b"]}
