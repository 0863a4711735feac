"""The REST API: every resource's viewset, by its address, on one router."""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import include, path
from django.utils.safestring import mark_safe
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from heard.api import audits as audits_api
from heard.api import consultations as consultations_api
from heard.api import decisions as decisions_api
from heard.api import groups, participation, people, privacy, safeguarding, served, voice
from heard.api import indicators as indicators_api
from heard.api import involvement as involvement_api
from heard.api import opportunities as opportunities_api
from heard.api import plans as plans_api
from heard.api import reports as reports_api
from heard.api import resources as resources_api
from heard.api import rewards as rewards_api
from heard.api.reference import build
from heard.core.permissions import is_staff_member

#: Each resource: its address under /api/v1/, its viewset and the base of its URL names.
ROUTES: list[tuple[str, Any, str]] = [
    ("young-people", people.YoungPersonViewSet, "young-person"),
    ("organisations", people.OrganisationViewSet, "organisation"),
    ("staff", people.StaffViewSet, "staff"),
    ("themes", groups.ThemeViewSet, "theme"),
    ("groups", groups.GroupViewSet, "group"),
    ("memberships", groups.MembershipViewSet, "membership"),
    ("sessions", participation.SessionViewSet, "session"),
    ("home-counts", participation.HomeCountsViewSet, "home-counts"),
    ("headcounts", participation.HeadcountViewSet, "headcount"),  # issue 18: headcounts
    ("views", voice.ViewViewSet, "view"),
    ("responses", voice.ResponseViewSet, "response"),
    ("feedback", voice.FeedbackViewSet, "feedback"),
    ("loop-figures", voice.LoopFiguresViewSet, "loop-figures"),
    ("safeguarding-concerns", safeguarding.ConcernViewSet, "safeguarding-concern"),
    ("background-checks", safeguarding.BackgroundCheckViewSet, "background-check"),
    ("training-records", safeguarding.TrainingRecordViewSet, "training-record"),
    # involvement (issue 18)
    ("involvement-activities", involvement_api.ActivityViewSet, "involvement-activity"),
    ("evaluations", involvement_api.EvaluationViewSet, "evaluation"),
    # opportunities to get involved and their sign-ups (issue 19, M18)
    ("opportunities", opportunities_api.OpportunityViewSet, "opportunity"),
    ("opportunity-sign-ups", opportunities_api.SignUpViewSet, "opportunity-sign-up"),
    # consultations and surveys, so young people are not asked twice (issue 19, M9)
    ("consultations", consultations_api.ConsultationViewSet, "consultation"),
    ("survey-questions", consultations_api.QuestionViewSet, "survey-question"),
    ("survey-responses", consultations_api.SurveyResponseViewSet, "survey-response"),
    # budgets and votes: rounds, proposals, ballots (issue 19, M17)
    ("budget-rounds", decisions_api.RoundViewSet, "budget-round"),
    ("budget-proposals", decisions_api.ProposalViewSet, "budget-proposal"),
    ("ballots", decisions_api.BallotViewSet, "ballot"),
    # the resources library and the resources sessions used (issue 19, M20)
    ("resources", resources_api.ResourceViewSet, "resource"),
    ("session-resources", resources_api.SessionResourceViewSet, "session-resource"),
    ("consents", privacy.ConsentViewSet, "consent"),
    ("reach", privacy.ReachViewSet, "reach"),
    ("action-plans", plans_api.ActionPlanViewSet, "action-plan"),
    ("plan-outcomes", plans_api.OutcomeViewSet, "plan-outcome"),
    ("plan-actions", plans_api.ActionViewSet, "plan-action"),
    ("plan-action-reviews", plans_api.ActionReviewViewSet, "plan-action-review"),
    ("audits", audits_api.AuditViewSet, "audit"),
    ("kite-marks", audits_api.KiteMarkViewSet, "kite-mark"),
    ("provision-reviews", audits_api.ReviewViewSet, "provision-review"),
    ("recommendations", audits_api.RecommendationViewSet, "recommendation"),
    ("young-people-courses", audits_api.CourseViewSet, "young-people-course"),
    ("trained-young-people", audits_api.TrainedViewSet, "trained-young-person"),
    ("indicators", indicators_api.IndicatorViewSet, "indicator"),
    # Issued quarterly and annual reports (issue 18, M22).
    ("reports", reports_api.IssuedReportViewSet, "issued-report"),
    # recognition and expenses (issue 19, M16)
    ("recognitions", rewards_api.RecognitionViewSet, "recognition"),
    ("session-hours", rewards_api.SessionHoursViewSet, "session-hours"),
    ("session-hours-defaults", rewards_api.HoursDefaultViewSet, "session-hours-default"),
    ("expense-claims", rewards_api.ClaimViewSet, "expense-claim"),
    ("partner-invoices", rewards_api.InvoiceViewSet, "partner-invoice"),
]

router = DefaultRouter(trailing_slash=True)
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)


def staff_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A page for signed-in staff: the sign-in page first for anyone signed out, 403 for others.
    (The document itself answers staff with a token or signed in: ``SERVE_PERMISSIONS``.)"""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class OpenAPIDocumentView(SpectacularJSONAPIView):
    """drf-spectacular's view of the document, generated once per process and language
    (``heard.api.served``)."""

    def _get_schema_response(self, request: Any) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)

        def generate() -> dict[str, Any]:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            return generator.get_schema(request=request, public=self.serve_public)

        return Response(
            data=served.document(version, generate),
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )


openapi_document = OpenAPIDocumentView.as_view()


def api_reference(request: HttpRequest) -> HttpResponse:
    """The API reference: the OpenAPI document /api/v1/openapi.json serves (the same view is
    asked for it, so the two never differ), drawn on the server as a Heard page; its content is
    drawn once per process and language (``heard.api.served``)."""
    answer: Any = openapi_document(request)
    if answer.status_code != 200:
        raise PermissionDenied

    def draw() -> str:
        answer.render()
        context = {"reference": build(json.loads(answer.content))}
        return render_to_string("api/_reference.html", context)

    content = mark_safe(served.reference(None, draw))  # noqa: S308 - drawn by the template above
    context = {"reference_content": content, "title": "API reference"}
    return render(request, "api/reference.html", context)


urlpatterns = [
    path("openapi.json", openapi_document, name="openapi"),
    path("docs/", staff_page(api_reference), name="api-docs"),
    path("", include(router.urls)),
]
