import datetime

import pytest
import time_machine

from tests import factories

#: Every voice test runs on 20 November 2026.
TODAY = datetime.date(2026, 11, 20)
SESSION_DAY = datetime.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def theme(theme_lead):
    return factories.ThemeFactory(title="Mental health", lead=theme_lead)


@pytest.fixture
def other_theme():
    return factories.ThemeFactory(title="Transport")


@pytest.fixture
def group(organisation, theme):
    group = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    factories.GroupThemeFactory(group=group, theme=theme)
    return group


@pytest.fixture
def members(group):
    return [factories.MembershipFactory(group=group).young_person for _ in range(3)]


@pytest.fixture
def session(group, members):
    session = factories.SessionFactory(group=group, date=SESSION_DAY, title="Planning day")
    for person in members:
        factories.AttendanceFactory(session=session, young_person=person)
    return session


@pytest.fixture
def other_session(other_organisation):
    group = factories.GroupFactory(host_organisation=other_organisation, name="Hillside Council")
    return factories.SessionFactory(group=group, date=SESSION_DAY)


@pytest.fixture
def give_consent(db):
    """``give_consent(person, "quotes", ...)``: current consents, recorded as privacy records them
    (by a parent or carer, so any age band may give them)."""
    from heard.privacy import services as privacy_services

    def give(young_person, *purposes, on=datetime.date(2026, 9, 1)):
        return [
            privacy_services.consent_record(
                actor=None,
                young_person=young_person,
                purpose=purpose,
                given_by="parent_or_carer",
                given_on=on,
                how="written",
            )
            for purpose in purposes
        ]

    return give


@pytest.fixture
def withdraw_consent(db):
    """``withdraw_consent(consent)``: withdrawn today by a parent or carer, in writing."""
    from heard.privacy import services as privacy_services

    def withdraw(consent, actor=None):
        return privacy_services.consent_withdraw(
            actor=actor,
            consent=consent,
            withdrawn_on=TODAY,
            withdrawn_by="parent_or_carer",
            withdrawn_how="written",
        )

    return withdraw
