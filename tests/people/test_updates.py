"""The people updates through ``audited_update``: each event, its changes, the columns saved, and
the rules a service adds to Django's own validation."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand, Role
from heard.people import services
from heard.people.events import YOUNG_PEOPLE_IMPORTED
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)


def last_entry(obj):
    return AuditEntry.objects.about(obj).order_by("-pk").first()


def test_organisation_events_name_what_happened(lead):
    org = services.organisation_create(actor=lead, name="Fenland Youth Trust")
    assert last_entry(org).event == "organisation.created"
    services.organisation_update(actor=lead, organisation=org, notes=" Meets on Fridays ")
    entry = last_entry(org)
    assert entry.event == "organisation.changed"
    assert entry.changes == {"notes": ["", "Meets on Fridays"]}


def test_an_update_saves_only_the_columns_it_changes(lead, organisation):
    with CaptureQueriesContext(connection) as queries:
        services.organisation_update(actor=lead, organisation=organisation, area="Ely")
    (update,) = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert '"area"' in update and '"name"' not in update


def test_organisation_names_are_required_and_unique_on_update(lead, organisation):
    OrganisationFactory(name="Fenland Youth Trust")
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=lead, name="   ")
    assert exc.value.message_dict == {"name": ["Enter the organisation's name."]}
    with pytest.raises(ValidationError) as exc:
        services.organisation_update(
            actor=lead, organisation=organisation, name="fenland youth trust "
        )
    assert exc.value.message_dict["name"] == [
        "An organisation called fenland youth trust already exists."
    ]
    # Its own name, in another case, is no clash.
    services.organisation_update(
        actor=lead, organisation=organisation, name=organisation.name.upper()
    )


def test_champions_change_and_are_audited(lead, organisation):
    champion = UserFactory()
    services.organisation_update(actor=lead, organisation=organisation, champions=[champion])
    assert list(organisation.champions.all()) == [champion]
    assert last_entry(organisation).changes == {"champions": [[], [champion.pk]]}


def test_staff_update_normalises_the_email_and_refuses_a_taken_one(admin_user):
    member = UserFactory(email="pat@example.org")
    UserFactory(email="sam@example.org")
    services.staff_update(actor=admin_user, user=member, email=" Pat.Worker@Example.ORG ")
    member.refresh_from_db()
    assert member.email == "pat.worker@example.org"
    entry = last_entry(member)
    assert entry.event == "staff_account.changed"
    assert entry.changes == {"email": ["pat@example.org", "pat.worker@example.org"]}
    with pytest.raises(ValidationError) as exc:
        services.staff_update(actor=admin_user, user=member, email="SAM@example.org")
    assert "already exists" in exc.value.message_dict["email"][0]


def test_a_partner_worker_keeps_an_organisation(admin_user, organisation):
    member = UserFactory(role=Role.PARTICIPATION_OFFICER)
    with pytest.raises(ValidationError) as exc:
        services.staff_update(actor=admin_user, user=member, role=Role.PARTNER_WORKER)
    assert list(exc.value.message_dict) == ["organisation"]
    services.staff_update(
        actor=admin_user, user=member, role=Role.PARTNER_WORKER, organisation=organisation
    )
    member.refresh_from_db()
    assert member.organisation == organisation


def test_an_administrator_may_change_their_own_details(admin_user):
    services.staff_update(
        actor=admin_user, user=admin_user, job_title="Data lead", role=Role.ADMINISTRATOR
    )
    admin_user.refresh_from_db()
    assert admin_user.job_title == "Data lead" and admin_user.role == Role.ADMINISTRATOR


@time_machine.travel(TODAY, tick=False)
def test_young_person_changes_are_young_person_events(officer, organisation):
    yp = services.young_person_create(
        actor=officer, first_name="Ada", age_band=AgeBand.AGE_11_13, organisation=organisation
    )
    assert last_entry(yp).event == "young_person.created"
    # A band that matches the date of birth is kept as it is.
    services.young_person_update(
        actor=officer,
        young_person=yp,
        date_of_birth=datetime.date(2014, 1, 1),
        age_band=AgeBand.AGE_11_13,
    )
    entry = last_entry(yp)
    assert entry.event == "young_person.changed"
    assert entry.changes == {"date_of_birth": [None, "2014-01-01"]}


def test_a_record_moves_only_to_an_active_organisation_the_actor_keeps(
    officer, partner_worker, organisation
):
    yp = YoungPersonFactory(organisation=organisation)
    closed = OrganisationFactory(is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.young_person_update(actor=officer, young_person=yp, organisation=closed)
    assert list(exc.value.message_dict) == ["organisation"]
    elsewhere = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.young_person_update(actor=partner_worker, young_person=yp, organisation=elsewhere)
    services.young_person_update(actor=officer, young_person=yp, organisation=elsewhere)
    assert last_entry(yp).changes == {"organisation": [organisation.pk, elsewhere.pk]}


def test_an_import_names_its_count_in_words_on_each_organisation(officer, organisation):
    other = OrganisationFactory()
    text = (
        "first_name,age_band,organisation\n"
        f"Ada,11_13,{organisation.name}\nBo,11_13,{organisation.name}\nCy,8_10,{other.name}\n"
    )
    result = services.young_people_import(actor=officer, file=text, dry_run=False)
    assert result.ok and len(result.created) == 3
    summaries = AuditEntry.objects.filter(event=YOUNG_PEOPLE_IMPORTED.name)
    counts = {entry.object_id: entry.metadata for entry in summaries}
    assert counts == {str(organisation.pk): {"young_people": 2}, str(other.pk): {"young_people": 1}}
    assert YOUNG_PEOPLE_IMPORTED.detail({"young_people": 1}) == (
        "1 young person added from a CSV file"
    )
    assert YOUNG_PEOPLE_IMPORTED.detail({"young_people": 2}) == (
        "2 young people added from a CSV file"
    )
    created = AuditEntry.objects.filter(event="young_person.imported")
    assert created.count() == 3


def test_the_register_is_matched_on_the_whole_key_not_its_parts(officer, organisation):
    other = OrganisationFactory()
    # Same first name, band of the second row and organisation of the first: no match.
    YoungPersonFactory(first_name="Ada", age_band=AgeBand.AGE_8_10, organisation=organisation)
    text = (
        f"first_name,age_band,organisation\nAda,11_13,{organisation.name}\nBo,8_10,{other.name}\n"
    )
    result = services.young_people_import(actor=officer, file=text, dry_run=True)
    assert result.ok, result.errors


def test_a_file_may_repeat_a_likeness_it_confirms_but_not_a_row(officer, organisation):
    text = (
        "first_name,last_name,age_band,organisation,confirm_not_duplicate\n"
        f"Ada,Smith,11_13,{organisation.name},\n"
        f"Ada,Jones,11_13,{organisation.name},\n"
        f"Ada,Brown,11_13,{organisation.name},yes\n"
        f"Ada,Smith,11_13,{organisation.name},yes\n"
    )
    result = services.young_people_import(actor=officer, file=text, dry_run=True)
    messages = {line: message for line, _, message in result.errors}
    assert set(messages) == {3, 5}
    assert "same young person as line 2" in messages[3]
    assert "repeats line 2" in messages[5]


def test_history_pages_read_people_events_to_those_who_may_see_the_record(
    client_for, officer, make_user, organisation
):
    yp = YoungPersonFactory(organisation=organisation, area="Ely")
    services.young_person_update(actor=officer, young_person=yp, area="March")
    services.organisation_update(actor=officer, organisation=organisation, area="Fenland")
    client = client_for(officer)
    page = client.get(reverse("core:history", args=["people.youngperson", yp.pk]))
    assert page.status_code == 200
    assert b"Changed the young person" in page.content and b"March" in page.content
    page = client.get(reverse("core:history", args=["people.organisation", organisation.pk]))
    assert b"Changed the organisation" in page.content and b"Fenland" in page.content
    # History is for programme staff: a partner worker sees none, not even of their own records.
    partner = make_user(Role.PARTNER_WORKER, organisation=organisation)
    url = reverse("core:history", args=["people.youngperson", yp.pk])
    assert client_for(partner).get(url).status_code == 403
