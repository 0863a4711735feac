"""The provision reviews' pages: their list, a review, recording, editing and deleting one;
recommendations, the provider's response, the revisit, and those not acted on."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from heard.audits import filters, forms, selectors, services
from heard.audits.models import ProvisionReview
from heard.audits.views._common import delete_view, link, the_named
from heard.audits.warnings import warn_untrained
from heard.core import tables
from heard.core.columns import FINDINGS_CSV, SERVICE_CSV
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.record_views import record_form_view
from heard.core.records import Record


def _review_url(review: ProvisionReview) -> str:
    return reverse("audits:review-detail", args=[review.pk])


def _warn(request: HttpRequest, review: ProvisionReview) -> None:
    warn_untrained(request, review.reviewers.all(), review.visit_date, selectors.REVIEW_KINDS)


REVIEW = Record(
    "audits:review",
    "audits.provisionreview",
    selectors.review_get,
    form=forms.ReviewForm,
    initial=forms.ReviewForm.initial_for,
    label=the_named,
    form_kwargs=lambda request, review: {} if review is None else {"adding": False},
    saved=_warn,
)
ReviewListView = REVIEW.list_view(
    title="Provision reviews",
    selector=selectors.reviews_visible_to,
    filterset_class=filters.ReviewFilter,
    columns=(
        tables.Column(
            gettext_lazy("Provider or service"),
            "holder",
            cell=link("audits:review-detail", "{{ row.holder }}"),
        ),
        tables.Column(gettext_lazy("Provider"), "provider.name", in_table=False),
        SERVICE_CSV,
        tables.Column(gettext_lazy("Visited"), "visit_date"),
        tables.Column(gettext_lazy("Revisit"), "revisit_date"),
        tables.Column(gettext_lazy("Recommendations"), "recommendation_count", numeric=True),
        tables.Column(gettext_lazy("Not acted on"), "not_acted_on_count", numeric=True),
        FINDINGS_CSV,
    ),
)


def _review_page(request: HttpRequest, review: ProvisionReview) -> dict[str, Any]:
    user: Any = request.user
    sees_young_people = can(user, "audits.view_young_people_provisionreview", review)
    young = review.reviewers.all()
    untrained = (
        selectors.untrained(young, review.visit_date, selectors.REVIEW_KINDS)
        if sees_young_people
        else []
    )
    return {
        "untrained": {person.pk for person in untrained},
        "title": str(review),
        "recommendations": list(review.recommendations.all()),
        "can_view_young_people": sees_young_people,
        "can_respond": can(user, "audits.respond_recommendation")
        and user.organisation_id == review.provider_id,
        "can_check": can(user, "audits.change_recommendation"),
    }


review_detail = REVIEW.detail_view("audits/review_detail.html", _review_page)


review_create = REVIEW.create_view(
    services.review_record,
    title="Record a provision review",
    submit_label="Record the review",
    success="Provision review recorded.",
)
review_edit = REVIEW.edit_view(services.review_update, success="Provision review updated.")


review_delete = delete_view(
    REVIEW,
    services.review_delete,
    warning="Its recommendations and the provider's responses are deleted with it.",
)


review_recommend = REVIEW.form_view(
    "change",
    services.recommendation_add,
    form=forms.RecommendationForm,
    title=lambda review: f"Add a recommendation to {the_named(review)}",
    submit_label="Add the recommendation",
    success="Recommendation added.",
    name="review_recommend",
)


def _recommendation_page(
    name: str, permission: str, form_class: Any, service: Any, *, title: str, **texts: Any
) -> Any:
    """A page on one recommendation, for those with ``permission``: its form, holding the
    recommendation's values, saved by ``service``; back to the review after."""
    return record_form_view(
        selectors.recommendation_get,
        permission,
        service,
        form=form_class,
        keyword="recommendation",
        back=lambda recommendation: _review_url(recommendation.review),
        title=lambda recommendation: title,
        name=name,
        form_kwargs=lambda user, recommendation: {
            "initial": {field: getattr(recommendation, field) for field in form_class.base_fields}
        },
        context=lambda recommendation: {"recommendation": recommendation},
        template="audits/recommendation_form.html",
        **texts,
    )


recommendation_edit = _recommendation_page(
    "recommendation_edit",
    "audits.change_recommendation",
    forms.RecommendationForm,
    services.recommendation_update,
    success="Recommendation updated.",
    title="Edit the recommendation",
    submit_label="Save changes",
)
recommendation_respond = _recommendation_page(
    "recommendation_respond",
    "audits.respond_recommendation",
    forms.ResponseForm,
    services.recommendation_respond,
    success="Response saved.",
    title="Respond to the recommendation",
    submit_label="Save the response",
)
recommendation_check = _recommendation_page(
    "recommendation_check",
    "audits.change_recommendation",
    forms.CheckForm,
    services.recommendation_check,
    success="Revisit recorded.",
    title="Was the recommendation acted on?",
    submit_label="Save",
)


RECOMMENDATION_COLUMNS = (
    tables.Column(
        gettext_lazy("Provider or service"),
        "review.holder",
        cell=link("audits:review-detail", "{{ row.review.holder }}").replace(
            "row.pk", "row.review_id"
        ),
    ),
    tables.Column(gettext_lazy("Recommendation"), "text"),
    tables.Column(gettext_lazy("Visited"), "review.visit_date"),
    tables.Column(gettext_lazy("Response"), lambda row: row.response or "Awaited"),
    tables.Column(
        gettext_lazy("At the revisit"), lambda row: row.get_outcome_display() or "Not checked yet"
    ),
    tables.Column(gettext_lazy("Note from the revisit"), "outcome_note"),
)


class RecommendationListView(StaffListView):
    selector = staticmethod(selectors.recommendations_visible_to)
    permission_required = "audits.view_recommendation"
    template_name = "audits/recommendation_list.html"
    filterset_class = filters.RecommendationFilter
    title = "Recommendations"
    columns = RECOMMENDATION_COLUMNS


class NotActedOnListView(RecommendationListView):
    selector = staticmethod(selectors.recommendations_not_acted_on)
    title = "Recommendations not acted on"
