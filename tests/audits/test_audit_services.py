"""Recording, changing and deleting audits: validated, permission-checked and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.audits import services
from heard.audits.models import Audit, AuditLevel
from heard.core.models import AuditEntry
from heard.core.standards import Standard
from tests import factories
from tests.audits.conftest import days

pytestmark = pytest.mark.django_db


def test_an_officer_records_an_audit_with_levels_and_a_kite_mark(officer, organisation):
    auditor = factories.UserFactory()
    young = factories.YoungPersonFactory()
    audit = services.audit_record(
        actor=officer,
        organisation=organisation,
        service="  Youth club  ",
        date=days(-3),
        auditors=[auditor],
        young_auditors=[young],
        levels={
            Standard.SHARED_VALUES: ("advanced", " Values on the wall. "),
            Standard.STAFF: ("emerging", ""),
        },
        decision="awarded",
        expires_on=days(700),
    )
    assert audit.service == "Youth club"
    assert list(audit.auditors.all()) == [auditor]
    assert list(audit.young_auditors.all()) == [young]
    levels = {row.standard: (row.level, row.evidence) for row in audit.levels.all()}
    assert levels == {
        "shared_values": ("advanced", "Values on the wall."),
        "staff": ("emerging", ""),
    }
    entry = AuditEntry.objects.get(event="audit.recorded")
    assert entry.actor == officer
    assert entry.changes["levels"] == [
        None,
        ["Shared values: Advanced", "Staff, elected members and trustees: Emerging"],
    ]
    assert entry.changes["young_auditors"] == [None, [young.pk]]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"decision": "awarded"}, "expires_on"),
        ({"decision": "awarded", "expires_on": days(-40)}, "expires_on"),
        ({"decision": "not_yet", "needed": "  "}, "needed"),
        ({"expires_on": days(300)}, "expires_on"),
        ({"date": days(1)}, "date"),
        ({"service": "Two\nlines"}, "service"),
        ({"levels": {Standard.STRATEGY: ("superb", "")}}, "level_strategy"),
        ({"notes": "x" * 5001}, "notes"),
        ({"levels": {Standard.STRATEGY: ("advanced", "x" * 5001)}}, "level_strategy"),
    ],
)
def test_an_audit_that_does_not_hold_together_is_refused(officer, organisation, values, field):
    values.setdefault("date", days(-30))
    with pytest.raises(ValidationError) as caught:
        services.audit_record(actor=officer, organisation=organisation, **values)
    assert field in caught.value.message_dict
    assert not Audit.objects.exists()


def test_not_yet_says_what_is_needed(officer, organisation):
    audit = services.audit_record(
        actor=officer,
        organisation=organisation,
        date=days(-1),
        decision="not_yet",
        needed="Young people on the board.",
    )
    assert audit.get_decision_display() == "Not yet"
    assert str(audit) == f"Audit of {organisation.name}"


@pytest.mark.parametrize("role", ["board_member", "partner_worker", "theme_lead"])
def test_only_programme_staff_record_audits(request, role, organisation):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.audit_record(actor=user, organisation=organisation, date=days(-1))


def test_a_change_is_audited_field_by_field(lead, organisation, make_audit):
    audit = make_audit(organisation)
    young = factories.YoungPersonFactory()
    changed = services.audit_update(
        actor=lead,
        audit=audit,
        service="Library",
        young_auditors=[young],
        levels={Standard.STRATEGY: ("advanced", "Better.")},
    )
    assert changed.service == "Library"
    assert AuditLevel.objects.get(audit=audit).level == "advanced"
    entry = AuditEntry.objects.get(event="audit.changed")
    assert entry.changes == {
        "service": ["", "Library"],
        "young_auditors": [[], [young.pk]],
        "levels": [["Strategy: Established"], ["Strategy: Advanced"]],
    }
    # Nothing changed, nothing written.
    services.audit_update(actor=lead, audit=changed, service="Library")
    assert AuditEntry.objects.filter(event="audit.changed").count() == 1


def test_a_change_is_validated_and_refuses_unknown_fields(lead, organisation, make_audit):
    audit = make_audit(organisation)
    with pytest.raises(ValidationError):
        services.audit_update(actor=lead, audit=audit, decision="awarded")
    with pytest.raises(TypeError):
        services.audit_update(actor=lead, audit=audit, created_at=None)
    with pytest.raises(PermissionDenied):
        services.audit_update(actor=factories.UserFactory(role="board_member"), audit=audit)


def test_a_deleted_audit_leaves_its_entry(officer, organisation, make_audit):
    audit = make_audit(organisation, notes="Kept")
    pk = audit.pk
    services.audit_delete(actor=officer, audit=audit)
    assert not Audit.objects.filter(pk=pk).exists()
    assert not AuditLevel.objects.exists()
    entry = AuditEntry.objects.get(event="audit.deleted")
    assert entry.object_id == str(pk)
    assert entry.changes["notes"] == ["Kept", None]


def test_a_partner_cannot_delete(partner_worker, organisation, make_audit):
    audit = make_audit(organisation)
    with pytest.raises(PermissionDenied):
        services.audit_delete(actor=partner_worker, audit=audit)
