import io

import pytest
from django.core.exceptions import PermissionDenied

from heard.core.models import AuditEntry
from heard.participation import services
from heard.participation.models import Session
from tests import factories

HEADER = (
    "date,kind,group,young_person,title,degree,participation_type,standards,themes,methods,"
    "attendees,monitoring_form_complete,notes\n"
)


def csv_file(*rows, header=HEADER):
    return io.BytesIO((header + "".join(row + "\n" for row in rows)).encode("utf-8"))


def run(actor, *rows, dry_run=False, **kwargs):
    return services.sessions_import(actor=actor, file=csv_file(*rows, **kwargs), dry_run=dry_run)


@pytest.fixture
def transport():
    return factories.ThemeFactory(title="Transport", period="2026-27")


class TestSessionsImport:
    def test_clean_file_imports_everything(self, officer, group, members, transport, organisation):
        person = factories.YoungPersonFactory(organisation=organisation)
        result = run(
            officer,
            f"2026-10-01,visit,{group.name},,Autumn visit,adult_initiated_shared,Public,"
            f"Strategy;staff,Transport (2026-27),Games;discussion,"
            f"{members[0].reference};{members[1].reference},yes,Went well",
            f"2026-09-12,One-to-one review,,{person.reference},,Consulted and informed,individual,"
            ",Transport,,,no,",
        )
        assert result.ok and not result.dry_run
        assert result.total_rows == 2 and result.imported == 2
        visit = Session.objects.get(title="Autumn visit")
        assert visit.group == group and visit.monitoring_form_complete
        assert visit.attendances.count() == 2
        assert sorted(visit.standards.values_list("code", flat=True)) == ["staff", "strategy"]
        assert list(visit.themes.all()) == [transport]
        assert visit.methods.count() == 2
        review = Session.objects.get(young_person=person)
        assert review.attendances.get().young_person == person
        assert not review.monitoring_form_complete
        assert AuditEntry.objects.filter(object_type="participation.session").count() == 2

    def test_dry_run_checks_and_imports_nothing(self, officer, group):
        result = run(
            officer,
            f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,no,",
            dry_run=True,
        )
        assert result.ok and result.dry_run and result.valid_rows == 1 and result.imported == 0
        assert not Session.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_every_bad_row_is_reported_and_nothing_is_imported(self, officer, group, members):
        result = run(
            officer,
            f"2026-10-01,visit,{group.name},,Good,adult_initiated_shared,public,,,,,yes,",
            "2026-10-01,visit,Nowhere,,,adult_initiated_shared,public,,,,,yes,",
            f"2026-11-30,visit,{group.name},,,adult_initiated_shared,public,,,,{members[0].reference},yes,",
            f"2026-10-01,party,{group.name},,,loud,public,vibes,Unknown theme,Juggling,"
            "YP-NOPE,maybe,",
            f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,"
            f"{members[0].reference};{members[0].reference},yes,",
        )
        assert not result.ok
        problems = {(line, field) for line, field, _ in result.errors}
        assert (3, "group") in problems
        assert (4, "date") in problems
        assert {
            (5, "kind"),
            (5, "degree"),
            (5, "standards"),
            (5, "themes"),
            (5, "methods"),
            (5, "attendees"),
            (5, "monitoring_form_complete"),
        } <= problems
        assert (6, "attendees") in problems
        assert 2 not in {line for line, _, _ in result.errors}
        reasons = " ".join(reason for _, _, reason in result.errors)
        assert "cannot be in the future" in reasons and "more than once" in reasons
        assert not Session.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_missing_and_unknown_columns(self, officer):
        result = run(officer, "2026-10-01,visit", header="date,kind,colour\n")
        fields = {field for _, field, _ in result.errors}
        assert {"degree", "participation_type", "group", "colour"} <= fields
        assert all(line == 1 for line, _, _ in result.errors)

    def test_not_utf8(self, officer):
        result = services.sessions_import(
            actor=officer, file=io.BytesIO("date\n\xe9t\xe9".encode("latin-1")), dry_run=True
        )
        assert result.errors[0].field == "file"

    def test_empty_file(self, officer):
        assert not run(officer, header="").ok
        assert "no rows" in run(officer).errors[0].reason

    def test_partner_worker_imports_only_for_their_organisation(
        self, partner_worker, group, other_group
    ):
        result = run(
            partner_worker,
            f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,yes,",
            f"2026-10-01,visit,{other_group.name},,,adult_initiated_shared,public,,,,,yes,",
        )
        assert [(line, field) for line, field, _ in result.errors] == [(3, "group")]
        assert not Session.objects.exists()

    def test_theme_lead_row_for_a_group_not_theirs(self, theme_lead, theme_group, group):
        result = run(
            theme_lead,
            f"2026-10-01,visit,{theme_group.name},,,adult_initiated_shared,public,,,,,yes,",
            f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,yes,",
        )
        assert [(line, field) for line, field, _ in result.errors] == [(3, "group")]
        assert "As a theme lead" in result.errors[0].reason

    def test_board_member_cannot_import(self, board_member):
        with pytest.raises(PermissionDenied):
            run(board_member, "2026-10-01,visit,x,,,adult_initiated_shared,public,,,,,yes,")


