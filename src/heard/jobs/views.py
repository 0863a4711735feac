"""The job pages: one job's progress and file, and the list of jobs ("Your jobs").

Only a job's requester sees its page and its file; anyone else is answered 404, as if it did
not exist. Administrators see every job in the list, never another's file.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.files import stored_file_response
from heard.jobs import policies, selectors, services
from heard.jobs.models import Job, Status

#: Seconds between refreshes of a queued or running job's page (no JavaScript needed).
REFRESH_SECONDS = 2


def _own_job(request: Any, job_uuid: Any) -> Job:
    job = selectors.job_of(request.user, job_uuid)
    if job is None and policies.sees_every_job(request.user):
        # A system job (a command's ``--background``): its page is the administrators'.
        job = Job.objects.filter(uuid=job_uuid, requested_by__isnull=True).first()
    if job is None:
        raise Http404(_("No such job"))
    return job


@require_GET
@login_required
def job_detail(request: Any, job_uuid: Any) -> HttpResponse:
    job = _own_job(request, job_uuid)
    now = timezone.now()
    status = policies.shown_status(job, now)
    context = {
        "job": job,
        "status": status,
        "status_label": Status(status).label,
        "percent": policies.percent(job),
        "refresh": None if policies.is_finished(job, now) else REFRESH_SECONDS,
        "can_download": policies.can_download(request.user, job),
        "can_try_again": policies.can_try_again(request.user, job, now),
        "title": job.label or _("Job"),
        "then": _then(job) if status == Status.SUCCEEDED else "",
    }
    return render(request, "jobs/job_detail.html", context)


def _then(job: Job) -> str:
    """The page a finished job links on to (an import's list): one of Heard's own paths."""
    then = str(job.params.get("then") or "")
    own = then.startswith("/") and url_has_allowed_host_and_scheme(then, allowed_hosts=set())
    return then if own else ""


@require_GET
@login_required
def job_download(request: Any, job_uuid: Any) -> HttpResponseBase:
    job = _own_job(request, job_uuid)
    if not policies.can_download(request.user, job):
        raise Http404(_("The file is not ready"))
    return stored_file_response(job.result, job.result_name)


@require_POST
@login_required
def job_try_again(request: Any, job_uuid: Any) -> HttpResponse:
    job = _own_job(request, job_uuid)
    try:
        services.try_again(request.user, job)
    except services.JobError:
        messages.error(request, _("This job cannot be tried again now."))
    else:
        messages.success(request, _("The job is queued again."))
    response = redirect("jobs:job-detail", job_uuid=job.uuid)
    response.status_code = 303
    return response


def _requester(job: Job) -> str:
    if policies.is_system(job):
        return _("Heard (command line)")
    return str(job.requested_by)


def _columns() -> list[tuple[str, Any]]:
    return [
        (_("Job"), lambda job: job.label or job.kind),
        (_("Requested by"), _requester),
        (_("Requested"), lambda job: timezone.localtime(job.created_at).strftime("%Y-%m-%d %H:%M")),
        (_("Status"), lambda job: Status(policies.shown_status(job)).label),
        (_("Rows done"), lambda job: job.done),
        (_("Attempts"), lambda job: job.attempts),
    ]


@require_GET
@login_required
def job_list(request: Any) -> HttpResponseBase:
    jobs = selectors.jobs_visible_to(request.user)
    columns = _columns()
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        return export_response(export_format, jobs.iterator(chunk_size=500), columns, "jobs.csv")
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    rows = [
        {
            "job": job,
            "cells": [getter(job) for _header, getter in columns],
            "own": policies.answers_for(request.user, job),
        }
        for job in page.object_list
    ]
    context = {
        "title": _("Your jobs"),
        "headers": [header for header, _getter in columns],
        "rows": rows,
        "page_obj": page,
        "every_job": policies.sees_every_job(request.user),
    }
    return render(request, "jobs/job_list.html", context)
