"""A concern's audit trail: the safeguarding lead sees, on the concern's page, who read it and when
and every change from what to what; nobody else sees it, and the shared audit log still holds no
values."""

import datetime
import json

import pytest
from django.urls import reverse

from heard.core import audit
from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding import events, selectors, services
from heard.safeguarding.models import Concern, ConcernChange

from .conftest import NOW, TODAY

SECRET = "Said their uncle hits them when he has been drinking."
NOTES = "Rang the MASH, spoke to the duty social worker."


def raise_concern(actor):
    return services.concern_raise(
        actor=actor,
        what_happened=SECRET,
        happened_at=NOW - datetime.timedelta(hours=2),
        who_was_present="Me and the group's other youth worker.",
        immediate_action="Listened, wrote it down in their words.",
        child_told="That I would tell the safeguarding lead today.",
    )


def handled(officer, lead, other_lead):
    """A concern raised by ``officer``, assigned to ``other_lead`` by ``lead``, then decided."""
    concern = raise_concern(officer)
    concern = services.concern_assign(actor=lead, concern=concern, assigned_to=other_lead)
    return services.concern_decide(
        actor=other_lead,
        concern=concern,
        decision=Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
        referral_date=TODAY,
        referral_reference="MASH-2026-0099",
        decision_notes=NOTES,
    )


