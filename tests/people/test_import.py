import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand
from heard.people import services
from heard.people.models import YoungPerson
from tests.factories import OrganisationFactory, YoungPersonFactory

TODAY = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
HEADER = (
    "first_name,last_name,preferred_name,age_band,date_of_birth,organisation,area,"
    "communication_needs,access_needs,contact_preference\n"
)


@pytest.fixture
def fenland(db):
    return OrganisationFactory(name="Fenland Youth Trust")


def run(actor, text, dry_run=False):
    return services.young_people_import(actor=actor, file=text, dry_run=dry_run)


def test_a_clean_file_is_checked_then_imported(officer, fenland):
    text = (
        HEADER
        + "Ada,Lovelace,,11_13,,fenland youth trust,Wisbech,Uses BSL,,Email\n"
        + "Bo,,Bobby,8 to 10,,Fenland Youth Trust,,,Step-free access,\n"
    )
    dry = run(officer, text, dry_run=True)
    assert dry.ok and dry.total_rows == 2 and dry.created == []
    assert not YoungPerson.objects.exists()

    result = run(officer, text)
    assert result.ok and len(result.created) == 2
    ada, bo = sorted(result.created, key=lambda yp: yp.first_name)
    assert ada.organisation == fenland
    assert ada.age_band == AgeBand.AGE_11_13
    assert ada.contact_preference == YoungPerson.ContactPreference.EMAIL
    assert bo.age_band == AgeBand.AGE_8_10
    assert bo.contact_preference == YoungPerson.ContactPreference.VIA_WORKER
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 2
    summary = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert summary.object_id == str(fenland.pk)
    assert summary.event == "organisation.young_people_imported"
    assert summary.changes == {} and summary.metadata == {"young_people": 2}


@time_machine.travel(TODAY, tick=False)
def test_date_of_birth_in_either_format_sets_the_band(officer, fenland):
    text = (
        "First Name,Date of birth,Organisation\n"
        "Ada,2012-01-31,Fenland Youth Trust\n"
        "Bo,31/01/2010,Fenland Youth Trust\n"
    )
    result = run(officer, io.BytesIO(("\ufeff" + text).encode()))
    assert result.ok, result.errors
    assert {yp.first_name: yp.age_band for yp in result.created} == {
        "Ada": AgeBand.AGE_14_15,
        "Bo": AgeBand.AGE_16_17,
    }


