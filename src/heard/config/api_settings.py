"""The REST API's settings (Django REST framework and drf-spectacular), kept beside settings.py,
which imports them, so the project's settings module stays readable."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["heard.api.permissions.IsStaffUser"],
    "DEFAULT_FILTER_BACKENDS": ["heard.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "heard.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "heard.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Heard API",
    "DESCRIPTION": (
        "The REST API of Heard, the participation hub: young people, organisations, themes, "
        "groups and the participation log. Staff authenticate with a token: "
        "`Authorization: Token <key>`. Every permission rule of the web interface applies."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "heard.people.models.Organisation.Kind",
        "GroupKindEnum": "heard.groups.models.Group.Kind",
        "SessionKindEnum": "heard.participation.models.Session.Kind",
        "ThemeStatusEnum": "heard.groups.models.Theme.Status",
        "AttendanceStatusEnum": "heard.participation.models.Attendance.Status",
        "ThemeReviewDecisionEnum": "heard.groups.models.ThemeReview.Decision",
        "ViewKindEnum": "heard.voice.models.View.Kind",
        "ConcernDecisionEnum": "heard.safeguarding.models.Concern.Decision",
        "ConcernStatusEnum": "heard.safeguarding.models.Concern.Status",
        "BackgroundCheckKindEnum": "heard.safeguarding.models.BackgroundCheck.Kind",
        "EvidenceKindEnum": "heard.voice.models.Evidence.Kind",
        "ResponseOutcomeEnum": "heard.voice.models.Response.Outcome",
        "AuditDecisionEnum": "heard.audits.models.Audit.Decision",
        "RecommendationOutcomeEnum": "heard.audits.models.Recommendation.Outcome",
        "CourseKindEnum": "heard.audits.models.Course.Kind",
        "InvolvementActivityKindEnum": "heard.involvement.models.InvolvementActivity.Kind",
        "InvolvementHowEnum": "heard.involvement.models.InvolvementActivity.How",
        "ConsentHowEnum": "heard.privacy.models.Consent.How",
        "IssuedReportKindEnum": "heard.indicators.models.IssuedReport.Kind",
        # issue 19
        "AgeBandEnum": "heard.core.roles.AgeBand",
        "BudgetRoundKindEnum": "heard.decisions.models.BudgetRound.Kind",
        "BudgetRoundMethodEnum": "heard.decisions.models.BudgetRound.Method",
        "BudgetRoundStageEnum": "heard.decisions.models.BudgetRound.Stage",
        "ProposalStatusEnum": "heard.decisions.models.Proposal.Status",
        "BallotOriginEnum": "heard.decisions.models.Ballot.Origin",
        "ConsultationMethodEnum": "heard.consultations.models.Consultation.Method",
        "ConsultationStatusEnum": "heard.consultations.models.Consultation.Status",
        "QuestionKindEnum": "heard.consultations.models.Question.Kind",
        "OpportunityKindEnum": "heard.opportunities.models.Opportunity.Kind",
        "OpportunityStatusEnum": "heard.opportunities.models.Opportunity.Status",
        "SignUpHowEnum": "heard.opportunities.models.SignUp.How",
        "SignUpStatusEnum": "heard.opportunities.models.SignUp.Status",
        "ResourceKindEnum": "heard.resources.models.Resource.Kind",
        "RecognitionKindEnum": "heard.rewards.models.Recognition.Kind",
        "ApprovalEnum": "heard.rewards.models.Approval",
        "ExpenseItemKindEnum": "heard.rewards.models.ExpenseItem.Kind",
        "ConcernSourceEnum": "heard.safeguarding.models.Concern.Source",
        "ConcernContactEnum": "heard.safeguarding.models.Concern.Contact",
        "GroupStageEnum": "heard.groups.models.Group.Stage",
        # A proposal's statuses a change may set (withdrawing is its own action).
        "ProposalOpenStatusEnum": [("proposed", "proposed"), ("shortlisted", "shortlisted")],
    },
    # Every operation's error answers with their body (heard.api.openapi).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "heard.api.openapi.document_errors",
    ],
    # The document shows every operation and field: staff only (README, "The API").
    "SERVE_PERMISSIONS": ["heard.api.permissions.IsStaffUser"],
}
