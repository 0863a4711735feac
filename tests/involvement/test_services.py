"""The involvement services: what they save, refuse and audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.involvement import services
from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories
from tests.involvement.factories import ActivityFactory, EvaluationFactory

DAY = datetime.date(2026, 10, 1)
How = InvolvementActivity.How


def _record(actor, organisation, **values):
    fields = {
        "title": "  Recruiting a youth worker ",
        "kind": InvolvementActivity.Kind.RECRUITMENT,
        "date": DAY,
        "organisation": organisation,
        "young_people_involved": True,
        "how": [How.SCORED, How.ON_PANEL, How.ON_PANEL],
    }
    return services.activity_record(actor=actor, **(fields | values))


# Activities ---------------------------------------------------------------------------------


def test_an_activity_is_recorded_with_its_young_people_and_audited(officer, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    activity = _record(officer, organisation, young_people=[young_person], notes=" Panel of 3 ")
    assert activity.title == "Recruiting a youth worker"
    assert activity.how == [How.ON_PANEL, How.SCORED]
    assert list(activity.young_people.all()) == [young_person]
    assert activity.recorded_by == officer
    entry = AuditEntry.objects.get(event="involvement_activity.recorded")
    assert entry.changes["young_people"] == [None, [young_person.pk]]
    assert entry.changes["how"] == [None, [How.ON_PANEL, How.SCORED]]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"how": []}, "how"),
        ({"young_people_involved": False}, "how"),
        ({"how": ["sang"]}, "how"),
        ({"how": "on_panel"}, None),
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"date": datetime.date(2999, 1, 1)}, "date"),
    ],
)
def test_an_activity_is_refused_with_a_message_at_the_field(officer, organisation, values, field):
    if field is None:
        assert _record(officer, organisation, **values).how == [How.ON_PANEL]
        return
    with pytest.raises(ValidationError) as caught:
        _record(officer, organisation, **values)
    assert field in caught.value.message_dict


def test_young_people_are_named_only_when_involved_and_seen(partner_worker, other_organisation):
    elsewhere = factories.YoungPersonFactory(organisation=other_organisation)
    organisation = partner_worker.organisation
    with pytest.raises(ValidationError) as caught:
        _record(partner_worker, organisation, young_people=[elsewhere])
    assert caught.value.message_dict["young_people"] == [services.activities.UNSEEN]
    mine = factories.YoungPersonFactory(organisation=organisation)
    with pytest.raises(ValidationError) as caught:
        _record(
            partner_worker, organisation, young_people_involved=False, how=[], young_people=[mine]
        )
    assert caught.value.message_dict["young_people"] == [services.activities.NOT_INVOLVED_PEOPLE]
    with pytest.raises(ValidationError) as caught:
        _record(partner_worker, organisation, young_people=["not a person"])
    assert "young_people" in caught.value.message_dict


def test_a_partner_worker_records_for_their_own_organisation_only(
    partner_worker, other_organisation
):
    with pytest.raises(ValidationError) as caught:
        _record(partner_worker, other_organisation)
    assert caught.value.message_dict["organisation"] == [services.activities.NOT_YOURS]
    assert _record(partner_worker, partner_worker.organisation).pk


def test_the_board_and_theme_leads_record_none(board_member, theme_lead, organisation):
    for user in (board_member, theme_lead):
        with pytest.raises(PermissionDenied):
            _record(user, organisation)


def test_an_update_keeps_the_young_people_the_editor_cannot_see(partner_worker, other_organisation):
    organisation = partner_worker.organisation
    hidden = factories.YoungPersonFactory(organisation=other_organisation)
    activity = _record(None, organisation, young_people=[hidden])
    mine = factories.YoungPersonFactory(organisation=organisation)
    updated = services.activity_update(
        actor=partner_worker, activity=activity, young_people=[mine], title=" New title "
    )
    assert set(updated.young_people.all()) == {hidden, mine}
    assert updated.title == "New title"
    entry = AuditEntry.objects.get(event="involvement_activity.changed")
    assert entry.changes["title"] == ["Recruiting a youth worker", "New title"]


def test_an_update_checks_the_organisation_and_the_involvement(partner_worker, other_organisation):
    activity = _record(None, partner_worker.organisation)
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            actor=partner_worker, activity=activity, organisation=other_organisation
        )
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            actor=partner_worker, activity=activity, young_people_involved=False
        )
    assert caught.value.message_dict["how"] == [services.activities.NOT_INVOLVED_HOW]
    updated = services.activity_update(
        actor=partner_worker, activity=activity, young_people_involved=False, how=[]
    )
    assert updated.how == []
    with pytest.raises(ValidationError):
        services.activity_update(actor=partner_worker, activity=activity, how=["sang"])


def test_another_organisations_partner_cannot_change_or_delete(partner_worker, other_organisation):
    activity = ActivityFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.activity_update(actor=partner_worker, activity=activity, title="Mine")
    with pytest.raises(PermissionDenied):
        services.activity_delete(actor=partner_worker, activity=activity)


def test_a_deleted_activity_leaves_its_values_in_the_audit_log(officer, activity):
    pk = activity.pk
    services.activity_delete(actor=officer, activity=activity)
    assert not InvolvementActivity.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(event="involvement_activity.deleted")
    assert entry.object_id == str(pk)
    assert entry.changes["title"] == [activity.title, None]
    assert entry.object_label == ""


# Evaluations --------------------------------------------------------------------------------


def test_a_worker_enters_an_attendees_evaluation_once(officer, session, attendee):
    evaluation = services.evaluation_record(
        actor=officer, session=session, young_person=attendee, rating="positive", comment=" Fun "
    )
    assert (evaluation.comment, evaluation.source) == ("Fun", Evaluation.Source.PAPER)
    assert AuditEntry.objects.filter(event="evaluation.recorded").count() == 1
    with pytest.raises(ValidationError) as caught:
        services.evaluation_record(
            actor=officer, session=session, young_person=attendee, rating="neutral"
        )
    assert caught.value.message_dict["young_person"] == [services.evaluations.ALREADY]


def test_an_anonymous_paper_evaluation_needs_no_young_person(partner_worker, session):
    evaluation = services.evaluation_record(actor=partner_worker, session=session, rating="neutral")
    assert evaluation.young_person is None
    again = services.evaluation_record(actor=partner_worker, session=session, rating="neutral")
    assert again.pk != evaluation.pk


def test_an_evaluation_is_refused_for_a_non_attendee_a_bad_rating_or_a_long_comment(
    officer, session
):
    stranger = factories.YoungPersonFactory()
    with pytest.raises(ValidationError) as caught:
        services.evaluation_record(
            actor=officer,
            session=session,
            young_person=stranger,
            rating="great",
            comment="x" * 2001,
        )
    assert set(caught.value.message_dict) == {"young_person", "rating", "comment"}


def test_another_organisations_partner_cannot_evaluate_the_session(session, other_organisation):
    other = factories.UserFactory(role="partner_worker", organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.evaluation_record(actor=other, session=session, rating="positive")


def test_an_evaluation_is_changed_and_deleted_audited(officer, evaluation):
    changed = services.evaluation_update(
        actor=officer, evaluation=evaluation, rating="negative", comment=" Too long "
    )
    assert (changed.rating, changed.comment) == ("negative", "Too long")
    with pytest.raises(ValidationError):
        services.evaluation_update(actor=officer, evaluation=evaluation, rating="great")
    changed = services.evaluation_update(actor=officer, evaluation=changed, rating="neutral")
    assert (changed.rating, changed.comment) == ("neutral", "Too long")
    changed = services.evaluation_update(actor=officer, evaluation=changed, comment="Long")
    assert (changed.rating, changed.comment) == ("neutral", "Long")
    services.evaluation_delete(actor=officer, evaluation=changed)
    assert not Evaluation.objects.exists()
    events = list(AuditEntry.objects.order_by("id").values_list("event", flat=True))
    assert events == [*["evaluation.changed"] * 3, "evaluation.deleted"]


def test_a_young_person_evaluates_a_session_they_attended_and_changes_it(session, attendee):
    first = services.evaluation_give(young_person=attendee, session=session, rating="neutral")
    again = services.evaluation_give(
        young_person=attendee, session=session, rating="positive", comment="Better now"
    )
    assert first.pk == again.pk
    assert (again.rating, again.comment, again.source) == ("positive", "Better now", "portal")
    entries = AuditEntry.objects.order_by("id")
    assert [entry.event for entry in entries] == ["evaluation.recorded", "evaluation.changed"]
    assert all(entry.actor_id is None for entry in entries)


def test_a_young_person_cannot_evaluate_what_they_did_not_attend(session, attendee):
    with pytest.raises(PermissionDenied):
        services.evaluation_give(
            young_person=factories.YoungPersonFactory(), session=session, rating="positive"
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_give(young_person=None, session=session, rating="positive")
    with pytest.raises(ValidationError):
        services.evaluation_give(young_person=attendee, session=session, rating="meh")
    assert not Evaluation.objects.exists()
    assert EvaluationFactory  # the factory module is importable for the other tests