@time_machine.travel(TODAY, tick=False)
def test_every_bad_row_is_reported_and_nothing_is_imported(officer, fenland):
    existing = YoungPersonFactory(first_name="Cara", organisation=fenland)
    text = (
        HEADER
        + "Ada,,,11_13,,Fenland Youth Trust,,,,\n"  # line 2: fine
        + "Bo,,,11_13,,Nowhere Trust,,,,\n"  # 3: unknown organisation
        + "Cy,,,eleven,,Fenland Youth Trust,,,,\n"  # 4: bad band
        + "Di,,,,2012-13-45,Fenland Youth Trust,,,,\n"  # 5: bad date
        + ",Smith,,11_13,,Fenland Youth Trust,,,,\n"  # 6: missing first name
        + f"Ed,{'x' * 101},,11_13,,Fenland Youth Trust,,,,\n"  # 7: over-long
        + "Ada,,,11_13,,Fenland Youth Trust,,,,\n"  # 8: repeats line 2
        + "Cara,,,11_13,,Fenland Youth Trust,,,,\n"  # 9: already on the register
        + "Fi,,,16_17,2012-01-01,Fenland Youth Trust,,,,\n"  # 10: band does not match
        + "Gus,,,11_13,,Fenland Youth Trust,,,,carrier pigeon\n"  # 11: contact preference
    )
    for dry_run in (True, False):
        result = run(officer, text, dry_run=dry_run)
        assert result.total_rows == 10
        found = {(line, field) for line, field, _ in result.errors}
        assert found == {
            (3, "organisation"),
            (4, "age_band"),
            (5, "date_of_birth"),
            (6, "first_name"),
            (7, "last_name"),
            (8, "first_name"),
            (9, "first_name"),
            (10, "age_band"),
            (11, "contact_preference"),
        }
        assert result.created == []
    messages = {line: message for line, _, message in result.errors}
    assert "Nowhere Trust" in messages[3]
    assert "line 2" in messages[8]
    assert existing.reference in messages[9]
    assert YoungPerson.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_a_possible_duplicate_can_be_confirmed_in_the_file(officer, fenland):
    existing = YoungPersonFactory(first_name="Cara", organisation=fenland)
    text = (
        "first_name,last_name,age_band,organisation,confirm_not_duplicate\n"
        "Cara,Smith,11_13,Fenland Youth Trust,yes\n"
        "cara,Jones,11 to 13,Fenland Youth Trust,Yes\n"
    )
    result = run(officer, text)
    assert result.ok, result.errors
    first, second = result.created
    assert set(first.possible_duplicate_of.all()) == {existing}
    assert set(second.possible_duplicate_of.all()) == {existing, first}


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"first_name,organisation\n\xff\xfeAda,X\n", "file"),
        ("", "file"),
        ("first_name,age_band\nAda,11_13\n", "organisation"),
        ("first_name,organisation\nAda,Fenland Youth Trust\n", "age_band"),
        ("first_name,age_band,organisation,favourite_colour\n", "favourite_colour"),
        ("first_name,age_band,organisation,organisation\n", "organisation"),
        ("first_name,age_band,organisation\nAda,11_13,Fenland\x00\n", "file"),
        ('first_name,age_band,organisation\n"Ada,11_13,Fenland\n', "file"),
    ],
)
def test_a_malformed_file_is_refused_whole(officer, fenland, content, field):
    result = run(officer, content)
    assert not result.ok
    assert field in {f for _, f, _ in result.errors}
    assert not YoungPerson.objects.exists()


def test_a_row_with_too_many_values_is_an_error(officer, fenland):
    result = run(officer, "first_name,age_band,organisation\nAda,11_13,Fenland Youth Trust,x\n")
    assert result.errors == [(2, "file", "This row has more values than the file has columns.")]


def test_partner_worker_imports_only_into_their_own_organisation(partner_worker, fenland):
    own = partner_worker.organisation.name
    text = f"first_name,age_band,organisation\nAda,11_13,{own}\nBo,11_13,Fenland Youth Trust\n"
    result = run(partner_worker, text)
    assert [(line, field) for line, field, _ in result.errors] == [(3, "organisation")]
    assert not YoungPerson.objects.exists()
    result = run(partner_worker, f"first_name,age_band,organisation\nAda,11_13,{own}\n")
    assert result.ok and result.created[0].organisation == partner_worker.organisation


def test_blank_lines_are_skipped_and_inactive_organisations_refused(officer, fenland):
    OrganisationFactory(name="Closed Trust", is_active=False)
    text = "first_name,age_band,organisation\n\nAda,11_13,Closed Trust\n,,\n"
    result = run(officer, text)
    assert result.total_rows == 1
    assert result.errors[0][:2] == (3, "organisation")


@pytest.mark.parametrize("make", ["safeguarding_lead", "board_member"])
def test_roles_that_cannot_add_young_people_cannot_import(request, make, fenland):
    with pytest.raises(PermissionDenied):
        run(request.getfixturevalue(make), "first_name,age_band,organisation\n")


def _rows(n, organisation="Fenland Youth Trust"):
    header = "first_name,last_name,age_band,organisation,confirm_not_duplicate\n"
    return header + "".join(f"Name{i},Family{i},11_13,{organisation},\n" for i in range(n))


