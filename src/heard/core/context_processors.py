from typing import Any

from django.http import HttpRequest

from heard.core.permissions import can

#: (label, url name, permission needed, active when the path starts with)
NAVIGATION = [
    ("Home", "home", "", "/home"),
    ("Young people", "people:young-person-list", "people.view_youngperson", "/people/young"),
    (
        "Organisations",
        "people:organisation-list",
        "people.view_organisation",
        "/people/organisations",
    ),
    ("Themes", "groups:theme-list", "groups.view_theme", "/groups/themes"),
    ("Groups", "groups:group-list", "groups.view_group", "/groups/"),
    ("Calendar", "groups:calendar", "groups.view_group", "/groups/calendar"),
    ("Sessions", "participation:session-list", "participation.view_session", "/sessions"),
    # Safeguarding leads only: nobody else may even see the list of concerns.
    (
        "Safeguarding",
        "safeguarding:concern-list",
        "safeguarding.view_concern",
        "/safeguarding/concerns",
    ),
    (
        "Staff checks",
        "safeguarding:check-list",
        "safeguarding.view_backgroundcheck",
        "/safeguarding/",
    ),
    ("Views", "voice:view-list", "voice.view_view", "/voice"),
    ("Reach", "privacy:reach", "privacy.view_reach", "/privacy/reach"),
    # involvement (issue 18): decisions with young people, and evaluations of sessions
    (
        "Involvement",
        "involvement:activity-list",
        "involvement.view_involvementactivity",
        "/involvement/",
    ),
    (
        "Evaluations",
        "involvement:evaluation-list",
        "involvement.view_evaluation",
        "/involvement/evaluations",
    ),
    ("Action plans", "plans:plan-list", "plans.view_actionplan", "/plans/"),
    # Audits and kite marks, provision reviews and young people's training (issue 18).
    ("Audits", "audits:audit-list", "audits.view_audit", "/audits/"),
    # Indicators with targets (issue 18): set by the participation lead, read by the board.
    ("Indicators", "indicators:indicator-list", "indicators.view_indicator", "/indicators"),
    # Quarterly and annual reports (issue 18, M22): leads and officers make them, boards read them.
    ("Reports", "indicators:report-list", "indicators.view_issuedreport", "/indicators/reports"),
    # Opportunities to get involved (issue 19, M18): published to young people in the portal.
    (
        "Opportunities",
        "opportunities:opportunity-list",
        "opportunities.view_opportunity",
        "/opportunities/",
    ),
    # Consultations and surveys (issue 19, M9): the partnership's registry, asked before?
    (
        "Consultations",
        "consultations:consultation-list",
        "consultations.view_consultation",
        "/consultations/",
    ),
    # Recognition and expenses (issue 19, M16): certificates, hours, claims and partner invoices.
    (
        "Recognition and expenses",
        "rewards:recognition-partners",
        "rewards.view_hoursdefault",
        "/rewards/",
    ),
    # Budgets and votes (issue 19, M17): participatory budgets and theme votes.
    ("Budgets and votes", "decisions:round-list", "decisions.view_budgetround", "/budgets/"),
    # The resources library (issue 19, M20): toolkits, session plans, case studies.
    ("Resources", "resources:resource-list", "resources.view_resource", "/resources/"),
    # The administrator only: who signed in, failed, was locked out (heard.core.sign_in_events).
    ("Sign-in events", "core:sign-in-events", "core.view_sign_in_events", "/sign-in-events"),
    # Every member of staff: their background jobs (issue 20), exports, report PDFs, imports.
    ("Your jobs", "jobs:job-list", "", "/jobs/"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items: list[dict[str, Any]] = []
    for label, url_name, perm, prefix in NAVIGATION:
        if perm and not can(user, perm):
            continue
        items.append({"label": label, "url_name": url_name, "prefix": prefix})
    # The longest matching prefix is the active item: /groups/themes is Themes, not Groups.
    matches = [item for item in items if request.path.startswith(item["prefix"])]
    active = max(matches, key=lambda item: len(item["prefix"]), default=None)
    for item in items:
        item["active"] = item is active
    return {"navigation": items}
