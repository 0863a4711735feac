"""Seed 001's CYPS action plan 2009-2010, pasted as the team keeps it: read with a dry run that
asks about the two section names that are not standards' current names, imported only once they
are answered, exported back as CSV and XLSX with every outcome and action in order and unchanged,
and a partner's blank template produced from it (issue 18's first acceptance line)."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.standards import Standard
from heard.jobs import services as job_services
from heard.jobs.models import Job
from heard.plans import services
from heard.plans.exchange.files import rows_from_text, rows_from_xlsx
from heard.plans.exchange.reading import INITIALS, actions_in, plain, read_plan
from heard.plans.models import Action, ActionPlan, Outcome
from heard.plans.views._common import plan_url

pytestmark = pytest.mark.django_db

SEED = (Path(__file__).parent / "data" / "seed_001_cyps_action_plan_2009_10.txt").read_text()
CHOICES = {
    "Members and Officers / Trustees / Governing Bodies": Standard.STAFF,
    "Leadership": Standard.STYLE_OF_LEADERSHIP,
}
NUMBERS = [
    "1.2", "1.3", "1.4", "2.1", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2",
    "6.1", "7.1",
]  # fmt: skip


def _seed_text():
    """The seed's table as one string of plain text, to find each imported text in it."""
    return " ".join(plain(SEED).split())


def test_markup_bullets_and_sub_items_become_lines():
    assert plain("<p>2.3 Dedicated resource</p>") == "2.3 Dedicated resource"
    assert plain("'-5 risk") == "-5 risk"
    assert plain("R&amp;D without tags") == "R&amp;D without tags"
    cell = plain(
        '<ul style="list-style-type: none"> • Build capacity: <ul> - Support teams - Run pilot'
        " • Seek funding"
    )
    assert actions_in(cell) == ["Build capacity:\n- Support teams\n- Run pilot", "Seek funding"]
    assert actions_in("One\nTwo") == ["One", "Two"]
    assert actions_in("• One\nits second line\n• Two") == ["One\nits second line", "Two"]
    assert actions_in("- a stray sub-item") == ["- a stray sub-item"]


def test_the_dry_run_reads_every_row_and_asks_about_two_sections():
    reading = read_plan(rows_from_text(SEED))
    kinds = [row.kind for row in reading.rows]
    assert kinds[:4] == ["title", "title", "header", "section"]
    assert kinds.count("section") == 7 and kinds.count("continuation") == 2
    assert reading.unmapped == list(CHOICES)
    assert not reading.ready and not reading.problems
    assert [outcome.number for outcome in reading.outcomes] == NUMBERS
    assert reading.action_count == 46
    first = reading.outcomes[0].actions[0]
    assert first.text == (
        "Build capacity in area teams to involve children and young people on recruitment "
        "panels:\n- Support locality teams\n- Run pilot\n- Guidelines completed and available"
    )
    assert (first.lead_text, first.timescale) == (
        "CL PW/CB PW, CB",
        "As required Complete by August 09",
    )
    continued = reading.outcomes[6]  # 3.2 goes on after a blank row with an empty Outcomes cell
    assert [a.text for a in continued.actions][2] == "Links made with Participation Works"
    assert "CB" in reading.initials and "AW" in reading.initials
    answered = read_plan(rows_from_text(SEED), CHOICES)
    assert answered.ready
    assert answered.outcomes[11].standard == Standard.STAFF
    assert answered.outcomes[14].standard == Standard.STYLE_OF_LEADERSHIP


def test_rows_that_cannot_be_read_say_why():
    reading = read_plan([["1.1 An outcome", "• act"], ["", ""], ["Key:", ""]])
    assert reading.problems == [
        "Row 1: an outcome before any section row.",
        "Row 3: an outcome before any section row.",
    ]
    reading = read_plan([["", "• act"]])
    assert reading.problems == ["Row 1: actions with no outcome above them."]
    reading = read_plan([["1. Shared values"], ["KEY:"]])
    assert reading.rows[1].kind == "problem" and not reading.ready
    assert reading.problems == ["No outcomes were found: check the table has an Outcomes column."]


