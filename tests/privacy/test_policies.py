"""Privacy's policies, role by role: consents follow the young person; equality data, exports,
erasure and retention are programme staff's; reach is read by programme staff and the board."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from heard.core.permissions import can
from heard.privacy import policies, selectors
from heard.privacy.models import (
    Anonymisation,
    BenchmarkShare,
    Consent,
    EqualityRecord,
    LeastHeardTarget,
)
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix

PROGRAMME = {"administrator", "lead", "officer"}
READERS = PROGRAMME | {"theme_lead", "safeguarding"}
RECORDERS = PROGRAMME | {"theme_lead"}


@pytest.fixture
def users(db, organisation, other_organisation):
    made = {}
    for name, role in ROLES.items():
        org = {"partner": organisation, "other_partner": other_organisation}.get(name)
        made[name] = factories.UserFactory(role=role, organisation=org)
    made["inactive"] = factories.UserFactory(role=ROLES["officer"], is_active=False)
    made["anonymous"] = AnonymousUser()
    return made


def consent_of(young_person):
    return Consent.objects.create(
        young_person=young_person,
        purpose="quotes",
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 1, 5),
        how="written",
    )


def test_consents_follow_the_young_person(users, organisation, other_organisation):
    ours = consent_of(factories.YoungPersonFactory(organisation=organisation))
    theirs = consent_of(factories.YoungPersonFactory(organisation=other_organisation))
    assert_matrix(
        policies.CONSENTS,
        users,
        {
            "view": {
                None: READERS | {"partner", "other_partner"},
                ours: READERS | {"partner"},
                theirs: READERS | {"other_partner"},
            },
            "add": {
                None: RECORDERS | {"partner", "other_partner"},
                ours: RECORDERS | {"partner"},
                theirs: RECORDERS | {"other_partner"},
            },
            "change": {ours: RECORDERS | {"partner"}, theirs: RECORDERS | {"other_partner"}},
        },
    )


def test_the_young_person_stands_for_their_consents(users, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    assert can(users["partner"], "privacy.add_consent", young_person)
    assert not can(users["other_partner"], "privacy.add_consent", young_person)
    assert can(users["safeguarding"], "privacy.view_consent", young_person)
    assert not can(users["safeguarding"], "privacy.add_consent", young_person)
    assert not can(users["other_partner"], "privacy.view_consent", young_person)


def test_a_partner_worker_lists_only_their_organisations_consents(users, organisation):
    ours = consent_of(factories.YoungPersonFactory(organisation=organisation))
    theirs = consent_of(factories.YoungPersonFactory())
    assert list(selectors.consents_visible_to(users["partner"])) == [ours]
    assert set(selectors.consents_visible_to(users["officer"])) == {ours, theirs}
    assert not selectors.consents_visible_to(users["board"]).exists()


def test_special_category_data_exports_and_erasure_are_programme_staffs(users, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    record = EqualityRecord.objects.create(young_person=young_person, gender="boy_man")
    anonymised = Anonymisation.objects.create(
        young_person=factories.YoungPersonFactory(organisation=organisation), reason="erasure"
    )
    only_programme = {None: PROGRAMME, record: PROGRAMME}
    assert_matrix(policies.EQUALITY, users, {"view": only_programme, "change": only_programme})
    table = {None: PROGRAMME, anonymised: PROGRAMME}
    assert_matrix(
        policies.ANONYMISATION,
        users,
        {"view": table, "erase": table, "export": table, "run_retention": table},
    )
    for perm in (
        "privacy.view_equalityrecord",
        "privacy.export_subject_access",
        "privacy.erase_youngperson",
    ):
        assert can(users["officer"], perm, young_person)
        assert not can(users["partner"], perm, young_person)
    assert can(users["lead"], "privacy.run_retention")
    assert not can(users["theme_lead"], "privacy.run_retention")


def test_reach_and_its_settings(users):
    share = BenchmarkShare.objects.create(characteristic="send", value="yes", share=12)
    target = LeastHeardTarget.objects.create(
        group="send", target=10, start=datetime.date(2026, 4, 1), end=datetime.date(2027, 3, 31)
    )
    readers = PROGRAMME | {"board"}
    assert_matrix(
        policies.BENCHMARKS,
        users,
        {
            "view": {None: readers, share: readers},
            "reach": {None: readers},
            "change": {None: PROGRAMME, share: PROGRAMME},
        },
    )
    assert_matrix(
        policies.TARGETS,
        users,
        {"view": {None: readers, target: readers}, "change": {None: PROGRAMME, target: PROGRAMME}},
    )
    assert can(users["board"], "privacy.view_reach")
    assert not can(users["partner"], "privacy.view_reach")
    assert can(users["officer"], "privacy.change_leastheardtarget")
    assert not can(users["board"], "privacy.change_benchmarkshare")
