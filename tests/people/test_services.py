import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand, Role
from heard.people import models, services
from heard.people.models import Organisation, User, YoungPerson
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

TODAY = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)


def entries(obj, action=None):
    queryset = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    if action:
        queryset = queryset.filter(action=action)
    return list(queryset)


# Organisations ------------------------------------------------------------------------------------


def test_organisation_create_saves_champions_and_audits(officer):
    champion = UserFactory()
    org = services.organisation_create(
        actor=officer, name="  Fenland Youth Trust ", area="Fenland", champions=[champion]
    )
    assert org.name == "Fenland Youth Trust"
    assert list(org.champions.all()) == [champion]
    (entry,) = entries(org)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == officer
    assert entry.changes["name"] == [None, "Fenland Youth Trust"]
    assert entry.changes["champions"] == [None, [champion.pk]]


def test_organisation_name_is_unique_whatever_the_case(officer):
    OrganisationFactory(name="Fenland Youth Trust")
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=officer, name="FENLAND youth trust")
    assert "already exists" in exc.value.message_dict["name"][0]
    assert Organisation.objects.count() == 1


def test_organisation_create_rejects_bad_email(officer):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=officer, name="A", contact_email="not an email")
    assert "contact_email" in exc.value.message_dict


@pytest.mark.parametrize(
    "role", [Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER, Role.PARTNER_WORKER]
)
def test_only_programme_staff_add_organisations(make_user, role):
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=make_user(role), name="Denied")
    assert not Organisation.objects.filter(name="Denied").exists()


def test_organisation_update_audits_changed_fields_only(lead, organisation):
    services.organisation_update(
        actor=lead, organisation=organisation, area="Peterborough", name=organisation.name
    )
    (entry,) = entries(organisation, AuditEntry.Action.UPDATE)
    assert entry.changes == {"area": ["Cambridgeshire", "Peterborough"]}
    services.organisation_update(actor=lead, organisation=organisation, area="Peterborough")
    assert len(entries(organisation, AuditEntry.Action.UPDATE)) == 1


def test_organisation_update_refuses_unknown_fields_and_other_roles(lead, partner_worker):
    org = partner_worker.organisation
    with pytest.raises(TypeError):
        services.organisation_update(actor=lead, organisation=org, reference="x")
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=partner_worker, organisation=org, area="Elsewhere")


# Staff --------------------------------------------------------------------------------------------


def test_staff_create_by_administrator(admin_user, organisation):
    member = services.staff_create(
        actor=admin_user,
        email=" Worker@Example.ORG ",
        full_name="Pat Worker",
        role=Role.PARTNER_WORKER,
        organisation=organisation,
        password="a long enough passphrase 42",
    )
    assert member.email == "worker@example.org"
    assert member.check_password("a long enough passphrase 42")
    (entry,) = entries(member)
    assert entry.changes["role"] == [None, Role.PARTNER_WORKER]
    assert "password" not in entry.changes


def test_staff_create_without_password_cannot_sign_in(admin_user):
    member = services.staff_create(
        actor=admin_user, email="a@example.org", full_name="A", role=Role.BOARD_MEMBER
    )
    assert not member.has_usable_password()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": Role.PARTNER_WORKER}, "organisation"),
        ({"email": "taken@example.org"}, "email"),
        ({"password": "short"}, "password"),
        ({"role": "wizard"}, "role"),
        ({"email": "nope"}, "email"),
    ],
)
def test_staff_create_validation(admin_user, kwargs, field):
    UserFactory(email="taken@example.org")
    values = {"email": "new@example.org", "full_name": "New", "role": Role.PARTICIPATION_OFFICER}
    with pytest.raises(ValidationError) as exc:
        services.staff_create(actor=admin_user, **(values | kwargs))
    assert field in exc.value.message_dict
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.parametrize("role", [Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER])
def test_only_administrators_manage_staff(make_user, role):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.staff_create(actor=actor, email="x@example.org", full_name="X", role=role)
    with pytest.raises(PermissionDenied):
        services.staff_update(actor=actor, user=UserFactory(), is_active=False)


def test_staff_deactivated_never_deleted(admin_user):
    member = UserFactory()
    services.staff_update(actor=admin_user, user=member, is_active=False)
    member.refresh_from_db()
    assert member.is_active is False
    assert entries(member, AuditEntry.Action.UPDATE)[0].changes == {"is_active": [True, False]}


def test_administrator_cannot_lock_themselves_out(admin_user):
    with pytest.raises(ValidationError):
        services.staff_update(actor=admin_user, user=admin_user, is_active=False)
    with pytest.raises(ValidationError):
        services.staff_update(actor=admin_user, user=admin_user, role=Role.BOARD_MEMBER)
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.role == Role.ADMINISTRATOR


