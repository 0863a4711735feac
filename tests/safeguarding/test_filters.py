"""The safeguarding lists' filters: checks by renewal state, staff search, concern search."""

import datetime

import pytest

from heard.safeguarding.filters import BackgroundCheckFilter, ConcernFilter, TrainingRecordFilter
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord
from tests import factories

from .conftest import TODAY


def found(filterset, model, **data):
    return set(filterset(data, queryset=model.objects.all()).qs)


@pytest.fixture
def checks(db):
    return {
        "current": factories.BackgroundCheckFactory(),
        "due": factories.BackgroundCheckFactory(renewal_due=TODAY + datetime.timedelta(days=10)),
        "expired": factories.BackgroundCheckFactory(renewal_due=TODAY - datetime.timedelta(days=1)),
    }


def test_checks_by_renewal_state(checks):
    assert found(BackgroundCheckFilter, BackgroundCheck, state="expired") == {checks["expired"]}
    assert found(BackgroundCheckFilter, BackgroundCheck, state="due") == {checks["due"]}
    assert found(BackgroundCheckFilter, BackgroundCheck, state="current") == {
        checks["current"],
        checks["due"],
    }


def test_staff_search_by_name_or_email_and_blank_finds_all(db, make_user):
    ada = factories.TrainingRecordFactory(staff=make_user(full_name="Ada Lovelace"))
    bob = factories.TrainingRecordFactory(staff=make_user(email="bob@example.org"))
    assert found(TrainingRecordFilter, TrainingRecord, search="lovelace") == {ada}
    assert found(TrainingRecordFilter, TrainingRecord, search="BOB@") == {bob}
    assert found(TrainingRecordFilter, TrainingRecord, search="  ") == {ada, bob}
    check = factories.BackgroundCheckFactory(staff=ada.staff)
    assert found(BackgroundCheckFilter, BackgroundCheck, search="Ada") == {check}


def test_concerns_by_reference_with_or_without_its_prefix(db):
    concern = factories.ConcernFactory()
    factories.ConcernFactory()
    bare = concern.reference.removeprefix("SC-").lower()
    assert found(ConcernFilter, Concern, search=bare) == {concern}
    assert found(ConcernFilter, Concern, search=concern.young_person.reference) == {concern}
    assert len(found(ConcernFilter, Concern, search=" ")) == 2
