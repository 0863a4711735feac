"""The provision reviews' pages: list, record, edit, delete with confirmation, recommendations,
the provider's response, the revisit and the list of those not acted on (with CSV)."""

import pytest
from django.urls import reverse

from heard.audits import services
from heard.audits.models import ProvisionReview, Recommendation
from tests import factories
from tests.audits.conftest import days

pytestmark = pytest.mark.django_db

SIGNED_IN = 3


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_record_a_review_with_recommendations(client_for, officer, organisation):
    client = client_for(officer)
    url = reverse("audits:review-create")
    assert client.get(url).status_code == 200
    data = {
        "provider": organisation.pk,
        **_date("visit_date", days(-5)),
        "findings": "Good.",
        "recommendations": "Open later\n\nA quiet room",
    }
    response = client.post(url, data)
    review = ProvisionReview.objects.get()
    assert response.url == reverse("audits:review-detail", args=[review.pk])
    assert review.recommendations.count() == 2
    page = client.get(response.url)
    assert "A quiet room" in page.text and "Record the revisit" in page.text


def test_the_list_and_csv(client_for, officer, organisation, make_review):
    make_review(organisation, service="Drop-in")
    client = client_for(officer)
    url = reverse("audits:review-list")
    page = client.get(url)
    assert "Drop-in" in page.text
    assert "Drop-in" not in client.get(url, {"search": "zzz"}).text
    csv = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    assert "Friendly staff" in csv


@pytest.mark.parametrize("count", [1, 3])
def test_lists_run_a_fixed_number_of_queries(
    client_for, officer, organisation, make_review, count, django_assert_num_queries
):
    for _ in range(count):
        review = make_review(organisation)
        for item in review.recommendations.all():
            services.recommendation_check(actor=None, recommendation=item, outcome="not_acted_on")
    client = client_for(officer)
    # the providers filter's choices, the count and the page of rows
    for name in (
        "audits:review-list",
        "audits:recommendation-list",
        "audits:recommendation-not-acted-on",
    ):
        with django_assert_num_queries(SIGNED_IN + 3):
            assert client.get(reverse(name)).status_code == 200
    # the review, its recommendations and reviewers
    with django_assert_num_queries(SIGNED_IN + 3):
        client.get(reverse("audits:review-detail", args=[review.pk]))


def test_the_provider_responds_and_sees_nothing_of_others(
    client_for, partner_worker, organisation, other_organisation, make_review
):
    own = make_review(organisation)
    other = make_review(other_organisation, findings="Other's findings")
    client = client_for(partner_worker)
    page = client.get(reverse("audits:review-detail", args=[own.pk]))
    assert "Respond" in page.text and "Record the revisit" not in page.text
    assert client.get(reverse("audits:review-detail", args=[other.pk])).status_code == 404
    item = own.recommendations.first()
    url = reverse("audits:recommendation-respond", args=[item.pk])
    assert "Paint the waiting room." in client.get(url).text
    assert client.post(url, {"response": "Done in May."}).status_code == 302
    item.refresh_from_db()
    assert item.response == "Done in May."
    theirs = other.recommendations.first()
    respond_other = reverse("audits:recommendation-respond", args=[theirs.pk])
    assert client.get(respond_other).status_code == 404
    listed = client.get(reverse("audits:recommendation-list"))
    assert "Paint" in listed.text and str(other_organisation) not in listed.text
    assert client.get(reverse("audits:recommendation-check", args=[item.pk])).status_code == 403


def test_the_revisit_and_the_not_acted_on_list(client_for, officer, organisation, make_review):
    review = make_review(organisation)
    first, second = review.recommendations.order_by("id")
    client = client_for(officer)
    url = reverse("audits:recommendation-check", args=[second.pk])
    response = client.post(url, {"outcome": "not_acted_on", "outcome_note": "No budget."})
    assert response.status_code == 302
    listed = client.get(reverse("audits:recommendation-not-acted-on"))
    assert "Text reminders." in listed.text and "Paint the waiting room." not in listed.text
    csv = client.get(reverse("audits:recommendation-not-acted-on"), {"format": "csv"})
    text = b"".join(csv.streaming_content).decode()
    assert "No budget." in text and "Paint" not in text
    everything = client.get(reverse("audits:recommendation-list"), {"outcome": "unchecked"})
    assert "Paint the waiting room." in everything.text
    assert "Text reminders." not in everything.text
    awaited = client.get(reverse("audits:recommendation-list"), {"response": "awaited"})
    assert "Paint the waiting room." in awaited.text
    given = client.get(reverse("audits:recommendation-list"), {"response": "given"})
    assert "Paint the waiting room." not in given.text


def test_edit_add_and_delete(client_for, lead, organisation, make_review):
    review = make_review(organisation)
    client = client_for(lead)
    edit = reverse("audits:review-edit", args=[review.pk])
    assert "recommendations" not in client.get(edit).context["form"].fields
    data = {
        "provider": organisation.pk,
        **_date("visit_date", review.visit_date),
        "findings": "Changed findings.",
    }
    assert client.post(edit, data).status_code == 302
    review.refresh_from_db()
    assert review.findings == "Changed findings."
    add = reverse("audits:review-recommend", args=[review.pk])
    assert client.post(add, {"text": "A third one."}).status_code == 302
    item = Recommendation.objects.get(text="A third one.")
    change = reverse("audits:recommendation-edit", args=[item.pk])
    assert client.post(change, {"text": "Third, changed."}).status_code == 302
    delete = reverse("audits:review-delete", args=[review.pk])
    assert "This cannot be undone." in client.get(delete).text
    assert client.post(delete).url == reverse("audits:review-list")
    assert not ProvisionReview.objects.exists()


def test_a_board_member_reads_without_names(client_for, board_member, organisation, make_review):
    young = factories.YoungPersonFactory()
    review = make_review(organisation, reviewers=[young])
    page = client_for(board_member).get(reverse("audits:review-detail", args=[review.pk]))
    assert page.status_code == 200 and young.reference not in page.text
    assert "Respond" not in page.text and "Edit" not in page.text
