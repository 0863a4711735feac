"""A report's PDF is made by a background job (issue 20): the link answers at once with the
job's page, the worker makes the PDF as the requester may read it then, and an issued report's
PDF keeps the figures it was issued with."""

import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from heard.core.roles import Role
from heard.indicators.reports import pdf_job, services
from heard.jobs import registry
from heard.jobs import services as job_services
from heard.jobs.models import Job, Status
from heard.participation.models import Session
from tests.indicators.reports.helpers import QUARTER, TODAY, pdf_of, records

pytestmark = pytest.mark.django_db

VIEW = reverse("indicators:report-view")
CHOICE = {"kind": "quarter", "start": "2026-07-01"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_pdf_link_queues_a_job_and_the_page_shows_it(client_for, lead, organisation):
    client = client_for(lead)
    answer = client.get(VIEW, {**CHOICE, "format": "pdf"})
    assert answer.status_code == 303
    job = Job.objects.get()
    assert answer["Location"] == reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    assert (job.kind, job.status, job.requested_by) == (pdf_job.REPORT_PDF, Status.QUEUED, lead)
    assert job.label == "Quarterly monitoring report: July to September 2026 (PDF)"
    assert job.params == {
        **CHOICE,
        "stem": "report-2026-07-01",
        "made": "Made on 15 October 2026 from the records as they were.",
    }
    page = client.get(answer["Location"]).content.decode()
    assert job.label in page and "Waiting for a worker" in page
    assert pdf_job.REPORT_PDF in registry.kinds()


def test_the_worker_makes_the_pdf_with_its_progress(client_for, lead, organisation):
    records(organisation)
    client = client_for(lead)
    text = _text(pdf_of(client, VIEW, {**CHOICE, "organisation": organisation.pk}))
    assert "Made on 15 October 2026" in text and organisation.name in text
    job = Job.objects.get()
    assert (job.status, job.done, job.total, job.result_name) == (
        Status.SUCCEEDED,
        pdf_job.STEPS,
        pdf_job.STEPS,
        "report-2026-07-01.pdf",
    )
    page = client.get(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})).content
    assert b"100%" in page and b"Download report-2026-07-01.pdf" in page


def test_an_issued_reports_pdf_keeps_the_figures_it_was_issued_with(client_for, lead, organisation):
    records(organisation)
    report = services.report_issue(actor=lead, period=QUARTER)
    client = client_for(lead)
    detail = reverse("indicators:report-detail", args=[report.pk])
    answer = client.get(detail, {"format": "pdf"})
    Session.objects.all().delete()  # the records change before the worker runs
    job = Job.objects.get()
    assert job.params["report"] == report.pk
    assert job.label == "Quarterly monitoring report: July to September 2026 (PDF)"
    assert job_services.run(str(job.uuid)) == Status.SUCCEEDED
    job.refresh_from_db()
    assert answer["Location"].endswith(f"/{job.uuid}/")
    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    text = _text(b"".join(download.streaming_content))
    assert "Issued on 15 October 2026 at" in text and f"by {lead.full_name}" in text
    assert "Active 7" in text  # as issued, though the sessions are gone


def test_the_job_runs_with_the_requesters_permissions_at_run_time(client_for, lead, organisation):
    client = client_for(lead)
    client.get(VIEW, {**CHOICE, "format": "pdf"})
    lead.role = Role.THEME_LEAD  # may no longer read reports
    lead.save(update_fields=["role"])
    job = Job.objects.get()
    assert job_services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.error, job.result.name) == ("PermissionDenied", "")


def test_a_period_no_longer_offered_fails_the_job(lead):
    job = pdf_job.start(
        lead, stem="report-2020-01-01", made="Made", label="Old", choice={"kind": "quarter"}
    )
    assert job_services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.error, job.label) == ("Http404", "Old (PDF)")


def test_those_who_may_not_read_reports_start_no_job(client_for, make_user):
    client = client_for(make_user(Role.THEME_LEAD))
    assert client.get(VIEW, {**CHOICE, "format": "pdf"}).status_code == 403
    assert (
        client.get(VIEW, {"kind": "quarter", "start": "1999-01-01", "format": "pdf"}).status_code
        == 403
    )
    assert not Job.objects.exists()