@pytest.fixture
def plan(organisation):
    return services.plan_create(
        actor=None,
        organisation=organisation,
        period="2009-10",
        starts_on=datetime.date(2009, 4, 1),
        ends_on=datetime.date(2010, 3, 31),
        title="CYPS ACTIVE INVOLVEMENT STRATEGY ACTION PLAN 2009 - 2010",
    )


def _import(client, plan, officer):
    url = reverse("plans:plan-import", args=[plan.pk])
    page = client.post(url, {"step": "read", "text": SEED}).content.decode()
    assert "Check how the table was read" in page
    assert "15 outcomes and 46 actions were found" in page
    assert "Which standard is “Members and Officers / Trustees / Governing Bodies”?" in page
    assert "Which standard is “Leadership”?" in page
    # Not answered: nothing is written, and the question is asked again.
    again = client.post(url, {"step": "confirm"}).content.decode()
    assert "Select a valid choice" in again or "This field is required" in again
    assert not Outcome.objects.exists()
    answers = {"step": "confirm", "section_0": Standard.STAFF, "section_1": "style_of_leadership"}
    answers["lead_CB"] = officer.pk
    response = client.post(url, answers)
    # The confirmed import is a background job (issue 20): its page, then the worker's run.
    assert response.status_code == 303, response.content.decode()[:3000]
    job = Job.objects.get(uuid=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert (job.kind, job.params["then"]) == ("plan_import", plan_url(plan))
    assert job.label == f"Import of 15 outcomes and 46 actions into {plan.title}"[:200]
    assert not Outcome.objects.exists()
    assert job_services.run(str(job.uuid)) == "succeeded"
    job.refresh_from_db()
    assert (job.done, job.total, "upload" in job.params) == (61, 61, False)
    return response


def test_the_seed_plan_is_imported_exported_and_templated(
    client_for, officer, plan, other_organisation
):
    client = client_for(officer)
    _import(client, plan, officer)
    outcomes = list(plan.outcomes.order_by("order"))
    assert [outcome.number for outcome in outcomes] == NUMBERS
    seed = _seed_text()
    for outcome in outcomes:
        assert f"{outcome.number} {outcome.text}" in seed
    actions = list(Action.objects.filter(outcome__plan=plan).order_by("outcome__order", "order"))
    assert len(actions) == 46
    for action in actions:
        for line in action.text.splitlines():
            assert line.removeprefix("- ") in seed, line
    led = set(Action.objects.filter(lead_staff=officer).values_list("pk", flat=True))
    assert led == {a.pk for a in actions if "CB" in INITIALS.findall(a.lead_text)}
    assert len(led) == 5  # the rows whose leads name CB: 1.2, 2.3, 3.1, 4.1, 6.1
    assert AuditEntry.objects.filter(event="action_plan.imported").get().metadata == {
        "outcomes": 15,
        "actions": 46,
        "source": "pasted text",
    }

    # Back out as CSV and XLSX: the same outcomes and actions, in order, text unchanged.
    export = reverse("plans:plan-export", args=[plan.pk])
    as_csv = client.get(export).content.decode()
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[1] == [
        "Outcomes",
        "Supporting actions",
        "Lead responsibilities",
        "Time scales / resources",
        "Risks identified",
    ]
    assert rows[2][0] == "1. Shared values"
    assert rows[3][1].splitlines()[:2] == [
        "• Build capacity in area teams to involve children and young people on recruitment "
        "panels:",
        "- Support locality teams",
    ]
    as_xlsx = client.get(export, {"format": "xlsx"})
    assert as_xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    for table in (rows_from_text(as_csv), rows_from_xlsx(as_xlsx.content)):
        again = read_plan(table)
        assert again.ready, again.unmapped
        assert [(o.standard, o.number, o.text) for o in again.outcomes] == [
            (o.standard, o.number, o.text) for o in outcomes
        ]
        assert [a.text for o in again.outcomes for a in o.actions] == [a.text for a in actions]

    # The partner's blank template: the outcomes with empty actions, to download or to start from.
    blank = list(csv.reader(io.StringIO(client.get(export, {"blank": "1"}).content.decode())))
    outcome_rows = [row for row in blank[2:] if re.match(r"^\d+\.\d", row[0])]
    assert len(outcome_rows) == 15 and all(not any(row[1:]) for row in outcome_rows)
    response = client.post(
        reverse("plans:plan-copy", args=[plan.pk]),
        {
            "organisation": other_organisation.pk,
            "period": "2009-10",
            "title": "Partner action plan",
            "review_every_months": 6,
            "starts_on_day": 1, "starts_on_month": 4, "starts_on_year": 2009,
            "ends_on_day": 31, "ends_on_month": 3, "ends_on_year": 2010,
            "with_actions": "no",
        },
    )  # fmt: skip
    partner = ActionPlan.objects.get(organisation=other_organisation)
    assert response.url == reverse("plans:plan-detail", args=[partner.pk])
    assert [o.text for o in partner.outcomes.order_by("order")] == [o.text for o in outcomes]
    assert not Action.objects.filter(outcome__plan=partner).exists()


def test_last_periods_plan_is_copied_with_its_actions(officer, plan):
    outcome = services.outcome_add(actor=None, plan=plan, standard="strategy", text="Plans")
    services.action_add(
        actor=None, outcome=outcome, text="Review", lead_text="JP", lead_staff=[officer]
    )
    new = services.plan_copy(
        actor=officer,
        plan=plan,
        organisation=plan.organisation,
        period="2010-11",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2011, 3, 31),
        title="Next year",
    )
    copied = Action.objects.get(outcome__plan=new)
    assert (copied.text, copied.lead_text, copied.progress) == ("Review", "JP", "not_started")
    assert list(copied.lead_staff.all()) == [officer]
    entry = AuditEntry.objects.about(new).get(event="action_plan.copied")
    assert entry.metadata["from_period"] == "2009-10"


