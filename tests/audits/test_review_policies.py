"""The provision reviews' policies: programme staff keep them, board members read them, a
partner worker reads the reviews of their own organisation and answers its recommendations."""

import pytest

from heard.audits import policies, selectors
from tests.core.policy_matrix import assert_matrix, make_users

PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role="participation_officer")


def test_the_review_matrix(users, organisation, other_organisation, make_review):
    own = make_review(organisation)
    other = make_review(other_organisation)
    assert_matrix(
        policies.REVIEWS,
        users,
        {
            "view": {
                None: PROGRAMME | {"board", "partner", "other_partner"},
                own: PROGRAMME | {"board", "partner"},
                other: PROGRAMME | {"board", "other_partner"},
            },
            "add": {None: PROGRAMME},
            "change": {own: PROGRAMME},
            "delete": {own: PROGRAMME},
            "view_young_people": {own: PROGRAMME},
        },
    )


def test_the_recommendation_matrix(users, organisation, other_organisation, make_review):
    own = make_review(organisation).recommendations.first()
    other = make_review(other_organisation).recommendations.first()
    assert_matrix(
        policies.RECOMMENDATIONS,
        users,
        {
            "view": {
                own: PROGRAMME | {"board", "partner"},
                other: PROGRAMME | {"board", "other_partner"},
            },
            "change": {None: PROGRAMME, own: PROGRAMME},
            "respond": {None: {"partner", "other_partner"}, own: {"partner"}},
        },
    )


def test_a_partner_sees_only_what_is_addressed_to_them(
    users, organisation, other_organisation, make_review
):
    own = make_review(organisation)
    make_review(other_organisation)
    partner = users["partner"]
    assert list(selectors.reviews_visible_to(partner)) == [own]
    assert {r.review_id for r in selectors.recommendations_visible_to(partner)} == {own.pk}
    assert not selectors.recommendations_visible_to(users["theme_lead"]).exists()
