from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from heard.demo import bench_views

urlpatterns = [
    path("", include("heard.core.urls")),
    path("", include("heard.indicators.urls")),
    path("people/", include("heard.people.urls")),
    path("groups/", include("heard.groups.urls")),
    path("sessions/", include("heard.participation.urls")),
    path("voice/", include("heard.voice.urls")),
    path("safeguarding/", include("heard.safeguarding.urls")),
    path("privacy/", include("heard.privacy.urls")),
    path("plans/", include("heard.plans.urls")),
    path("audits/", include("heard.audits.urls")),
    path("involvement/", include("heard.involvement.urls")),
    path("", include("heard.decisions.urls")),
    path("", include("heard.consultations.urls")),
    path("", include("heard.opportunities.urls")),
    path("", include("heard.resources.urls")),
    path("", include("heard.rewards.urls")),
    path("", include("heard.portal.urls")),
    path("", include("heard.messaging.urls")),
    path("api/v1/", include("heard.api.urls")),
    # Background jobs with progress (issue 20): exports, reports and imports that take a while.
    path("jobs/", include("heard.jobs.urls")),
    # The language switch on the portal and public pages (heard.config.parts.languages).
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("health/", include("heard.core.health")),  # load balancers: heard.core.health
    *bench_views.urlpatterns(),  # the benchmark's framework floor, only when HEARD_BENCH=1
]
if getattr(settings, "HEARD_SSO_ENABLED", False):  # OIDC_RP_CLIENT_ID set: heard.config.parts.sso
    urlpatterns.append(path("oidc/", include("heard.core.sso_urls")))

# A database that cannot be reached answers 503 wherever it failed (heard.core.database).
handler500 = "heard.core.database.server_error"
handler400 = "heard.core.database.bad_request"
# Heard's 403 and 404 pages (JSON under /api/): heard.core.error_views.
handler403 = "heard.core.error_views.permission_denied"
handler404 = "heard.core.error_views.page_not_found"