# Young people -------------------------------------------------------------------------------------


def test_young_person_create_audits_every_field(officer, organisation):
    yp = services.young_person_create(
        actor=officer,
        first_name=" Sam ",
        age_band=AgeBand.AGE_11_13,
        organisation=organisation,
        communication_needs="Uses BSL",
    )
    assert yp.first_name == "Sam"
    assert yp.reference.startswith("YP-")
    (entry,) = entries(yp)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.changes["first_name"] == [None, "Sam"]
    assert entry.changes["organisation"] == [None, organisation.pk]
    assert entry.changes["communication_needs"] == [None, "Uses BSL"]


def test_possible_duplicate_is_flagged_then_confirmed(officer, organisation):
    existing = YoungPersonFactory(first_name="Sam", organisation=organisation)
    with pytest.raises(services.PossibleDuplicateError) as exc:
        services.young_person_create(
            actor=officer, first_name="SAM", age_band=AgeBand.AGE_11_13, organisation=organisation
        )
    assert exc.value.code == "possible_duplicate"
    assert exc.value.error_dict["confirm_not_duplicate"][0].code == "possible_duplicate"
    assert existing.reference in exc.value.message_dict["confirm_not_duplicate"][0]
    assert YoungPerson.objects.count() == 1

    yp = services.young_person_create(
        actor=officer,
        first_name="SAM",
        age_band=AgeBand.AGE_11_13,
        organisation=organisation,
        confirm_not_duplicate=True,
    )
    assert list(yp.possible_duplicate_of.all()) == [existing]
    assert entries(yp)[0].changes["possible_duplicate_of"] == [None, [existing.pk]]


@pytest.mark.parametrize(
    "other", [{"age_band": AgeBand.AGE_14_15}, {"first_name": "Samir"}, {"organisation": None}]
)
def test_not_a_duplicate_when_band_name_or_organisation_differ(officer, organisation, other):
    YoungPersonFactory(first_name="Sam", organisation=organisation)
    values = {"first_name": "Sam", "age_band": AgeBand.AGE_11_13, "organisation": organisation}
    values |= other
    values["organisation"] = values["organisation"] or OrganisationFactory()
    yp = services.young_person_create(actor=officer, **values)
    assert yp.possible_duplicate_of.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_date_of_birth_sets_the_band_or_must_match_it(officer, organisation):
    yp = services.young_person_create(
        actor=officer,
        first_name="Ada",
        age_band="",
        date_of_birth=datetime.date(2012, 11, 21),  # 14 tomorrow
        organisation=organisation,
    )
    assert yp.age_band == AgeBand.AGE_11_13
    with pytest.raises(ValidationError) as exc:
        services.young_person_create(
            actor=officer,
            first_name="Bo",
            age_band=AgeBand.AGE_16_17,
            date_of_birth=datetime.date(2012, 1, 1),
            organisation=organisation,
        )
    assert "does not match" in exc.value.message_dict["age_band"][0]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"first_name": "  "}, "first_name"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"area": "x" * 101}, "area"),
        ({"access_needs": "x" * 2001}, "access_needs"),
        ({"age_band": "12_14"}, "age_band"),
        ({"age_band": ""}, "age_band"),
        ({"date_of_birth": datetime.date(2027, 1, 1), "age_band": ""}, "date_of_birth"),
        ({"date_of_birth": datetime.date(1990, 1, 1), "age_band": ""}, "date_of_birth"),
        ({"contact_preference": "pigeon"}, "contact_preference"),
    ],
)
def test_young_person_create_bad_input(officer, organisation, values, field):
    kwargs = {"first_name": "Ada", "age_band": AgeBand.AGE_8_10, "organisation": organisation}
    with pytest.raises(ValidationError) as exc:
        services.young_person_create(actor=officer, **(kwargs | values))
    assert field in exc.value.message_dict
    assert not YoungPerson.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("role", "own_org", "allowed"),
    [
        (Role.ADMINISTRATOR, False, True),
        (Role.PARTICIPATION_LEAD, False, True),
        (Role.PARTICIPATION_OFFICER, False, True),
        (Role.THEME_LEAD, False, True),
        (Role.PARTNER_WORKER, True, True),
        (Role.PARTNER_WORKER, False, False),
        (Role.SAFEGUARDING_LEAD, False, False),
        (Role.BOARD_MEMBER, False, False),
    ],
)
def test_who_may_add_young_people(
    make_user, organisation, other_organisation, role, own_org, allowed
):
    actor = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    target = organisation if own_org else other_organisation
    kwargs = {"first_name": "Ada", "age_band": AgeBand.AGE_8_10, "organisation": target}
    if allowed:
        assert services.young_person_create(actor=actor, **kwargs).pk
    else:
        with pytest.raises(PermissionDenied):
            services.young_person_create(actor=actor, **kwargs)
        assert not YoungPerson.objects.exists()


