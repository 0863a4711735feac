"""Imports as jobs (heard.jobs.imports): the worker checks the file again as it writes; a file
that no longer passes fails the job with nothing imported and the file kept to try again."""

import pytest
from django.urls import reverse

from heard.core.roles import AgeBand
from heard.jobs import imports, services
from heard.jobs.models import Job, Status
from heard.participation import import_job as session_import_job
from heard.participation.models import Session
from heard.people import import_job as people_import_job
from heard.people.models import YoungPerson
from tests import factories

pytestmark = pytest.mark.django_db


def test_data_rows_counts_the_records_under_the_header():
    assert imports.data_rows("") == 0
    assert imports.data_rows("a,b\n") == 0
    assert imports.data_rows('a,b\n1,"two\nlines"\n\n , \n3,4\n') == 2


def test_a_young_people_import_the_register_overtook_fails_with_nothing_added(
    officer, organisation
):
    text = f"first_name,age_band,organisation\nAda,11_13,{organisation.name}\n"
    job = imports.start(
        officer, people_import_job.YOUNG_PEOPLE_IMPORT, upload=text, label="Import", then="/"
    )
    # Between the confirmation and the run the same young person was added by hand.
    factories.YoungPersonFactory(
        first_name="Ada", age_band=AgeBand.AGE_11_13, organisation=organisation
    )
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.error, job.done, job.total) == ("ImportRejected", 0, 1)
    assert job.params[imports.UPLOAD] == text  # kept: the requester may try again
    assert YoungPerson.objects.count() == 1


def test_a_sessions_import_that_no_longer_passes_fails_with_nothing_added(officer):
    text = "date,kind,group,title\n2026-10-01,visit,No such group,Row\n"
    job = imports.start(officer, session_import_job.SESSIONS_IMPORT, upload=text, label="Import")
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.error, job.status) == ("ImportRejected", Status.FAILED)
    assert not Session.objects.exists()


def test_the_page_links_on_only_to_heards_own_paths(client_for, officer):
    client = client_for(officer)
    for then, shown in (("/sessions/", True), ("//elsewhere.test/", False), ("https://x/", False)):
        job = Job.objects.create(
            requested_by=officer, kind="export", status=Status.SUCCEEDED, params={"then": then}
        )
        page = client.get(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})).content
        assert (b'id="job-then"' in page) is shown, then
        assert b"Done" in page


def test_a_plan_import_whose_chosen_lead_left_fails_with_nothing_added(
    officer, organisation, make_user
):
    import datetime

    from heard.core.roles import Role
    from heard.core.standards import Standard
    from heard.plans import import_job
    from heard.plans import services as plan_services
    from heard.plans.exchange.files import rows_from_text
    from heard.plans.models import Outcome
    from tests.plans.test_exchange import SEED

    plan = plan_services.plan_create(
        actor=None,
        organisation=organisation,
        period="2009-10",
        starts_on=datetime.date(2009, 4, 1),
        ends_on=datetime.date(2010, 3, 31),
        title="Plan",
    )
    lead = make_user(Role.PARTICIPATION_OFFICER)
    choices = {
        "Members and Officers / Trustees / Governing Bodies": Standard.STAFF,
        "Leadership": "style_of_leadership",
    }
    kept = import_job.params(plan=plan, choices=choices, leads={"CB": lead}, source="text")
    job = imports.start(
        officer, import_job.PLAN_IMPORT, upload=rows_from_text(SEED), label="Import", **kept
    )
    lead.is_active = False  # left before the worker ran
    lead.save(update_fields=["is_active"])
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert job.error == "ImportRejected" and not Outcome.objects.exists()
    unanswered = imports.start(
        officer,
        import_job.PLAN_IMPORT,
        upload=rows_from_text(SEED),
        label="Import",
        **import_job.params(plan=plan, choices={}, leads={}, source="text"),
    )
    assert services.run(str(unanswered.uuid)) == Status.FAILED
    assert not Outcome.objects.exists()
