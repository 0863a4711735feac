"""Provision reviews: the visit and its recommendations, the provider's response to each (its own
staff only), and the revisit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.audits import selectors, services
from heard.audits.models import ProvisionReview, Recommendation
from heard.core.models import AuditEntry
from tests import factories
from tests.audits.conftest import days

pytestmark = pytest.mark.django_db


def test_an_officer_records_a_review_with_its_recommendations(officer, organisation):
    young = factories.YoungPersonFactory()
    review = services.review_record(
        actor=officer,
        provider=organisation,
        service=" Health drop-in ",
        visit_date=days(-10),
        reviewers=[young],
        findings="Welcoming.",
        revisit_date=days(80),
        recommendations=["Open later.", "  ", "A quiet room."],
    )
    assert review.service == "Health drop-in"
    assert [r.text for r in review.recommendations.order_by("id")] == [
        "Open later.",
        "A quiet room.",
    ]
    assert AuditEntry.objects.filter(event="provision_review.recorded").count() == 1
    assert AuditEntry.objects.filter(event="recommendation.made").count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"findings": ""}, "findings"),
        ({"revisit_date": days(-90)}, "revisit_date"),
        ({"visit_date": days(2)}, "visit_date"),
        ({"service": "a\nb"}, "service"),
        ({"notes": "x" * 5001}, "notes"),
    ],
)
def test_a_review_that_does_not_hold_together_is_refused(officer, organisation, values, field):
    values = {"visit_date": days(-60), "findings": "Fine.", **values}
    with pytest.raises(ValidationError) as caught:
        services.review_record(actor=officer, provider=organisation, **values)
    assert field in caught.value.message_dict
    assert not ProvisionReview.objects.exists()


def test_change_and_delete_a_review(lead, organisation, make_review):
    review = make_review(organisation)
    young = factories.YoungPersonFactory()
    services.review_update(actor=lead, review=review, reviewers=[young], notes="More")
    entry = AuditEntry.objects.get(event="provision_review.changed")
    assert entry.changes == {"reviewers": [[], [young.pk]], "notes": ["", "More"]}
    with pytest.raises(TypeError):
        services.review_update(actor=lead, review=review, id=3)
    services.review_delete(actor=lead, review=review)
    assert not Recommendation.objects.exists()
    assert AuditEntry.objects.filter(event="provision_review.deleted").exists()


def test_only_the_providers_own_staff_respond(
    make_user, partner_worker, officer, organisation, other_organisation, make_review
):
    review = make_review(organisation)
    recommendation = review.recommendations.first()
    other = make_user("partner_worker", organisation=other_organisation)
    for user in (officer, other):
        with pytest.raises(PermissionDenied):
            services.recommendation_respond(
                actor=user, recommendation=recommendation, response="Done"
            )
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=partner_worker, recommendation=recommendation, response=" "
        )
    answered = services.recommendation_respond(
        actor=partner_worker, recommendation=recommendation, response=" Painted it. "
    )
    assert answered.response == "Painted it."
    assert answered.responded_by == partner_worker and answered.responded_at is not None
    entry = AuditEntry.objects.get(event="recommendation.responded")
    assert entry.changes["response"] == ["", "Painted it."]


def test_the_revisit_lists_what_was_not_acted_on(officer, organisation, make_review):
    review = make_review(organisation)
    first, second = review.recommendations.order_by("id")
    services.recommendation_check(actor=officer, recommendation=first, outcome="acted_on")
    services.recommendation_check(
        actor=officer, recommendation=second, outcome="not_acted_on", outcome_note=" No money. "
    )
    assert list(selectors.recommendations_not_acted_on(officer)) == [second]
    second.refresh_from_db()
    assert second.outcome_note == "No money."
    with pytest.raises(ValidationError):
        services.recommendation_check(actor=officer, recommendation=first, outcome="maybe")
    listed = selectors.reviews_visible_to(officer).get()
    assert (listed.recommendation_count, listed.not_acted_on_count) == (2, 1)


def test_add_and_change_a_recommendation(officer, partner_worker, organisation, make_review):
    review = make_review(organisation, recommendations=[])
    with pytest.raises(ValidationError):
        services.recommendation_add(actor=officer, review=review, text=" ")
    made = services.recommendation_add(actor=officer, review=review, text="Longer hours.")
    with pytest.raises(ValidationError):
        services.recommendation_update(actor=officer, recommendation=made, text="")
    changed = services.recommendation_update(actor=officer, recommendation=made, text="Later.")
    assert changed.text == "Later."
    assert "Recommendation" in str(changed)
    with pytest.raises(PermissionDenied):
        services.recommendation_update(actor=partner_worker, recommendation=made, text="x")