def test_young_people_are_not_added_to_an_inactive_organisation(officer):
    closed = OrganisationFactory(is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.young_person_create(
            actor=officer, first_name="Ada", age_band=AgeBand.UNDER_8, organisation=closed
        )
    assert "no longer active" in exc.value.message_dict["organisation"][0]


def test_the_system_may_add_young_people(organisation):
    yp = services.young_person_create(
        actor=None, first_name="Demo", age_band=AgeBand.UNDER_8, organisation=organisation
    )
    assert entries(yp)[0].actor is None


def test_young_person_update_audits_changed_fields(officer, organisation):
    yp = YoungPersonFactory(organisation=organisation, area="Cambridge", first_name="Ada")
    services.young_person_update(
        actor=officer, young_person=yp, area="Ely", first_name="Ada", is_active=False
    )
    (entry,) = entries(yp, AuditEntry.Action.UPDATE)
    assert entry.changes == {"area": ["Cambridge", "Ely"], "is_active": [True, False]}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PARTICIPATION_OFFICER, True),
        (Role.THEME_LEAD, False),
        (Role.SAFEGUARDING_LEAD, False),
        (Role.BOARD_MEMBER, False),
    ],
)
def test_who_may_change_young_people(make_user, organisation, role, allowed):
    yp = YoungPersonFactory(organisation=organisation, area="Cambridge")
    if allowed:
        services.young_person_update(actor=make_user(role), young_person=yp, area="Ely")
    else:
        with pytest.raises(PermissionDenied):
            services.young_person_update(actor=make_user(role), young_person=yp, area="Ely")
    yp.refresh_from_db()
    assert (yp.area == "Ely") is allowed


def test_partner_worker_changes_only_own_organisation(partner_worker, other_organisation):
    own = YoungPersonFactory(organisation=partner_worker.organisation)
    other = YoungPersonFactory(organisation=other_organisation, area="Cambridge")
    services.young_person_update(actor=partner_worker, young_person=own, area="Ely")
    with pytest.raises(PermissionDenied):
        services.young_person_update(actor=partner_worker, young_person=other, area="Ely")
    with pytest.raises(PermissionDenied):
        services.young_person_update(
            actor=partner_worker, young_person=own, organisation=other_organisation
        )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.organisation == partner_worker.organisation
    assert other.area == "Cambridge"


@time_machine.travel(TODAY, tick=False)
def test_young_person_update_checks_band_against_date_of_birth(officer, organisation):
    yp = YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_11_13)
    with pytest.raises(ValidationError):
        services.young_person_update(
            actor=officer,
            young_person=yp,
            date_of_birth=datetime.date(2006, 1, 1),
            age_band=AgeBand.AGE_11_13,
        )
    services.young_person_update(
        actor=officer, young_person=yp, date_of_birth=datetime.date(2010, 1, 1)
    )
    yp.refresh_from_db()
    assert yp.age_band == AgeBand.AGE_16_17
    with pytest.raises(TypeError):
        services.young_person_update(actor=officer, young_person=yp, reference="YP-AAAAAA")


def _draws(*references):
    """A reference generator that returns these references in turn (then fresh ones)."""
    queue = list(references)
    real = models.new_reference

    def draw():
        return queue.pop(0) if queue else real()

    return draw


def test_young_person_create_draws_again_while_the_reference_is_taken(
    officer, organisation, monkeypatch
):
    taken = YoungPersonFactory(organisation=organisation, first_name="Other").reference
    also_taken = YoungPersonFactory(organisation=organisation, first_name="Another").reference
    monkeypatch.setattr(models, "new_reference", _draws(taken, also_taken, "YP-FRESH2"))
    yp = services.young_person_create(
        actor=officer, first_name="Ada", age_band=AgeBand.AGE_11_13, organisation=organisation
    )
    assert yp.reference == "YP-FRESH2"
    assert YoungPerson.objects.filter(reference=taken).count() == 1


def test_a_generator_that_only_collides_fails_clearly_not_with_a_server_error(
    officer, organisation, monkeypatch
):
    taken = YoungPersonFactory(organisation=organisation).reference
    monkeypatch.setattr(models, "new_reference", lambda: taken)
    with pytest.raises(RuntimeError, match="unused reference"):
        models.unused_references(1)


def test_unused_references_are_distinct_and_new(organisation, monkeypatch):
    taken = YoungPersonFactory(organisation=organisation).reference
    monkeypatch.setattr(
        models, "new_reference", _draws(taken, "YP-AAAAA2", "YP-AAAAA2", taken, "YP-BBBBB3")
    )
    assert models.unused_references(2) == ["YP-AAAAA2", "YP-BBBBB3"]