def detail(concern, **query):
    url = reverse("safeguarding:concern-detail", args=[concern.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def other_lead(make_user):
    return make_user(Role.SAFEGUARDING_LEAD, full_name="Robin Okafor")


class TestValuesKept:
    def test_each_change_keeps_its_values_beside_the_concern_not_in_the_audit_log(
        self, officer, safeguarding_lead, other_lead
    ):
        concern = handled(officer, safeguarding_lead, other_lead)
        changes = list(ConcernChange.objects.order_by("entry_id"))
        assert len(changes) == 2 and {c.concern_id for c in changes} == {concern.pk}
        assert changes[0].values["assigned_to"] == [None, other_lead.pk]
        assert changes[0].values["status"] == ["open", "assigned"]
        assert changes[1].values["decision"] == ["", "local_authority_referral"]
        assert changes[1].values["decision_notes"] == ["", NOTES]
        logged = json.dumps(list(AuditEntry.objects.values("object_label", "changes")))
        for value in ("MASH-2026-0099", "Rang the MASH", "local_authority_referral", "uncle"):
            assert value not in logged

    def test_the_trail_reads_who_when_and_every_field_from_what_to_what(
        self, officer, safeguarding_lead, other_lead
    ):
        concern = handled(officer, safeguarding_lead, other_lead)
        services.concern_read(actor=safeguarding_lead, pk=concern.pk)
        rows = selectors.concern_trail_rows(selectors.concern_trail(safeguarding_lead, concern))
        assert [row.action for row in rows] == ["read", "update", "update", "create"]
        read, decided, assigned, raised = rows
        assert read.actor_id == safeguarding_lead.pk and read.via == "page"
        assert read.description == "Opened the concern's page" and read.at == NOW
        assert raised.actor_name == officer.full_name
        assert raised.description == (
            "Raised the concern, giving: what was seen or said, when it happened, who was "
            "present, immediate action taken, what the child was told would happen next"
        )
        assigned_changes = {c.field: (c.old, c.new) for c in assigned.changes}
        assert assigned_changes["status"] == ("Open", "Assigned")
        assert assigned_changes["assigned_to"] == (None, "Robin Okafor")
        assert assigned_changes["assigned_at"] == (None, "15 October 2026 13:00")
        decided_changes = {c.field: (c.old, c.new) for c in decided.changes}
        assert decided_changes["decision"] == (None, "Referral to the local authority")
        assert decided_changes["referral_date"] == (None, "15 October 2026")
        assert decided_changes["referral_reference"] == (None, "MASH-2026-0099")
        assert decided_changes["decision_notes"] == (None, NOTES)
        assert decided.actor_name == "Robin Okafor"

    def test_changes_audited_before_values_were_kept_say_so(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        audit.record(
            actor=safeguarding_lead,
            event=events.CONCERN_CHANGED,
            obj=concern,
            changes={"status": ["(withheld)", "(withheld)"]},
        )
        row = selectors.concern_trail_rows(selectors.concern_trail(safeguarding_lead, concern))[0]
        assert [(c.label, c.old, c.new, c.recorded) for c in row.changes] == [
            ("Status", None, None, False)
        ]

    @pytest.mark.parametrize(
        "role", [role for role, _ in Role.choices if role != Role.SAFEGUARDING_LEAD]
    )
    def test_nobody_else_gets_the_trail(self, role, make_user, officer, safeguarding_lead):
        concern = raise_concern(officer)
        assert not selectors.concern_trail(make_user(role), concern).exists()
        assert selectors.concern_trail(safeguarding_lead, concern).exists()


class TestPage:
    def test_the_lead_sees_the_trail_on_the_concerns_page(
        self, client_for, officer, safeguarding_lead, other_lead
    ):
        concern = handled(officer, safeguarding_lead, other_lead)
        client = client_for(safeguarding_lead)
        client.get(reverse("safeguarding:concern-list"))
        page = client.get(detail(concern)).content.decode()
        assert "Audit trail" in page
        trail = page[page.index('id="trail"') :]
        assert "Opened the concern&#x27;s page" in trail  # this very read
        assert "Saw it in the list of concerns" in trail
        assert "Raised the concern" in trail and officer.full_name in trail
        arrow = (
            ' <span aria-hidden="true">&rarr;</span>'
            '<span class="govuk-visually-hidden">changed to</span> '
        )
        assert f"<strong>Status</strong>: Open{arrow}Assigned" in trail
        assert f"<strong>Assigned to</strong>: (empty){arrow}Robin Okafor" in trail
        assert "Referral to the local authority" in trail and "MASH-2026-0099" in trail
        assert "History" not in page

    def test_a_long_trail_is_paginated(self, client_for, officer, safeguarding_lead):
        concern = raise_concern(officer)
        for _ in range(60):
            services.concern_read(actor=safeguarding_lead, pk=concern.pk, via="list")
        client = client_for(safeguarding_lead)
        first = client.get(detail(concern)).content.decode()
        assert first.count("Saw it in the list of concerns") == 49  # 50 rows: this read first
        assert "Page 1 of 2" in first and "Raised the concern" not in first
        second = client.get(detail(concern, page=2)).content.decode()
        assert "Raised the concern" in second and "Page 2 of 2" in second
        assert client.get(detail(concern, page="x")).status_code == 200

    def test_the_page_runs_a_fixed_number_of_queries(
        self, client_for, officer, safeguarding_lead, other_lead, count_queries
    ):
        concern = handled(officer, safeguarding_lead, other_lead)
        client = client_for(safeguarding_lead)
        few, _ = count_queries(lambda: client.get(detail(concern)))
        for _ in range(3):
            handled(officer, safeguarding_lead, other_lead)
            services.concern_assign(actor=other_lead, concern=concern, assigned_to=other_lead)
        many, response = count_queries(lambda: client.get(detail(concern)))
        assert response.status_code == 200 and many == few

    @pytest.mark.parametrize(
        "role",
        [Role.PARTNER_WORKER, Role.PARTICIPATION_OFFICER, Role.BOARD_MEMBER, Role.ADMINISTRATOR],
    )
    def test_nobody_else_sees_it(self, role, make_user, client_for, officer):
        concern = raise_concern(officer)
        client = client_for(make_user(role))
        assert client.get(detail(concern)).status_code == 403
        history = reverse("core:history", args=["safeguarding.concern", concern.pk])
        assert client.get(history).status_code == 403
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.READ).exists()