def test_a_failed_import_writes_nothing(officer, plan):
    reading = read_plan(rows_from_text(SEED))
    with pytest.raises(Exception, match="Choose a standard"):
        services.plan_import(actor=officer, plan=plan, outcomes=reading.outcomes)
    assert not Outcome.objects.exists()


def test_an_upload_is_read_and_an_unreadable_one_refused(client_for, officer, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(officer)
    url = reverse("plans:plan-import", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Read the table" in page
    bad = SimpleUploadedFile("plan.xlsx", b"not a workbook")
    page = client.post(url, {"step": "read", "file": bad}).content.decode()
    assert "The file could not be read" in page
    good = SimpleUploadedFile("plan.csv", SEED.encode())
    page = client.post(url, {"step": "read", "file": good}).content.decode()
    assert "15 outcomes and 46 actions were found" in page
    assert (
        "Paste the table or choose a file." in client.post(url, {"step": "read"}).content.decode()
    )
    client.session.flush()


def test_a_confirmation_without_a_reading_starts_again(client_for, officer, plan):
    response = client_for(officer).post(
        reverse("plans:plan-import", args=[plan.pk]), {"step": "confirm"}
    )
    assert response.status_code == 302


def test_an_import_of_no_outcomes_records_it_and_reports_no_rows(officer, plan):
    told = []
    services.plan_import(actor=officer, plan=plan, outcomes=[], progress=told.append)
    assert told == []
    assert not Outcome.objects.filter(plan=plan).exists()
    entry = AuditEntry.objects.about(plan).get(event="action_plan.imported")
    assert (entry.metadata["outcomes"], entry.metadata["actions"]) == (0, 0)