def rows_for(group, people, count):
    return [
        f"2026-10-{1 + n % 14:02d},visit,{group.name},,Row {n},adult_initiated_shared,public,"
        f"Strategy,Transport,Games,{people[n % len(people)].reference},yes,"
        for n in range(count)
    ]


class TestBulk:
    """The import reads the register once and writes in bulk: its queries do not grow with
    its rows, and what it writes is what logging each row would write."""

    def test_queries_do_not_grow_with_the_rows(self, officer, group, members, transport):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        # Both runs below merge into summary rows kept so far (a first import writes none).
        assert run(officer, *rows_for(group, members, 1)).imported == 1
        with CaptureQueriesContext(connection) as few:
            assert run(officer, *rows_for(group, members, 2)).imported == 2
        with CaptureQueriesContext(connection) as many:
            assert run(officer, *rows_for(group, members, 40)).imported == 40
        assert len(many) == len(few)

    def test_writes_what_logging_each_row_writes(self, officer, group, members, transport):
        result = run(officer, *rows_for(group, members, 3))
        session = result.created[0]
        entry = AuditEntry.objects.get(event="session.imported", object_id=str(session.pk))
        assert entry.object_id == str(session.pk) and entry.actor == officer
        assert entry.metadata == {"sessions": 3}
        assert entry.changes["themes"] == [None, [transport.pk]]
        assert entry.changes["attendances"] == [None, [f"{members[0].reference}: attended"]]
        assert AuditEntry.objects.filter(event="session.imported").count() == 3
        assert len({e.operation for e in AuditEntry.objects.all()}) == 1
        assert session.organisation == group.host_organisation and session.logged_by == officer
        group.refresh_from_db()
        # A file names no staff present: its visits leave the group's visit clock (issue 18).
        assert group.last_session_on is None
        from heard.participation import summaries

        assert summaries.differences() == (0, [])

    def test_a_theme_lead_imports_for_the_groups_they_answer_for(
        self, theme_lead, theme_group, members
    ):
        result = run(
            theme_lead,
            f"2026-10-01,visit,{theme_group.name},,,adult_initiated_shared,public,,,,,yes,",
        )
        assert result.ok and result.imported == 1

    def test_an_individual_session_for_someone_a_partner_does_not_support(
        self, partner_worker, other_organisation
    ):
        person = factories.YoungPersonFactory(organisation=other_organisation)
        result = run(
            partner_worker,
            f"2026-10-01,One-to-one review,,{person.reference},,consulted_informed,individual"
            ",,,,,no,",
        )
        assert [field for _, field, _ in result.errors] == ["young_person"]


class TestFileShape:
    def test_too_many_rows(self, officer, group, monkeypatch):
        from heard.participation import importers

        monkeypatch.setattr(importers, "MAX_ROWS", 2)
        row = f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,yes,"
        result = run(officer, row, row, row)
        assert [(e.line, e.field) for e in result.errors] == [(4, "file")]
        assert "at most 2 rows" in result.errors[0].reason

    def test_a_row_with_more_cells_than_columns_and_blank_rows(self, officer, group):
        row = f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,yes,"
        result = run(officer, row, ",,,,,,,,,,,,", row + ",extra")
        assert [(e.line, e.field) for e in result.errors] == [(4, "row")]

    def test_names_that_are_not_unique(self, officer, organisation):
        factories.GroupFactory(name="Twins", host_organisation=organisation)
        factories.GroupFactory(name="Twins", host_organisation=organisation)
        factories.ThemeFactory(title="Same", period="2025-26")
        factories.ThemeFactory(title="Same", period="2026-27")
        result = run(officer, "2026-10-01,visit,Twins,,,adult_initiated_shared,public,,Same,,,yes,")
        reasons = {e.field: e.reason for e in result.errors}
        assert reasons["group"] == "More than one group is called 'Twins'."
        assert 'add the period, like "Same (2026-27)"' in reasons["themes"]
