"""Retention where young people decide (issue 19): a vote, an idea, a survey answer, a sign-up, a
recognition or an expense claim is involvement, so it keeps a record from being anonymised;
once the last is old the record is anonymised with them; expense claims go six whole financial
years after they were settled, with their receipts."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from heard.consultations.models import Answer, Question
from heard.core.models import AuditEntry
from heard.decisions.models import Ballot
from heard.opportunities.models import SignUp
from heard.privacy import selectors, services
from heard.privacy.services.decided import REMOVED_ANSWER
from heard.rewards.models import ExpenseClaim, ExpenseItem
from tests import factories
from tests.consultations.factories import AnswerFactory, QuestionFactory, SurveyResponseFactory
from tests.decisions.factories import ProposalFactory, RoundFactory
from tests.opportunities.factories import SignUpFactory
from tests.rewards.factories import ClaimFactory, ItemFactory, RecognitionFactory

pytestmark = pytest.mark.django_db

OLD = datetime.datetime(2015, 1, 1, 12, tzinfo=datetime.UTC)
RECENT = datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)

INVOLVEMENT = {
    "ballot": lambda yp: Ballot.objects.create(
        round=RoundFactory(), young_person=yp, origin="portal"
    ),
    "proposal": lambda yp: ProposalFactory(proposed_by_young_person=yp),
    "survey": lambda yp: SurveyResponseFactory(young_person=yp),
    "sign_up": lambda yp: SignUpFactory(young_person=yp),
    "recognition": lambda yp: RecognitionFactory(young_person=yp, date=timezone.localdate()),
    "claim": lambda yp: ClaimFactory(young_person=yp, organisation=yp.organisation),
}


def _due():
    return [young_person for young_person, _ in selectors.retention_due(today=TODAY)]


@pytest.mark.parametrize("kind", sorted(INVOLVEMENT))
def test_recent_involvement_where_young_people_decide_keeps_the_record(kind):
    with time_machine.travel(OLD, tick=False):
        young_person = factories.YoungPersonFactory()
    assert _due() == [young_person]
    with time_machine.travel(RECENT, tick=False):
        INVOLVEMENT[kind](young_person)
    assert _due() == []


def test_the_run_anonymises_an_old_record_with_its_decide_records():
    with time_machine.travel(OLD, tick=False):
        young_person = factories.YoungPersonFactory(first_name="Priya")
        for make in INVOLVEMENT.values():
            make(young_person)
        answer = AnswerFactory(
            response=young_person.survey_responses.get(),
            question=QuestionFactory(kind=Question.Kind.TEXT, options=[]),
            text="Priya wants more buses",
        )
    ((due, last),) = selectors.retention_due(today=TODAY)
    assert due == young_person and last == OLD.date()

    services.retention_run(today=TODAY)

    assert Answer.objects.get(pk=answer.pk).text == REMOVED_ANSWER
    assert not SignUp.objects.exists()
    assert Ballot.objects.filter(young_person=young_person).exists()


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (datetime.date(2026, 12, 6), datetime.date(2020, 4, 1)),
        (datetime.date(2026, 4, 1), datetime.date(2020, 4, 1)),
        (datetime.date(2026, 3, 31), datetime.date(2019, 4, 1)),
    ],
)
def test_claims_are_kept_six_whole_financial_years(today, cutoff):
    assert selectors.finance_cutoff(today) == cutoff


def _claim(status, *, settled, receipt=None):
    claim = ClaimFactory(status=status, decided_on=settled)
    if status == ExpenseClaim.Status.PAID:
        claim.paid_on = settled
        claim.save(update_fields=["paid_on"])
    ItemFactory(claim=claim, receipt=receipt or "")
    return claim


def test_the_run_deletes_settled_claims_past_their_period_with_their_receipts():
    old_paid = _claim(
        ExpenseClaim.Status.PAID,
        settled=datetime.date(2020, 3, 31),
        receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 ticket"),
    )
    receipt = ExpenseItem.objects.get(claim=old_paid).receipt.name
    old_rejected = _claim(ExpenseClaim.Status.REJECTED, settled=datetime.date(2019, 6, 1))
    kept = [
        _claim(ExpenseClaim.Status.PAID, settled=datetime.date(2020, 4, 1)),
        _claim(ExpenseClaim.Status.APPROVED, settled=datetime.date(2018, 1, 1)),
        _claim(ExpenseClaim.Status.SUBMITTED, settled=None),
    ]
    assert default_storage.exists(receipt)

    dry = services.retention_run(today=TODAY, dry_run=True)
    assert sorted(dry.claims) == sorted([old_paid.pk, old_rejected.pk])
    assert ExpenseClaim.objects.count() == 5

    result = services.retention_run(today=TODAY)

    assert sorted(result.claims) == sorted([old_paid.pk, old_rejected.pk])
    assert set(ExpenseClaim.objects.all()) == set(kept)
    assert not ExpenseItem.objects.filter(claim_id=old_paid.pk).exists()
    entry = AuditEntry.objects.get(event="expense_claim.expired", object_id=str(old_paid.pk))
    assert entry.actor is None and entry.metadata == {"settled_on": "2020-03-31"}


def test_receipts_go_once_the_deletion_is_committed(django_capture_on_commit_callbacks):
    claim = _claim(
        ExpenseClaim.Status.PAID,
        settled=datetime.date(2019, 5, 31),
        receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 ticket"),
    )
    receipt = ExpenseItem.objects.get(claim=claim).receipt.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.retention_run(today=TODAY)
    assert default_storage.exists(receipt) and len(callbacks) == 1
    callbacks[0]()
    assert not default_storage.exists(receipt)


def test_the_command_counts_the_claims():
    _claim(ExpenseClaim.Status.PAID, settled=datetime.date(2019, 5, 31))
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "1 expense claim would be deleted" in out.getvalue()
    assert ExpenseClaim.objects.count() == 1
