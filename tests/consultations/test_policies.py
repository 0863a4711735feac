"""The consultation policies, role by role, with scopes that agree with the object answers."""

import pytest

from heard.consultations import policies
from heard.consultations.models import Consultation, Question, SurveyResponse
from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from tests import factories
from tests.consultations.factories import (
    ConsultationFactory,
    QuestionFactory,
    SurveyResponseFactory,
)
from tests.core.policy_matrix import ROLES, assert_matrix, make_users

PROGRAMME = {"administrator", "lead", "officer"}
STAFF = set(ROLES)


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


@pytest.fixture
def records(users, organisation, other_organisation):
    """Own organisation's consultation, another's on a theme the theme lead leads, another's."""
    led = factories.ThemeFactory(lead=users["theme_lead"])
    own = ConsultationFactory(organisation=organisation)
    themed = ConsultationFactory(organisation=other_organisation, themes=[led])
    other = ConsultationFactory(organisation=other_organisation)
    return own, themed, other


def test_every_staff_role_reads_the_registry_and_the_right_ones_keep_it(users, records):
    own, themed, other = records
    assert_matrix(
        policies.CONSULTATIONS,
        users,
        {
            "view": {None: STAFF, own: STAFF, themed: STAFF, other: STAFF},
            "add": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                own: PROGRAMME | {"theme_lead", "partner"},
                other: PROGRAMME | {"theme_lead", "other_partner"},
            },
            "change": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                own: PROGRAMME | {"partner"},
                themed: PROGRAMME | {"theme_lead", "other_partner"},
                other: PROGRAMME | {"other_partner"},
            },
            "delete": {
                own: PROGRAMME | {"partner"},
                themed: PROGRAMME | {"theme_lead", "other_partner"},
                other: PROGRAMME | {"other_partner"},
            },
        },
    )
    # A new consultation (not saved) has no theme a theme lead leads yet.
    assert not policies.keeps(users["theme_lead"], Consultation(organisation=own.organisation))


def test_questions_follow_their_consultation(users, records):
    own, themed, other = records
    own_q, themed_q, other_q = (QuestionFactory(consultation=c) for c in records)
    assert_matrix(
        policies.QUESTIONS,
        users,
        {
            "view": {None: STAFF, own_q: STAFF, other_q: STAFF},
            "add": {None: PROGRAMME | {"theme_lead", "partner", "other_partner"}},
            "change": {
                own_q: PROGRAMME | {"partner"},
                themed_q: PROGRAMME | {"theme_lead", "other_partner"},
                other_q: PROGRAMME | {"other_partner"},
            },
            "delete": {own_q: PROGRAMME | {"partner"}, other_q: PROGRAMME | {"other_partner"}},
        },
    )
    assert policies.QUESTIONS.allows(users["partner"], "add", own)
    assert not policies.QUESTIONS.allows(users["partner"], "add", other)


def test_responses_are_read_by_whoever_keeps_the_survey(users, records):
    own, themed, other = (SurveyResponseFactory(consultation=c) for c in records)
    assert_matrix(
        policies.SURVEY_RESPONSES,
        users,
        {
            "view": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                own: PROGRAMME | {"partner"},
                themed: PROGRAMME | {"theme_lead", "other_partner"},
                other: PROGRAMME | {"other_partner"},
            }
        },
    )


def test_the_permissions_ask_the_policies(users, records):
    own = records[0]
    for name, user in users.items():
        assert can(user, "consultations.view_consultation", own) is (name in STAFF)
        assert can(user, "consultations.change_consultation", own) is (
            name in PROGRAMME | {"partner"}
        )
    assert policy_for(Consultation) is policies.CONSULTATIONS
    assert policy_for(Question) is policies.QUESTIONS
    assert policy_for(SurveyResponse) is policies.SURVEY_RESPONSES