def test_an_import_runs_a_fixed_number_of_queries_whatever_its_size(
    officer, fenland, count_queries
):
    for dry_run in (True, False):
        few, result = count_queries(lambda dry_run=dry_run: run(officer, _rows(3), dry_run))
        assert result.ok, result.errors
        YoungPerson.objects.all().delete()
        many, result = count_queries(lambda dry_run=dry_run: run(officer, _rows(60), dry_run))
        assert result.ok, result.errors
        assert few == many, dry_run
    assert YoungPerson.objects.count() == 60
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 60 + 3


def test_an_import_draws_again_when_a_reference_is_taken(officer, fenland, monkeypatch):
    from heard.people import models

    taken = [
        YoungPersonFactory(organisation=fenland, first_name=f"Old{i}").reference for i in range(3)
    ]
    queue = [taken[0], taken[1], "YP-NEWAA2", taken[2], "YP-NEWAA2", "YP-NEWBB3", "YP-NEWCC4"]
    monkeypatch.setattr(models, "new_reference", lambda: queue.pop(0))
    result = run(officer, _rows(3))
    assert result.ok, result.errors
    assert sorted(yp.reference for yp in result.created) == ["YP-NEWAA2", "YP-NEWBB3", "YP-NEWCC4"]
    assert YoungPerson.objects.count() == 6


def test_imported_records_are_linked_and_audited_as_one_by_one_creation_would(officer, fenland):
    existing = YoungPersonFactory(first_name="Cara", organisation=fenland, age_band="11_13")
    text = (
        "first_name,last_name,preferred_name,age_band,area,organisation,confirm_not_duplicate\n"
        " Cara ,Smith,Caz,11_13, Wisbech ,Fenland Youth Trust,yes\n"
        "Dev,,,8_10,,Fenland Youth Trust,\n"
    )
    (cara, dev) = run(officer, text).created
    single = services.young_person_create(
        actor=officer,
        first_name="Cara",
        last_name="Smith",
        preferred_name="Caz",
        age_band="11_13",
        area="Wisbech",
        organisation=fenland,
        confirm_not_duplicate=True,
    )
    cara.refresh_from_db()
    assert (cara.first_name, cara.area) == ("Cara", "Wisbech")
    assert set(cara.possible_duplicate_of.all()) == {existing}
    assert not dev.possible_duplicate_of.exists()

    def created(yp):
        return AuditEntry.objects.get(
            action=AuditEntry.Action.CREATE, object_type="people.youngperson", object_id=str(yp.pk)
        )

    imported, by_hand = created(cara), created(single)
    assert imported.actor == by_hand.actor == officer
    assert imported.object_label == cara.reference
    assert imported.changes == by_hand.changes | {"possible_duplicate_of": [None, [existing.pk]]}
    assert by_hand.changes["possible_duplicate_of"] == [
        None,
        sorted([existing.pk, cara.pk], key=str),
    ]
    assert created(dev).changes["possible_duplicate_of"] == [None, []]


def test_a_file_may_hold_ten_thousand_young_people(officer, fenland, monkeypatch):
    from heard.people import importers

    assert importers.MAX_ROWS == 10_000
    monkeypatch.setattr(importers, "MAX_ROWS", 5)
    result = run(officer, _rows(6), dry_run=True)
    assert result.errors == [(7, "file", "A file may hold up to 5 young people.")]
    assert run(officer, _rows(5), dry_run=True).ok


def test_a_row_needs_an_organisation_and_a_plain_confirmation(officer, fenland):
    text = (
        "first_name,age_band,organisation,confirm_not_duplicate\n"
        "Ada,11_13,,\n"
        "Bo,11_13,Fenland Youth Trust,perhaps\n"
    )
    result = run(officer, text, dry_run=True)
    assert {(line, field) for line, field, _ in result.errors} == {
        (2, "organisation"),
        (3, "confirm_not_duplicate"),
    }
    messages = {line: message for line, _, message in result.errors}
    assert messages[2] == "Enter the supporting organisation's name."
    assert messages[3] == "Write 'yes' or leave it empty."
