"""The involvement reads: scopes, the two indicator shares, and the portal's sessions."""

import datetime

import pytest
from django.http import Http404

from heard.involvement import selectors
from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories
from tests.involvement.factories import ActivityFactory, EvaluationFactory

START, END = datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
Kind = InvolvementActivity.Kind


def test_the_involvement_share_counts_decisions_in_the_period(
    officer, partner_worker, board_member, organisation, other_organisation
):
    ActivityFactory(organisation=organisation)
    ActivityFactory(
        organisation=organisation, kind=Kind.PROCUREMENT, young_people_involved=False, how=[]
    )
    ActivityFactory(organisation=other_organisation, kind=Kind.COMMISSIONING)
    ActivityFactory(organisation=organisation, kind=Kind.OTHER_DECISION)  # not a decision counted
    ActivityFactory(organisation=organisation, date=datetime.date(2026, 3, 31))  # before
    share = selectors.involvement_share(officer, start=START, end=END)
    assert (share.numerator, share.denominator, share.percent) == (2, 3, 66.7)
    assert selectors.involvement_share(board_member, start=START, end=END) == share
    assert selectors.involvement_share(None, start=START, end=END) == share
    own = selectors.involvement_share(partner_worker, start=START, end=END)
    assert (own.numerator, own.denominator) == (1, 2)
    theirs = selectors.involvement_share(
        officer, start=START, end=END, organisation=other_organisation
    )
    assert (theirs.numerator, theirs.denominator, theirs.percent) == (1, 1, 100.0)
    nobody = factories.UserFactory(role="")
    assert selectors.involvement_share(nobody, start=START, end=END).percent is None


def test_the_positive_share_by_period_kind_and_title(officer, partner_worker, other_organisation):
    own = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=partner_worker.organisation),
        title="Takeover Day",
        kind="event",
    )
    other = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    EvaluationFactory(session=own)
    EvaluationFactory(session=own, rating=Evaluation.Rating.NEGATIVE)
    EvaluationFactory(session=other)
    EvaluationFactory(session=other, rating=Evaluation.Rating.NEUTRAL)
    share = selectors.positive_share(officer, start=START, end=END)
    assert (share.numerator, share.denominator, share.percent) == (2, 4, 50.0)
    takeover = selectors.positive_share(officer, start=START, end=END, title="takeover")
    assert (takeover.numerator, takeover.denominator) == (1, 2)
    events = selectors.positive_share(officer, start=START, end=END, session_kind="event")
    assert events == takeover
    by_org = selectors.positive_share(
        officer, start=START, end=END, organisation=other_organisation
    )
    assert (by_org.numerator, by_org.denominator) == (1, 2)
    assert selectors.positive_share(partner_worker, start=START, end=END) == takeover
    later = selectors.positive_share(officer, start=END, end=END)
    assert later.denominator == 0


def test_lists_are_scoped_and_others_404(partner_worker, organisation, other_organisation):
    own = ActivityFactory(organisation=organisation)
    other = ActivityFactory(organisation=other_organisation)
    assert list(selectors.activities_visible_to(partner_worker)) == [own]
    assert selectors.activity_get(partner_worker, own.pk) == own
    for pk in (other.pk, "x"):
        with pytest.raises(Http404):
            selectors.activity_get(partner_worker, pk)
    mine = EvaluationFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation)
        )
    )
    theirs = EvaluationFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        )
    )
    assert list(selectors.evaluations_visible_to(partner_worker)) == [mine]
    with pytest.raises(Http404):
        selectors.evaluation_get(partner_worker, theirs.pk)
    assert selectors.evaluation_get(partner_worker, mine.pk) == mine


def test_an_activitys_young_people_are_those_the_reader_may_see(
    partner_worker, board_member, officer, organisation, other_organisation
):
    mine = factories.YoungPersonFactory(organisation=organisation)
    hidden = factories.YoungPersonFactory(organisation=other_organisation)
    activity = ActivityFactory(organisation=organisation)
    activity.young_people.set([mine, hidden])
    assert list(selectors.activity_young_people(partner_worker, activity)) == [mine]
    assert list(selectors.activity_young_people(board_member, activity)) == []
    assert set(selectors.activity_young_people(officer, activity)) == {mine, hidden}
    assert list(selectors.organisations_for_activities(partner_worker)) == [organisation]
    assert set(selectors.organisations_for_activities(officer)) >= {
        organisation,
        other_organisation,
    }
    listed = selectors.activities_visible_to(officer).get(pk=activity.pk)
    assert listed.young_people_count == 2
    share = selectors.decisions_share(selectors.activities_visible_to(officer))
    assert (share.numerator, share.denominator) == (1, 1)


def test_the_attendees_still_to_evaluate(officer, session, attendee, organisation):
    other = factories.YoungPersonFactory(organisation=organisation)
    factories.AttendanceFactory(session=session, young_person=other)
    absent = factories.YoungPersonFactory(organisation=organisation)
    factories.AttendanceFactory(session=session, young_person=absent, status="absent")
    EvaluationFactory(session=session, young_person=other)
    assert list(selectors.session_attendees(officer, session)) == [attendee]


def test_the_portal_lists_the_latest_sessions_with_the_young_persons_evaluation(
    session, attendee, django_assert_num_queries
):
    later = factories.SessionFactory(group=session.group, date=datetime.date(2026, 11, 1))
    factories.AttendanceFactory(session=later, young_person=attendee)
    factories.SessionFactory(group=session.group)  # not attended
    mine = EvaluationFactory(session=session, young_person=attendee)
    EvaluationFactory(session=later)  # someone else's
    with django_assert_num_queries(2):
        listed = selectors.portal_sessions_to_evaluate(attendee)
    assert listed == [later, session]
    assert [s.my_evaluation for s in listed] == [None, mine]
    assert selectors.portal_session_get(attendee, session.pk) == session
    with pytest.raises(Http404):
        selectors.portal_session_get(factories.YoungPersonFactory(), session.pk)


def test_the_latest_sessions_are_offered_to_those_who_enter_evaluations(
    officer, board_member, safeguarding_lead, session, evaluation
):
    (latest,) = selectors.recent_sessions(officer)
    assert (latest, latest.evaluation_count) == (session, 1)
    assert selectors.recent_sessions(board_member) == []
    assert selectors.recent_sessions(safeguarding_lead) == []
