"""The Retention page (issue 20): what the last run did, how many records a run today would
change (counts only, never names), and a confirmation step that starts the run as a background
job, whose page then shows its progress. Programme staff only (``privacy.run_retention``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from heard.core.permissions import require
from heard.privacy import retention_job


@require_GET
@login_required
def retention(request: HttpRequest) -> HttpResponse:
    require(request.user, retention_job.RUN_RETENTION)
    context = {
        "title": _("Retention"),
        "preview": retention_job.preview(),
        "last": retention_job.last_run(),
    }
    return render(request, "privacy/retention.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def retention_run(request: HttpRequest) -> HttpResponse:
    """GET: the confirmation step; POST: queue the run and go to its job page."""
    require(request.user, retention_job.RUN_RETENTION)
    if request.method == "POST":
        job = retention_job.start(request.user)
        response = redirect("jobs:job-detail", job_uuid=job.uuid)
        response.status_code = 303
        return response
    context = {
        "title": _("Run retention now"),
        "preview": retention_job.preview(),
        "cancel_url": reverse("privacy:retention"),
    }
    return render(request, "privacy/retention_run.html", context)
