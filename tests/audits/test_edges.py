"""The edges the other tests do not reach: malformed ids, unknown policy attributes, a review
changed without its reviewers, the search of recommendations."""

import pytest
from django.http import Http404
from django.urls import reverse

from heard.audits import policies, selectors, services

pytestmark = pytest.mark.django_db


def test_a_malformed_id_is_not_found(officer):
    with pytest.raises(Http404):
        selectors.audit_get(officer, "x1")
    with pytest.raises(Http404):
        selectors.review_get(officer, None)


def test_a_policy_answers_only_for_its_actions():
    with pytest.raises(AttributeError):
        policies.REVIEWS.may_fly  # noqa: B018 - the attribute's lookup is the test
    with pytest.raises(AttributeError):
        policies.REVIEWS.fly_scope  # noqa: B018


def test_a_review_changed_without_its_reviewers(officer, organisation, make_review):
    review = make_review(organisation)
    changed = services.review_update(actor=officer, review=review, findings="New findings.")
    assert changed.findings == "New findings."


def test_search_recommendations(client_for, officer, organisation, make_review):
    make_review(organisation)
    url = reverse("audits:recommendation-list")
    page = client_for(officer).get(url, {"search": "waiting room"})
    assert "Paint the waiting room." in page.text and "Text reminders." not in page.text


def test_long_texts_are_refused_with_the_fields_message(officer, organisation, make_review):
    from django.core.exceptions import ValidationError

    review = make_review(organisation)
    recommendation = review.recommendations.first()
    with pytest.raises(ValidationError) as caught:
        services.recommendation_update(
            actor=officer, recommendation=recommendation, text="x" * 5001
        )
    assert "text" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.course_record(
            actor=officer, title="T", kind="young_auditor", date=review.visit_date, notes="x" * 5001
        )
    assert "notes" in caught.value.message_dict


def test_an_attendance_reads_as_who_and_where(make_course):
    from tests import factories

    young = factories.YoungPersonFactory()
    course = make_course([young], title="Auditing")
    assert str(course.attendances.get()) == f"{young.reference} at Auditing"
