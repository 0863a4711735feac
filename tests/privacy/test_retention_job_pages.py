"""The Retention page (issue 20): programme staff only; the last run, a preview of a run today
in counts (never names), a confirmation step, then the run's job page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.jobs.models import Job, Status
from heard.privacy.models import Anonymisation
from tests import factories
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

OLD = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
PAGE = reverse("privacy:retention")
RUN = reverse("privacy:retention-run")

ROLES = {
    "admin_user": 200,
    "lead": 200,
    "officer": 200,
    "theme_lead": 403,
    "partner_worker": 403,
    "safeguarding_lead": 403,
    "board_member": 403,
}


@pytest.mark.parametrize(("role", "status"), ROLES.items())
def test_the_role_matrix(request, client_for, role, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == status
    assert client.get(RUN).status_code == status
    assert client.post(RUN).status_code == (303 if status == 200 else status)
    assert Job.objects.count() == (1 if status == 200 else 0)


def test_signed_out_goes_to_sign_in(client):
    for address in (PAGE, RUN):
        assert client.get(address).status_code == 302
    assert client.post(RUN).status_code == 302
    assert not Job.objects.exists()


def test_the_preview_counts_and_never_names(client_for, officer):
    with time_machine.travel(OLD):
        people = [factories.YoungPersonFactory(first_name=f"Zebedee{n}") for n in range(3)]
    factories.YoungPersonFactory()
    page = client_for(officer).get(PAGE).content.decode()
    assert '<dd class="govuk-summary-list__value" id="preview-young-people">3</dd>' in page
    confirm = client_for(officer).get(RUN).content.decode()
    assert 'id="preview-young-people">3</dd>' in confirm
    assert "csrfmiddlewaretoken" in confirm and 'method="post"' in confirm
    for text in (page, confirm):
        assert "Zebedee" not in text
        assert all(p.reference not in text for p in people)
    assert Anonymisation.objects.count() == 0  # looking changes nothing


def test_confirming_queues_the_run_and_shows_its_progress_then_the_last_run(client_for, officer):
    with time_machine.travel(OLD):
        factories.YoungPersonFactory()
        factories.YoungPersonFactory()
    client = client_for(officer)
    assert "None yet" in client.get(PAGE).content.decode()
    response = client.post(RUN)
    job = Job.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    assert (job.requested_by, job.kind, job.status) == (officer, "retention", Status.QUEUED)
    queued = client.get(response["Location"])
    assert queued.status_code == 200
    assert 'http-equiv="refresh"' in queued.content.decode()  # refreshes without JavaScript
    run_queued_jobs()
    done = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in done
    assert "retention-" in done and ".csv" in done  # the file, ready
    page = client.get(PAGE).content.decode()
    assert "2 young people anonymised" in page
    assert 'id="preview-young-people">0</dd>' in page
    assert Anonymisation.objects.filter(reason="retention").count() == 2


def test_the_confirmation_needs_a_csrf_token(officer, client_for):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(RUN).status_code == 403
    assert not Job.objects.exists()


def test_the_reach_page_links_to_it_for_whoever_may_run_it(client_for, officer, board_member):
    reach = reverse("privacy:reach")
    assert f'id="retention-link" href="{PAGE}"' in client_for(officer).get(reach).content.decode()
    read_only = client_for(board_member).get(reach)
    assert read_only.status_code == 200
    assert "retention-link" not in read_only.content.decode()
