"""The audit log's event types: every declared type renders one readable line, and an entry's
changes and metadata read as words on the History page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.core import audit, events
from heard.core.models import AuditEntry
from heard.people.models import User
from tests.factories import OrganisationFactory


def _every_event_type() -> list[events.EventType]:
    # The apps declare theirs at start-up (AppConfig.ready); this is all of them.
    return sorted(events.EVENTS.values(), key=lambda kind: kind.name)


def test_the_apps_declare_their_event_types():
    names = {kind.name for kind in _every_event_type()}
    assert "user.password_set" in names
    assert all("." in name for name in names)
    assert len(names) >= 6


@pytest.mark.parametrize("kind", _every_event_type(), ids=lambda kind: kind.name)
def test_every_event_type_renders_one_readable_line(kind):
    entry = AuditEntry(event=kind.name, changes={}, metadata=dict(kind.example))
    line = events.read(entry, None, {})
    assert line.what == kind.label and line.what.strip()
    assert "\n" not in line.what + line.detail
    if kind.example:
        assert line.detail, f"{kind.name} carries metadata but says nothing of it"
        assert "{" not in line.detail and "[" not in line.detail


def test_declaring_an_event_twice_or_without_a_namespace_is_refused():
    with pytest.raises(ValueError, match="twice"):
        events.event("user.password_set", "Again", action=events.UPDATE)
    with pytest.raises(ValueError, match="<object>.<verb>"):
        events.event("password", "Password", action=events.UPDATE)


def test_changes_must_be_pairs():
    assert events.check_changes({"name": ("a", "b")}) == {"name": ["a", "b"]}
    with pytest.raises(ValueError, match=r"\{field: \[old, new\]\}"):
        events.check_changes({"subject_access_export": "pdf"})
    with pytest.raises(ValueError):
        events.check_changes({"name": ["a"]})


def test_an_undeclared_name_reads_as_its_own_verb():
    kind = events.lookup("session.went_missing")
    assert kind.label == "Went missing"
    assert kind.detail({}) == ""
    assert kind.detail({"rows_read": 3}) == "Rows read: 3"


def test_a_case_reads_through_its_words_or_as_itself():
    describe = events.read_through("reason", {"erasure": "Erasure on request"})
    assert describe({"reason": "erasure"}) == "Erasure on request"
    assert describe({"reason": "court_order"}) == "Court order"
    via = events.read_through("via", {"page": "Opened the page"}, otherwise="Read it")
    assert via({"via": "carrier_pigeon"}) == "Read it"
    assert via({}) == "Read it"


def test_a_record_declares_its_added_and_changed_events_in_one_call():
    added, changed = events.record_events("test_notebook", "notebook")
    try:
        assert (added.name, added.label, added.action) == (
            "test_notebook.created",
            "Added the notebook",
            events.CREATE,
        )
        assert (changed.name, changed.label, changed.action) == (
            "test_notebook.changed",
            "Changed the notebook",
            events.UPDATE,
        )
        logged, _ = events.record_events("test_diary", "diary", added=("logged", "Logged the"))
        assert (logged.name, logged.label) == ("test_diary.logged", "Logged the diary")
    finally:
        for name in ("notebook.created", "notebook.changed", "diary.logged", "diary.changed"):
            events.EVENTS.pop(f"test_{name}", None)


def test_values_read_as_words():
    read = events.value_text
    assert read(User, "role", "theme_lead", {}) == "Theme lead"
    assert read(User, "role", None, {}) == events.EMPTY
    assert read(User, "is_active", True, {}) == "Yes"
    assert read(User, "last_login", "2026-03-01T10:30:00+00:00", {}) == "1 March 2026 10:30"
    assert read(User, "last_login", "not a moment", {}) == "not a moment"
    assert read(None, "tags", ["a", "b"], {}) == "a, b"
    assert read(None, "count", 0, {}) == "0"
    assert events.field_label(User, "full_name") == "Full name"
    assert events.field_label(User, "no_such_field") == "No such field"
    assert events.field_label(None, "rows") == "Rows"


def test_dates_and_staff_read_as_words(db, officer):
    from heard.safeguarding.models import BackgroundCheck

    names = events.staff_names({officer.pk})
    assert events.value_text(BackgroundCheck, "staff", officer.pk, names) == officer.full_name
    assert events.value_text(BackgroundCheck, "staff", 999999, names) == "Staff member 999999"
    assert events.value_text(BackgroundCheck, "issued_on", "2026-01-31", {}) == "31 January 2026"
    assert events.value_text(BackgroundCheck, "issued_on", "31/01/2026", {}) == "31/01/2026"
    assert events.staff_names(set()) == {}


def test_a_page_of_entries_names_staff_in_one_query(db, officer, make_user, count_queries):
    from heard.safeguarding.models import BackgroundCheck

    other = make_user()
    entries = [
        AuditEntry(event="x.changed", changes={"staff": [officer.pk, other.pk]}),
        AuditEntry(event="x.changed", changes={"staff": [None, officer.pk], "kind": ["a", "b"]}),
    ]
    queries, lines = count_queries(lambda: events.read_page(entries, BackgroundCheck))
    assert queries == 1
    first = lines[0][1].changes[0]
    assert (first.old, first.new) == (officer.full_name, other.full_name)


def test_history_reads_metadata_as_words_not_letters(client_for, officer):
    """The bug this fixes: an entry whose changes were not [old, new] pairs read "p -> d"."""
    org = OrganisationFactory()
    audit.record(
        actor=officer,
        event=events.PASSWORD_SET,
        obj=org,
        metadata={"how": "changed"},
    )
    AuditEntry.objects.create(
        event="organisation.exported",
        action="read",
        object_type="people.organisation",
        object_id=str(org.pk),
        metadata={"format": "pdf"},
    )
    response = client_for(officer).get(
        reverse("core:history", args=["people.organisation", org.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Changed by the user" in page
    assert "Format: pdf" in page
    assert "p &rarr; d" not in page


def test_entries_of_one_action_share_an_operation(db, officer):
    first, second = OrganisationFactory(), OrganisationFactory()
    with audit.operation() as operation:
        one = audit.record(actor=officer, event=events.PASSWORD_SET, obj=first)
        with audit.operation() as inner:
            two = audit.record(actor=officer, event=events.PASSWORD_SET, obj=second)
    alone = audit.record(actor=officer, event=events.PASSWORD_SET, obj=first)
    assert inner == operation == one.operation == two.operation
    assert alone.operation not in (None, operation)


def test_a_request_is_one_operation(db, officer):
    from django.http import HttpResponse
    from django.test import RequestFactory

    org = OrganisationFactory()

    def view(request):
        audit.record(actor=officer, event=events.PASSWORD_SET, obj=org)
        audit.record(actor=officer, event=events.PASSWORD_SET, obj=org)
        return HttpResponse()

    audit.AuditOperationMiddleware(view)(RequestFactory().post("/"))
    operations = set(AuditEntry.objects.values_list("operation", flat=True))
    assert len(operations) == 1 and None not in operations


def test_system_entries_say_on_whose_behalf(client_for, officer):
    org = OrganisationFactory()
    audit.record(actor=None, event=events.PASSWORD_SET, obj=org, on_behalf_of=officer)
    entry = audit.history_for(org).get()
    assert entry.actor is None and entry.on_behalf_of == officer
    page = client_for(officer).get(reverse("core:history", args=["people.organisation", org.pk]))
    assert f"System, for {officer.full_name}" in page.content.decode()


def test_audit_entries_are_append_only_but_for_the_scrub(db, officer):
    org = OrganisationFactory()
    entry = audit.record(
        actor=officer,
        event=events.PASSWORD_SET,
        obj=org,
        changes={"name": ["Old", "New"], "area": ["Norfolk", "Suffolk"]},
    )
    entry.changes = {}
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.about(org).scrub(frozenset({"name"})) == 1
    assert AuditEntry.objects.about(org).scrub(frozenset({"notes"})) == 0
    entry.refresh_from_db()
    assert entry.changes == {
        "name": ["[anonymised]", "[anonymised]"],
        "area": ["Norfolk", "Suffolk"],
    }


def test_an_undeclared_event_is_refused(db, officer):
    with pytest.raises(LookupError, match="Undeclared"):
        audit.record(actor=officer, event="organisation.vanished", obj=OrganisationFactory())
    with pytest.raises(TypeError):
        audit.record(actor=officer, obj=OrganisationFactory())  # type: ignore[call-arg]


def test_metadata_is_stored_as_plain_values(db, officer):
    entry = audit.record(
        actor=officer,
        event=events.PASSWORD_SET,
        obj=OrganisationFactory(),
        metadata={"on": datetime.date(2026, 1, 2), "how": "changed"},
    )
    entry.refresh_from_db()
    assert entry.metadata == {"on": "2026-01-02", "how": "changed"}
