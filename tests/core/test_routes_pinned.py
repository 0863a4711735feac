"""Every page's URL name, path and view, pinned: routing helpers (``heard.core.routes``) may
change how the URL confs are written, never what they route."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

#: (name, route, view) of every named page outside the Django admin and the API's router
#: (whose viewsets name their own routes).
PAGES = [
    ("core:root", "", "root"),
    ("core:sign-in", "sign-in/", "SignInView"),
    ("core:sign-out", "sign-out/", "sign_out"),
    ("core:two-factor", "two-factor/", "two_factor"),
    ("core:two-factor-setup", "two-factor/set-up/", "two_factor_setup"),
    ("core:two-factor-backup-code", "two-factor/backup-code/", "two_factor_backup_code"),
    ("core:two-factor-account", "account/two-factor/", "two_factor_account"),
    ("core:two-factor-reset", "account/two-factor/staff/<int:pk>/reset/", "two_factor_reset"),
    ("core:backup-codes-regenerate", "account/two-factor/backup-codes/", "backup_codes_regenerate"),
    ("core:password-change", "account/password/", "password_change"),
    ("core:password-reset", "password-reset/", "PasswordResetView"),
    ("core:password-reset-done", "password-reset/sent/", "PasswordResetDoneView"),
    ("core:password-reset-confirm", "password-reset/<uidb64>/<token>/", "PasswordResetConfirmView"),
    ("core:password-reset-complete", "password-reset/done/", "PasswordResetCompleteView"),
    ("core:sign-in-events", "sign-in-events/", "sign_in_event_list"),
    ("core:history", "history/<str:object_type>/<str:object_id>/", "history"),
    ("core:healthz", "healthz", "healthz"),
    ("home", "home/", "home"),
    ("people:young-person-import", "people/young-people/import/", "young_people_import"),
    ("people:young-person-list", "people/young-people/", "YoungPersonListView"),
    ("people:young-person-create", "people/young-people/add/", "young_person_create"),
    ("people:young-person-detail", "people/young-people/<int:pk>/", "young_person_detail"),
    ("people:young-person-edit", "people/young-people/<int:pk>/edit/", "young_person_edit"),
    ("people:organisation-list", "people/organisations/", "OrganisationListView"),
    ("people:organisation-create", "people/organisations/add/", "organisation_create"),
    ("people:organisation-detail", "people/organisations/<int:pk>/", "organisation_detail"),
    ("people:organisation-edit", "people/organisations/<int:pk>/edit/", "organisation_edit"),
    ("people:staff-list", "people/staff/", "StaffMemberListView"),
    ("people:staff-create", "people/staff/add/", "staff_create"),
    ("people:staff-edit", "people/staff/<int:pk>/edit/", "staff_edit"),
    ("groups:theme-list", "groups/themes/", "ThemeListView"),
    ("groups:theme-create", "groups/themes/new/", "theme_create"),
    ("groups:theme-detail", "groups/themes/<int:pk>/", "theme_detail"),
    ("groups:theme-edit", "groups/themes/<int:pk>/edit/", "theme_edit"),
    ("groups:theme-review-add", "groups/themes/<int:pk>/reviews/new/", "theme_review_add"),
    ("groups:calendar", "groups/calendar/", "CalendarView"),
    ("groups:calendar-ics", "groups/calendar.ics", "calendar_ics"),
    # The private calendar subscription (issue 18).
    ("groups:calendar-subscription", "groups/calendar/subscription/", "calendar_subscription"),
    (
        "groups:calendar-subscription-new",
        "groups/calendar/subscription/new/",
        "calendar_subscription_new",
    ),
    (
        "groups:calendar-subscription-off",
        "groups/calendar/subscription/off/",
        "calendar_subscription_off",
    ),
    ("groups:calendar-feed", "groups/calendar/feed.ics", "calendar_feed"),
    ("groups:group-list", "groups/", "GroupListView"),
    ("groups:group-create", "groups/new/", "group_create"),
    ("groups:group-detail", "groups/<int:pk>/", "group_detail"),
    ("groups:group-edit", "groups/<int:pk>/edit/", "group_edit"),
    ("groups:group-move-stage", "groups/<int:pk>/stage/", "group_move_stage"),
    ("groups:group-calendar-ics", "groups/<int:pk>/calendar.ics", "group_calendar_ics"),
    ("groups:membership-add", "groups/<int:pk>/members/new/", "membership_add"),
    ("groups:membership-end", "groups/<int:pk>/members/<int:membership_pk>/end/", "membership_end"),
    ("participation:session-import", "sessions/import/", "session_import"),
    ("participation:monitoring-followup", "sessions/monitoring/", "MonitoringFollowUpView"),
    ("participation:session-list", "sessions/", "SessionListView"),
    ("participation:session-create", "sessions/new/", "session_create"),
    ("participation:session-detail", "sessions/<int:pk>/", "session_detail"),
    ("participation:session-edit", "sessions/<int:pk>/edit/", "session_edit"),
    ("participation:concern-raise", "sessions/<int:pk>/concern/", "concern_raise"),
    ("participation:headcount-add", "sessions/<int:pk>/headcount/", "headcount_add"),
    (
        "participation:headcount-remove",
        "sessions/headcounts/<int:pk>/remove/",
        "headcount_remove",
    ),
    (
        "participation:session-monitoring-complete",
        "sessions/<int:pk>/monitoring-complete/",
        "session_monitoring_complete",
    ),
    ("voice:view-list", "voice/", "ViewListView"),
    ("voice:view-detail", "voice/<int:pk>/", "view_detail"),
    ("voice:view-edit", "voice/<int:pk>/edit/", "view_edit"),
    ("voice:evidence-add", "voice/<int:pk>/evidence/new/", "evidence_add"),
    ("voice:evidence-download", "voice/evidence/<int:pk>/", "evidence_download"),
    (
        "voice:session-views-create",
        "voice/sessions/<int:session_pk>/views/new/",
        "session_views_create",
    ),
    ("voice:response-create", "voice/responses/new/", "response_create"),
    ("voice:response-detail", "voice/responses/<int:pk>/", "response_detail"),
    ("voice:feedback-create", "voice/responses/<int:pk>/feedback/new/", "feedback_create"),
    ("voice:feedback-owed", "voice/feedback-owed/", "FeedbackOwedView"),
    ("voice:loop-figures", "voice/loop/", "loop_figures"),
    ("voice:young-person-journey", "voice/young-people/<int:pk>/journey/", "young_person_journey"),
    ("safeguarding:concern-raise", "safeguarding/concerns/raise/", "concern_raise"),
    ("safeguarding:concern-raised", "safeguarding/concerns/raised/", "concern_raised"),
    ("safeguarding:concern-list", "safeguarding/concerns/", "ConcernListView"),
    ("safeguarding:concern-detail", "safeguarding/concerns/<int:pk>/", "concern_detail"),
    ("safeguarding:concern-assign", "safeguarding/concerns/<int:pk>/assign/", "concern_assign"),
    ("safeguarding:concern-decide", "safeguarding/concerns/<int:pk>/decide/", "concern_decide"),
    ("safeguarding:concern-close", "safeguarding/concerns/<int:pk>/close/", "concern_close"),
    ("safeguarding:checks-due", "safeguarding/checks/due/", "checks_due"),
    ("safeguarding:check-list", "safeguarding/checks/", "BackgroundCheckListView"),
    ("safeguarding:check-create", "safeguarding/checks/add/", "check_create"),
    ("safeguarding:check-edit", "safeguarding/checks/<int:pk>/edit/", "check_edit"),
    ("safeguarding:training-list", "safeguarding/training/", "TrainingRecordListView"),
    ("safeguarding:training-create", "safeguarding/training/add/", "training_create"),
    ("safeguarding:training-edit", "safeguarding/training/<int:pk>/edit/", "training_edit"),
    ("privacy:consents", "privacy/young-people/<int:pk>/", "consents"),
    ("privacy:consent-add", "privacy/young-people/<int:pk>/consents/add/", "consent_add"),
    ("privacy:consent-withdraw", "privacy/consents/<int:pk>/withdraw/", "consent_withdraw"),
    ("privacy:equality", "privacy/young-people/<int:pk>/equality/", "equality"),
    ("privacy:equality-edit", "privacy/young-people/<int:pk>/equality/edit/", "equality_edit"),
    ("privacy:subject-access", "privacy/young-people/<int:pk>/subject-access/", "subject_access"),
    (
        "privacy:subject-access-json",
        "privacy/young-people/<int:pk>/subject-access.json",
        "subject_access_json",
    ),
    (
        "privacy:subject-access-pdf",
        "privacy/young-people/<int:pk>/subject-access.pdf",
        "subject_access_pdf_view",
    ),
    ("privacy:erase", "privacy/young-people/<int:pk>/erase/", "erase"),
    ("privacy:reach", "privacy/reach/", "reach"),
    ("privacy:benchmarks", "privacy/reach/benchmarks/", "BenchmarkListView"),
    ("privacy:benchmark-add", "privacy/reach/benchmarks/add/", "benchmark_add"),
    ("privacy:benchmark-import", "privacy/reach/benchmarks/import/", "benchmark_import"),
    ("privacy:targets", "privacy/reach/targets/", "TargetListView"),
    ("privacy:target-add", "privacy/reach/targets/add/", "target_edit"),
    ("privacy:target-edit", "privacy/reach/targets/<int:pk>/edit/", "target_edit"),
    # The retention run as a background job (issue 20).
    ("privacy:retention", "privacy/retention/", "retention"),
    ("privacy:retention-run", "privacy/retention/run/", "retention_run"),
    # involvement: activities and evaluations (issue 18)
    ("involvement:activity-list", "involvement/activities/", "ActivityListView"),
    ("involvement:activity-create", "involvement/activities/add/", "activity_create"),
    ("involvement:activity-detail", "involvement/activities/<int:pk>/", "activity_detail"),
    ("involvement:activity-edit", "involvement/activities/<int:pk>/edit/", "activity_edit"),
    ("involvement:activity-delete", "involvement/activities/<int:pk>/delete/", "activity_delete"),
    ("involvement:evaluation-list", "involvement/evaluations/", "EvaluationListView"),
    ("involvement:evaluation-edit", "involvement/evaluations/<int:pk>/edit/", "evaluation_edit"),
    (
        "involvement:evaluation-delete",
        "involvement/evaluations/<int:pk>/delete/",
        "evaluation_delete",
    ),
    (
        "involvement:session-evaluations",
        "involvement/evaluations/sessions/<int:pk>/",
        "session_evaluations",
    ),
    (
        "involvement:evaluation-create",
        "involvement/evaluations/sessions/<int:pk>/add/",
        "evaluation_create",
    ),
    ("portal:how-it-went", "portal/how-it-went/", "how_it_went"),
    ("portal:evaluate", "portal/how-it-went/<int:pk>/", "evaluate"),
    # end of involvement
    # consultations and surveys (issue 19, M9)
    ("consultations:consultation-list", "consultations/", "ConsultationListView"),
    ("consultations:consultation-create", "consultations/add/", "consultation_create"),
    ("consultations:consultation-detail", "consultations/<int:pk>/", "consultation_detail"),
    ("consultations:consultation-edit", "consultations/<int:pk>/edit/", "consultation_edit"),
    (
        "consultations:consultation-delete",
        "consultations/<int:pk>/delete/",
        "consultation_delete",
    ),
    (
        "consultations:consultation-results",
        "consultations/<int:pk>/results/",
        "consultation_results",
    ),
    ("consultations:question-edit", "consultations/questions/<int:pk>/edit/", "question_edit"),
    ("consultations:question-move", "consultations/questions/<int:pk>/move/", "question_move"),
    (
        "consultations:question-delete",
        "consultations/questions/<int:pk>/delete/",
        "question_delete",
    ),
    (
        "consultations:question-create",
        "consultations/<int:pk>/questions/add/",
        "question_create",
    ),
    ("consultations:answer-view", "consultations/answers/<int:pk>/view/", "answer_view"),
    ("consultations:portal-surveys", "portal/surveys/", "surveys"),
    ("consultations:portal-survey", "portal/surveys/<int:pk>/", "survey_answer"),
    ("consultations:portal-survey-thanks", "portal/surveys/<int:pk>/thanks/", "survey_thanks"),
    # end of consultations
    # opportunities to get involved (issue 19, M18)
    ("opportunities:opportunity-list", "opportunities/", "OpportunityListView"),
    ("opportunities:opportunity-create", "opportunities/add/", "opportunity_create"),
    ("opportunities:opportunity-detail", "opportunities/<int:pk>/", "opportunity_detail"),
    ("opportunities:opportunity-edit", "opportunities/<int:pk>/edit/", "opportunity_edit"),
    (
        "opportunities:opportunity-delete",
        "opportunities/<int:pk>/delete/",
        "opportunity_delete",
    ),
    ("opportunities:opportunity-sign-ups", "opportunities/<int:pk>/sign-ups/", "SignUpListView"),
    ("opportunities:opportunity-attendance", "opportunities/<int:pk>/attendance/", "attendance"),
    ("opportunities:sign-up-create", "opportunities/<int:pk>/sign-ups/add/", "sign_up_create"),
    (
        "opportunities:sign-up-withdraw",
        "opportunities/sign-ups/<int:pk>/withdraw/",
        "sign_up_withdraw",
    ),
    ("opportunities:portal-list", "portal/get-involved/", "get_involved"),
    ("opportunities:portal-mine", "portal/get-involved/mine/", "mine"),
    ("opportunities:portal-detail", "portal/get-involved/<int:pk>/", "opportunity"),
    ("opportunities:portal-sign-up", "portal/get-involved/<int:pk>/sign-up/", "sign_up"),
    (
        "opportunities:portal-withdraw",
        "portal/get-involved/sign-ups/<int:pk>/withdraw/",
        "withdraw",
    ),
    # end of opportunities
    # the resources library (issue 19, M20)
    ("resources:resource-list", "resources/", "ResourceListView"),
    ("resources:resource-create", "resources/add/", "resource_create"),
    ("resources:resource-detail", "resources/<int:pk>/", "resource_detail"),
    ("resources:resource-edit", "resources/<int:pk>/edit/", "resource_edit"),
    ("resources:resource-delete", "resources/<int:pk>/delete/", "resource_delete"),
    ("resources:resource-download", "resources/<int:pk>/download/", "resource_download"),
    ("resources:session-resources", "resources/sessions/<int:pk>/", "session_resources"),
    (
        "resources:session-resource-remove",
        "resources/sessions/uses/<int:pk>/remove/",
        "session_resource_remove",
    ),
    # end of resources
    # budgets and votes (issue 19, M17)
    ("decisions:round-list", "budgets/", "RoundListView"),
    ("decisions:round-create", "budgets/add/", "round_create"),
    ("decisions:round-detail", "budgets/<int:pk>/", "round_detail"),
    ("decisions:round-edit", "budgets/<int:pk>/edit/", "round_edit"),
    ("decisions:round-delete", "budgets/<int:pk>/delete/", "round_delete"),
    ("decisions:round-ballot", "budgets/<int:pk>/ballot/", "ballot_enter"),
    ("decisions:round-voters", "budgets/<int:pk>/voters/", "voters"),
    ("decisions:round-verify", "budgets/<int:pk>/verify/", "verify"),
    ("decisions:round-decide", "budgets/<int:pk>/decide/", "decide"),
    ("decisions:round-tell", "budgets/<int:pk>/tell/", "tell"),
    ("decisions:proposal-edit", "budgets/proposals/<int:pk>/edit/", "proposal_edit"),
    (
        "decisions:proposal-withdraw",
        "budgets/proposals/<int:pk>/withdraw/",
        "proposal_withdraw",
    ),
    ("decisions:proposal-create", "budgets/<int:pk>/proposals/add/", "proposal_create"),
    ("decisions:portal-rounds", "portal/votes/", "portal_rounds"),
    ("decisions:portal-round", "portal/votes/<int:pk>/", "portal_round"),
    ("decisions:portal-vote", "portal/votes/<int:pk>/vote/", "portal_vote"),
    ("decisions:portal-propose", "portal/votes/<int:pk>/propose/", "portal_propose"),
    ("decisions:panels", "budgets/panels/", "panels"),
    # end of budgets and votes
    ("portal:home", "portal/", "home"),
    ("portal:sign-in", "portal/sign-in/", "sign_in"),
    ("portal:sign-out", "portal/sign-out/", "sign_out"),
    ("portal:sessions", "portal/sessions/", "sessions"),
    ("portal:rate", "portal/responses/<int:pk>/rate/", "rate"),
    ("portal:codes", "portal/codes/<int:pk>/", "codes"),
    ("portal:code-revoke", "portal/codes/<int:pk>/revoke/<int:code_pk>/", "code_revoke"),
    ("portal:help", "portal/help/", "help_page"),
    ("portal:help-sent", "portal/help/sent/", "help_sent"),
    ("portal:public", "you-said-we-did/", "public"),
    ("portal:poster", "you-said-we-did/poster.pdf", "poster_pdf"),
    ("portal:public-theme", "you-said-we-did/themes/<int:pk>/", "public_theme"),
    # Action plans (M10, issue 18).
    ("plans:plan-list", "plans/", "ActionPlanListView"),
    ("plans:plan-create", "plans/add/", "plan_create"),
    ("plans:plan-detail", "plans/<int:pk>/", "plan_detail"),
    ("plans:plan-edit", "plans/<int:pk>/edit/", "plan_edit"),
    ("plans:plan-delete", "plans/<int:pk>/delete/", "plan_delete"),
    ("plans:outcome-add", "plans/<int:pk>/outcomes/add/", "outcome_add"),
    ("plans:outcome-edit", "plans/outcomes/<int:pk>/edit/", "outcome_edit"),
    ("plans:outcome-delete", "plans/outcomes/<int:pk>/delete/", "outcome_delete"),
    ("plans:action-add", "plans/outcomes/<int:pk>/actions/add/", "action_add"),
    ("plans:action-detail", "plans/actions/<int:pk>/", "action_detail"),
    ("plans:action-edit", "plans/actions/<int:pk>/edit/", "action_edit"),
    ("plans:action-delete", "plans/actions/<int:pk>/delete/", "action_delete"),
    ("plans:review-add", "plans/actions/<int:pk>/reviews/add/", "review_add"),
    ("plans:plan-export", "plans/<int:pk>/export/", "plan_export"),
    ("plans:plan-copy", "plans/<int:pk>/copy/", "plan_copy"),
    ("plans:plan-import", "plans/<int:pk>/import/", "plan_import"),
    ("openapi", "api/v1/openapi.json", "OpenAPIDocumentView"),
    ("api-docs", "api/v1/docs/", "api_reference"),
    ("portal:theme-poster", "you-said-we-did/themes/<int:pk>/poster.pdf", "theme_poster_pdf"),
    # Indicators with targets (issue 18).
    ("indicators:indicator-list", "indicators/", "IndicatorListView"),
    ("indicators:indicator-create", "indicators/add/", "indicator_create"),
    ("indicators:indicator-detail", "indicators/<int:pk>/", "indicator_detail"),
    ("indicators:indicator-edit", "indicators/<int:pk>/edit/", "indicator_edit"),
    ("indicators:indicator-delete", "indicators/<int:pk>/delete/", "indicator_delete"),
    # The quarterly and annual reports (issue 18, M22).
    ("indicators:report-list", "indicators/reports/", "report_list"),
    ("indicators:report-create", "indicators/reports/issue/", "report_create"),
    ("indicators:report-view", "indicators/reports/view/", "report_preview"),
    ("indicators:report-detail", "indicators/reports/<int:pk>/", "report_detail"),
    # Audits and kite marks (issue 18).
    ("audits:kite-mark-list", "audits/kite-marks/", "KiteMarkListView"),
    ("audits:audit-list", "audits/", "AuditListView"),
    ("audits:audit-create", "audits/add/", "audit_create"),
    ("audits:audit-detail", "audits/<int:pk>/", "audit_detail"),
    ("audits:audit-edit", "audits/<int:pk>/edit/", "audit_edit"),
    ("audits:audit-delete", "audits/<int:pk>/delete/", "audit_delete"),
    ("audits:review-list", "audits/reviews/", "ReviewListView"),
    ("audits:review-create", "audits/reviews/add/", "review_create"),
    ("audits:review-detail", "audits/reviews/<int:pk>/", "review_detail"),
    ("audits:review-edit", "audits/reviews/<int:pk>/edit/", "review_edit"),
    ("audits:review-delete", "audits/reviews/<int:pk>/delete/", "review_delete"),
    ("audits:review-recommend", "audits/reviews/<int:pk>/recommend/", "review_recommend"),
    ("audits:recommendation-list", "audits/recommendations/", "RecommendationListView"),
    (
        "audits:recommendation-not-acted-on",
        "audits/recommendations/not-acted-on/",
        "NotActedOnListView",
    ),
    ("audits:recommendation-edit", "audits/recommendations/<int:pk>/edit/", "recommendation_edit"),
    (
        "audits:recommendation-respond",
        "audits/recommendations/<int:pk>/respond/",
        "recommendation_respond",
    ),
    (
        "audits:recommendation-check",
        "audits/recommendations/<int:pk>/check/",
        "recommendation_check",
    ),
    ("audits:course-list", "audits/training/", "CourseListView"),
    ("audits:course-create", "audits/training/add/", "course_create"),
    ("audits:course-trained", "audits/training/trained/", "TrainedListView"),
    ("audits:course-detail", "audits/training/<int:pk>/", "course_detail"),
    ("audits:course-edit", "audits/training/<int:pk>/edit/", "course_edit"),
    ("audits:course-delete", "audits/training/<int:pk>/delete/", "course_delete"),
    # rewards: recognition, hours, expense claims and partner invoices (issue 19)
    ("rewards:recognition-list", "rewards/recognitions/", "RecognitionListView"),
    ("rewards:recognition-create", "rewards/recognitions/add/", "recognition_create"),
    ("rewards:recognition-hours", "rewards/recognitions/hours/", "HoursListView"),
    ("rewards:recognition-partners", "rewards/recognitions/partners/", "partner_totals"),
    ("rewards:recognition-detail", "rewards/recognitions/<int:pk>/", "recognition_detail"),
    ("rewards:recognition-edit", "rewards/recognitions/<int:pk>/edit/", "recognition_edit"),
    ("rewards:recognition-delete", "rewards/recognitions/<int:pk>/delete/", "recognition_delete"),
    (
        "rewards:recognition-certificate",
        "rewards/recognitions/<int:pk>/certificate/",
        "recognition_certificate",
    ),
    ("rewards:session-hours-list", "rewards/session-hours/", "SessionHoursListView"),
    ("rewards:session-hours-defaults", "rewards/session-hours/defaults/", "hours_defaults_edit"),
    ("rewards:session-hours-edit", "rewards/session-hours/<int:pk>/edit/", "session_hours_edit"),
    ("rewards:claim-list", "rewards/claims/", "ClaimListView"),
    ("rewards:claim-create", "rewards/claims/add/", "claim_create"),
    ("rewards:claim-finance", "rewards/claims/finance/", "claim_finance"),
    ("rewards:claim-detail", "rewards/claims/<int:pk>/", "claim_detail"),
    ("rewards:claim-edit", "rewards/claims/<int:pk>/edit/", "claim_edit"),
    ("rewards:claim-delete", "rewards/claims/<int:pk>/delete/", "claim_delete"),
    ("rewards:claim-add-item", "rewards/claims/<int:pk>/add-item/", "claim_add_item"),
    ("rewards:claim-approve", "rewards/claims/<int:pk>/approve/", "claim_approve"),
    ("rewards:claim-reject", "rewards/claims/<int:pk>/reject/", "claim_reject"),
    ("rewards:claim-pay", "rewards/claims/<int:pk>/pay/", "claim_pay"),
    ("rewards:item-delete", "rewards/claims/items/<int:pk>/delete/", "item_delete"),
    ("rewards:item-receipt", "rewards/claims/items/<int:pk>/receipt/", "item_receipt"),
    ("rewards:invoice-list", "rewards/invoices/", "InvoiceListView"),
    ("rewards:invoice-create", "rewards/invoices/add/", "invoice_create"),
    ("rewards:invoice-detail", "rewards/invoices/<int:pk>/", "invoice_detail"),
    ("rewards:invoice-edit", "rewards/invoices/<int:pk>/edit/", "invoice_edit"),
    ("rewards:invoice-delete", "rewards/invoices/<int:pk>/delete/", "invoice_delete"),
    ("rewards:invoice-approve", "rewards/invoices/<int:pk>/approve/", "invoice_approve"),
    ("rewards:invoice-reject", "rewards/invoices/<int:pk>/reject/", "invoice_reject"),
    ("rewards:invoice-pay", "rewards/invoices/<int:pk>/pay/", "invoice_pay"),
    ("rewards:portal-certificates", "portal/certificates/", "my_certificates"),
    (
        "rewards:portal-certificate",
        "portal/certificates/<int:pk>/certificate.pdf",
        "my_certificate",
    ),
    # operations: health endpoints for load balancers (heard.core.health)
    ("health:live", "health/live/", "LiveView"),
    ("health:ready", "health/ready/", "ReadyView"),
    # background jobs with progress (issue 20): long exports, reports, imports (heard.jobs)
    ("jobs:job-list", "jobs/", "job_list"),
    ("jobs:job-detail", "jobs/<uuid:job_uuid>/", "job_detail"),
    ("jobs:job-download", "jobs/<uuid:job_uuid>/download/", "job_download"),
    ("jobs:job-try-again", "jobs/<uuid:job_uuid>/try-again/", "job_try_again"),
]
# Messages that tell (issue 20): the staff list, retry, and each person's reminders.
PAGES += [
    ("messaging:list", "messages/", "MessageListView"),
    ("messaging:retry", "messages/<int:pk>/retry/", "retry"),
    ("messaging:reminders", "account/reminders/", "reminders"),
]
# Welsh and English (issue 20): the language switch on the portal and public pages.
PAGES += [("set_language", "i18n/setlang/", "set_language")]

#: A value for each path parameter, as reverse() takes it and the path then reads it.
SAMPLES = {"int": 7, "str": "people.youngperson", "uidb64": "MQ", "token": "set-password"}
SAMPLES["uuid"] = "6f1c1f5e-8d1e-4a53-9b1e-2f6c8a4d9e10"  # heard.jobs' pages


def _filled(route: str) -> tuple[str, dict[str, object]]:
    kwargs: dict[str, object] = {}

    def fill(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        value = SAMPLES[converter or name]
        kwargs[name] = value
        return str(value)

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route), kwargs


def _routed(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routed(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield (f"{namespace}{pattern.name}", prefix + str(pattern.pattern), view.__name__)


def test_the_url_confs_route_exactly_the_pinned_pages():
    routed = [
        page
        for page in _routed(get_resolver().url_patterns)
        if not page[0].startswith(("admin:", "api-root")) and not page[1].startswith("api/v1/^")
    ]
    assert sorted(routed) == sorted(PAGES)


@pytest.mark.parametrize(("name", "route", "view"), PAGES, ids=[f"{n} {r}" for n, r, _ in PAGES])
def test_each_name_reverses_to_its_path_and_back(name, route, view):
    path, kwargs = _filled(route)
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.view_name == name
    assert getattr(match.func, "view_class", match.func).__name__ == view
