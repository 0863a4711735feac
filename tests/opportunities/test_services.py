"""The opportunity services: who may write, what is refused and why, and the audit of each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.opportunities import services
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Attendance, Session
from tests import factories
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

STARTS = datetime.datetime(2026, 11, 20, 16, 0, tzinfo=datetime.UTC)


def values(organisation, **extra):
    return {
        "title": "  Focus group on <b>buses</b> ",
        "kind": Opportunity.Kind.FOCUS_GROUP,
        "description": "Tell the transport team what works.",
        "organisation": organisation,
        "starts_at": STARTS,
        "ends_at": STARTS + datetime.timedelta(hours=2),
        "closes_on": datetime.date(2026, 11, 18),
        "place": "Youth centre",
        "age_bands": ["16_17", "14_15", "14_15"],
        "areas": [" Cambridge ", "cambridge", "Ely"],
        "places": 8,
        "status": Opportunity.Status.PUBLISHED,
    } | extra


def errors_of(exc):
    return exc.value.message_dict


# Opportunities --------------------------------------------------------------------------------


def test_a_partner_worker_adds_their_organisations_opportunity(partner_worker, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    added = services.opportunity_add(actor=partner_worker, **values(organisation, groups=[group]))
    assert added.title == "Focus group on <b>buses</b>"
    assert added.age_bands == ["14_15", "16_17"]
    assert added.areas == ["Cambridge", "Ely"]
    assert list(added.groups.all()) == [group]
    assert added.created_by == partner_worker
    entry = AuditEntry.objects.get(event="opportunity.created")
    assert entry.changes["title"] == [None, "Focus group on <b>buses</b>"]


def test_an_opportunity_is_refused_with_a_message_per_problem(
    partner_worker, organisation, other_organisation
):
    with pytest.raises(ValidationError) as exc:
        services.opportunity_add(
            actor=partner_worker,
            **values(
                other_organisation,
                place="",
                online=False,
                places=0,
                closes_on=datetime.date(2026, 11, 21),
                ends_at=STARTS - datetime.timedelta(hours=1),
                age_bands=["teen"],
                areas=["Cambridge\nEly"],
                groups=["not a group"],
            ),
        )
    errors = errors_of(exc)
    assert errors["organisation"] == [services.opportunities.NOT_YOURS]
    assert errors["place"] == [services.opportunities.WHERE]
    assert errors["places"] == [services.opportunities.NO_PLACES]
    assert errors["closes_on"] == [services.opportunities.CLOSES_AFTER_START]
    assert errors["ends_at"] == [services.opportunities.ENDS_BEFORE_START]
    assert errors["age_bands"] == ["Choose age bands from the list."]
    assert "one line" in errors["areas"][0]
    assert errors["groups"] == ["Choose groups on the register."]
    assert not Opportunity.objects.exists()
    with pytest.raises(ValidationError) as exc:
        services.opportunity_add(actor=partner_worker, **values(organisation, starts_at=None))
    assert list(errors_of(exc)) == ["starts_at"]
    assert services.opportunity_add(
        actor=partner_worker, **values(organisation, place="", online=True, areas="Ely")
    ).areas == ["Ely"]


def test_only_staff_who_keep_opportunities_add_them(board_member, theme_lead, organisation):
    for user in (board_member, theme_lead):
        with pytest.raises(PermissionDenied):
            services.opportunity_add(actor=user, **values(organisation))


def test_an_opportunity_changes_with_its_audit_and_keeps_places_for_those_signed_up(
    officer, opportunity, other_organisation
):
    SignUpFactory.create_batch(2, opportunity=opportunity)
    with pytest.raises(ValidationError) as exc:
        services.opportunity_update(actor=officer, opportunity=opportunity, places=1)
    assert "2 young people have signed up" in errors_of(exc)["places"][0]
    with pytest.raises(ValidationError) as exc:
        services.opportunity_update(actor=officer, opportunity=opportunity, organisation=None)
    assert errors_of(exc)["organisation"] == [services.opportunities.NOT_YOURS]
    group = factories.GroupFactory()
    changed = services.opportunity_update(
        actor=officer,
        opportunity=opportunity,
        places=2,
        title=" Panel ",
        age_bands=["18_25"],
        areas=["Wisbech"],
        groups=[group],
        organisation=other_organisation,
    )
    assert (changed.places, changed.title, changed.age_bands) == (2, "Panel", ["18_25"])
    assert list(changed.groups.all()) == [group]
    entry = AuditEntry.objects.get(event="opportunity.changed")
    assert entry.changes["places"] == [None, 2]


def test_a_partner_cannot_change_or_delete_another_organisations_opportunity(
    partner_worker, other_organisation
):
    other = OpportunityFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.opportunity_update(actor=partner_worker, opportunity=other, title="Mine")
    with pytest.raises(PermissionDenied):
        services.opportunity_delete(actor=partner_worker, opportunity=other)


def test_deleting_an_opportunity_removes_its_sign_ups_and_is_audited(officer, opportunity):
    SignUpFactory(opportunity=opportunity)
    services.opportunity_delete(actor=officer, opportunity=opportunity)
    assert not Opportunity.objects.exists() and not SignUp.objects.exists()
    entry = AuditEntry.objects.get(event="opportunity.deleted")
    assert entry.changes["title"][1] is None


# Sign-ups -------------------------------------------------------------------------------------


def test_a_young_person_signs_up_in_the_portal(opportunity, young_person):
    sign_up = services.sign_up_give(young_person=young_person, opportunity=opportunity)
    assert (sign_up.how, sign_up.status, sign_up.recorded_by) == ("portal", "signed_up", None)
    entry = AuditEntry.objects.get(event="opportunity_sign_up.made")
    assert entry.actor is None
    with pytest.raises(ValidationError, match="already signed up"):
        services.sign_up_give(young_person=young_person, opportunity=opportunity)


def test_sign_ups_are_refused_when_closed_unpublished_unsuited_or_full(organisation):
    person = factories.YoungPersonFactory(age_band="11_13", area="Cambridge")
    cases = {
        "not open for sign-ups": {"status": Opportunity.Status.DRAFT},
        "closed on 31 October 2026": {"closes_on": datetime.date(2026, 10, 31)},
        "not for this young person": {"age_bands": ["16_17"]},
    }
    for message, fields in cases.items():
        opportunity = OpportunityFactory(organisation=organisation, **fields)
        with pytest.raises(ValidationError, match=message):
            services.sign_up_give(young_person=person, opportunity=opportunity)
    elsewhere = OpportunityFactory(areas=["Ely"])
    with pytest.raises(ValidationError, match="not for this young person"):
        services.sign_up_give(young_person=person, opportunity=elsewhere)
    full = OpportunityFactory(places=1)
    services.sign_up_give(young_person=factories.YoungPersonFactory(), opportunity=full)
    with pytest.raises(ValidationError, match="full: all 1 places"):
        services.sign_up_give(young_person=person, opportunity=full)
    with pytest.raises(PermissionDenied):
        services.sign_up_give(young_person=None, opportunity=full)
    later = datetime.date(2026, 11, 14)  # the day after the factory's closing date
    with pytest.raises(ValidationError, match="closed on 13 November 2026"):
        services.sign_up_give(young_person=person, opportunity=OpportunityFactory(), today=later)
    assert not SignUp.objects.filter(young_person=person).exists()


def test_an_opportunity_for_a_group_and_area_suits_its_members_there(organisation):
    group = factories.GroupFactory()
    opportunity = OpportunityFactory(areas=["cambridge"], age_bands=["11_13"])
    opportunity.groups.add(group)
    member = factories.YoungPersonFactory(area="Cambridge")
    factories.MembershipFactory(group=group, young_person=member)
    outsider = factories.YoungPersonFactory(area="Cambridge")
    assert services.sign_up_give(young_person=member, opportunity=opportunity)
    with pytest.raises(ValidationError):
        services.sign_up_give(young_person=outsider, opportunity=opportunity)


def test_a_withdrawn_sign_up_frees_the_place_and_may_be_made_again(opportunity, young_person):
    opportunity.places = 1
    opportunity.save()
    sign_up = services.sign_up_give(young_person=young_person, opportunity=opportunity)
    other = factories.YoungPersonFactory()
    with pytest.raises(PermissionDenied):
        services.sign_up_withdraw(sign_up=sign_up, young_person=other)
    services.sign_up_withdraw(sign_up=sign_up, young_person=young_person)
    with pytest.raises(ValidationError, match="Only a sign-up"):
        services.sign_up_withdraw(sign_up=sign_up, young_person=young_person)
    assert services.sign_up_give(young_person=other, opportunity=opportunity)
    services.sign_up_withdraw(sign_up=SignUp.objects.get(young_person=other), actor=None)
    again = services.sign_up_give(young_person=young_person, opportunity=opportunity)
    assert again.pk == sign_up.pk and again.status == "signed_up"
    assert AuditEntry.objects.filter(event="opportunity_sign_up.changed").count() == 3


def test_a_worker_signs_up_a_young_person_they_can_see(
    partner_worker, opportunity, young_person, other_organisation
):
    sign_up = services.sign_up_add(
        actor=partner_worker, opportunity=opportunity, young_person=young_person
    )
    assert (sign_up.how, sign_up.recorded_by) == ("worker", partner_worker)
    with pytest.raises(ValidationError) as exc:
        services.sign_up_add(
            actor=partner_worker, opportunity=opportunity, young_person=young_person
        )
    assert errors_of(exc)["young_person"] == [services.sign_ups.ALREADY]
    unseen = factories.YoungPersonFactory(organisation=other_organisation)
    with pytest.raises(ValidationError) as exc:
        services.sign_up_add(actor=partner_worker, opportunity=opportunity, young_person=unseen)
    assert errors_of(exc)["young_person"] == [services.sign_ups.UNSEEN]
    theirs = OpportunityFactory(organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.sign_up_add(actor=partner_worker, opportunity=theirs, young_person=young_person)
    with pytest.raises(PermissionDenied):
        services.sign_up_withdraw(actor=partner_worker, sign_up=SignUpFactory(opportunity=theirs))
    services.sign_up_withdraw(actor=partner_worker, sign_up=sign_up)
    assert SignUp.objects.get(pk=sign_up.pk).status == "withdrawn"


# Attendance -----------------------------------------------------------------------------------

NEW_SESSION = {
    "date": datetime.date(2026, 10, 30),
    "kind": Session.Kind.PANEL,
    "degree": "adult_initiated_shared",
    "participation_type": "public",
}


def test_sign_ups_become_attendance_at_a_new_session_in_the_participation_log(
    officer, opportunity, young_person
):
    came = services.sign_up_give(young_person=young_person, opportunity=opportunity)
    absent = SignUpFactory(opportunity=opportunity)
    session = services.sign_ups_attend(
        actor=officer, opportunity=opportunity, sign_ups=[came], new_session=NEW_SESSION
    )
    assert (session.title, session.organisation, session.is_open) == (
        opportunity.title,
        opportunity.organisation,
        True,
    )
    attendance = Attendance.objects.get(session=session)
    assert (attendance.young_person, attendance.status) == (young_person, "attended")
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, came.session) == ("attended", session)
    assert absent.status == "signed_up"
    assert AuditEntry.objects.filter(event="opportunity_sign_up.attended").count() == 1
    assert AuditEntry.objects.filter(event="session.logged").exists()
    with pytest.raises(ValidationError) as exc:
        services.sign_ups_attend(
            actor=officer, opportunity=opportunity, sign_ups=[came], new_session=NEW_SESSION
        )
    assert errors_of(exc)["sign_ups"] == [services.attendance.NOT_THESE]


def test_sign_ups_join_an_existing_session_keeping_its_attendance(
    officer, opportunity, organisation
):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    there = factories.AttendanceFactory(session=session)
    sign_up = SignUpFactory(opportunity=opportunity)
    services.sign_ups_attend(
        actor=officer, opportunity=opportunity, sign_ups=[sign_up], session=session
    )
    assert set(session.attendances.values_list("young_person_id", flat=True)) == {
        there.young_person_id,
        sign_up.young_person_id,
    }


def test_attendance_needs_sign_ups_and_one_session_and_the_right_role(
    officer, board_member, partner_worker, opportunity, other_organisation
):
    sign_up = SignUpFactory(opportunity=opportunity)
    session = factories.SessionFactory()
    with pytest.raises(ValidationError) as exc:
        services.sign_ups_attend(actor=officer, opportunity=opportunity, sign_ups=[sign_up])
    assert errors_of(exc)["session"] == [services.attendance.NO_SESSION]
    with pytest.raises(ValidationError) as exc:
        services.sign_ups_attend(
            actor=officer,
            opportunity=opportunity,
            sign_ups=[sign_up],
            session=session,
            new_session=NEW_SESSION,
        )
    assert errors_of(exc)["session"] == [services.attendance.ONE_SESSION]
    with pytest.raises(ValidationError) as exc:
        services.sign_ups_attend(
            actor=officer, opportunity=opportunity, sign_ups=[], new_session=NEW_SESSION
        )
    assert errors_of(exc)["sign_ups"] == [services.attendance.CHOOSE_SIGN_UPS]
    with pytest.raises(PermissionDenied):
        services.sign_ups_attend(
            actor=board_member, opportunity=opportunity, sign_ups=[sign_up], session=session
        )
    theirs = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    with pytest.raises(PermissionDenied):
        services.sign_ups_attend(
            actor=partner_worker, opportunity=opportunity, sign_ups=[sign_up], session=theirs
        )
    assert SignUp.objects.get().status == "signed_up"
