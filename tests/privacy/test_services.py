import datetime
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from heard.core.models import AuditEntry, Partnership
from heard.core.roles import AgeBand
from heard.participation import selectors as participation_selectors
from heard.people.models import YoungPerson
from heard.portal import selectors as portal_selectors
from heard.privacy import selectors, services
from heard.privacy.models import Anonymisation, Consent, EqualityRecord
from heard.voice import selectors as voice_selectors
from heard.voice import services as voice_services
from heard.voice.models import View
from tests import factories

TODAY = datetime.date(2026, 11, 20)
NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


def consent(actor, young_person, purpose, given_by="parent_or_carer", **kwargs):
    return services.consent_record(
        actor=actor,
        young_person=young_person,
        purpose=purpose,
        given_by=given_by,
        given_on=kwargs.pop("given_on", datetime.date(2026, 9, 1)),
        how=kwargs.pop("how", "written"),
        **kwargs,
    )


# Consent ------------------------------------------------------------------------------------------


def test_consent_record_saves_and_audits(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    item = consent(officer, young_person, "quotes", given_by="young_person", notes="At the forum")
    assert item.is_current and item.recorded_by == officer
    entry = AuditEntry.objects.get(object_type="privacy.consent", object_id=str(item.pk))
    assert entry.action == "create" and entry.actor == officer
    assert "notes" not in entry.changes


def test_a_second_current_consent_for_the_same_purpose_is_refused(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    consent(officer, young_person, "quotes")
    with pytest.raises(ValidationError) as exc:
        consent(officer, young_person, "quotes")
    assert "already has a current consent" in str(exc.value)
    assert Consent.objects.count() == 1


@pytest.mark.parametrize(
    ("band", "purpose", "refused"),
    [
        (AgeBand.AGE_8_10, "taking_part", False),
        (AgeBand.AGE_8_10, "photographs", True),
        (AgeBand.AGE_11_13, "publishing", True),  # may be 11 or 12: a parent is needed
        (AgeBand.AGE_14_15, "publishing", False),
    ],
)
def test_under_the_parent_consent_age_a_young_person_alone_only_agrees_to_take_part(
    officer, band, purpose, refused
):
    young_person = factories.YoungPersonFactory(age_band=band)
    if refused:
        with pytest.raises(ValidationError) as exc:
            consent(officer, young_person, purpose, given_by="young_person")
        assert "parent's or carer's consent is needed" in str(exc.value)
        assert not Consent.objects.exists()
        consent(officer, young_person, purpose, given_by="parent_or_carer")  # fine
    else:
        consent(officer, young_person, purpose, given_by="young_person")


@time_machine.travel(NOW, tick=False)
def test_the_date_of_birth_decides_when_known_and_the_partnership_sets_the_age(officer):
    young_person = factories.YoungPersonFactory(
        age_band=AgeBand.AGE_11_13, date_of_birth=datetime.date(2013, 1, 5)
    )  # 13 on 1 September 2026
    consent(officer, young_person, "photographs", given_by="young_person")
    partnership = Partnership.current()
    partnership.parent_consent_under_age = 16
    partnership.save()
    with pytest.raises(ValidationError):
        consent(officer, young_person, "quotes", given_by="young_person")


@pytest.mark.parametrize(
    "bad",
    [
        {"purpose": "selling"},
        {"given_by": "a friend"},
        {"how": "telepathy"},
        {"given_on": "yesterday"},
        {"given_on": datetime.date(2030, 1, 1)},
        {"notes": "x" * 2001},
    ],
)
@time_machine.travel(NOW, tick=False)
def test_bad_consent_input_is_refused_clearly_and_changes_nothing(officer, bad):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    values = {
        "purpose": "quotes",
        "given_by": "young_person",
        "given_on": datetime.date(2026, 9, 1),
        "how": "written",
        **bad,
    }
    with pytest.raises(ValidationError) as exc:
        services.consent_record(actor=officer, young_person=young_person, **values)
    assert set(exc.value.message_dict) == set(bad)
    assert not Consent.objects.exists()


def test_partner_workers_record_consents_only_for_their_organisation(partner_worker, organisation):
    own = factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_16_17)
    other = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    consent(partner_worker, own, "taking_part")
    with pytest.raises(PermissionDenied):
        consent(partner_worker, other, "taking_part")


@time_machine.travel(NOW, tick=False)
def test_withdrawing_publishing_takes_the_quote_off_the_public_page_at_once(client, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    given = consent(officer, young_person, "publishing", given_by="young_person")
    session = factories.SessionFactory(date=datetime.date(2026, 10, 1))
    view = voice_services.view_record(
        actor=None,
        text="The youth bus should run on Sundays",
        session=session,
        young_people=[young_person],
        consent=View.Consent.PUBLISH,
    )
    voice_services.response_record(
        actor=None,
        views=[view],
        decision_maker="Transport board",
        outcome="changed",
        explanation="The bus now runs on Sundays.",
        plain_language="The bus runs on Sundays now.",
        date=datetime.date(2026, 10, 20),
    )
    page = reverse("portal:public")
    assert "The youth bus should run on Sundays" in client.get(page).content.decode()
    assert view in voice_selectors.published_views()

    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="young_person",
        withdrawn_how="verbal",
    )
    view.refresh_from_db()
    assert view.consent == View.Consent.INTERNAL
    assert "The youth bus should run on Sundays" not in client.get(page).content.decode()
    assert view not in voice_selectors.published_views()
    assert not portal_selectors.public_items()
    poster = client.get(reverse("portal:poster"))
    assert poster.status_code == 200
    assert AuditEntry.objects.filter(
        object_type="voice.view", object_id=str(view.pk), action="update"
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_withdrawing_quotes_makes_every_quotable_view_internal_but_not_others(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    other = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    quoted = factories.ViewFactory(young_people=[young_person], consent="quote_first_name")
    theirs_internal = factories.ViewFactory(young_people=[young_person], consent="internal")
    someone_elses = factories.ViewFactory(young_people=[other], consent="publish")
    given = consent(officer, young_person, "quotes")
    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="parent_or_carer",
        withdrawn_how="written",
    )
    for view, expected in (
        (quoted, "internal"),
        (theirs_internal, "internal"),
        (someone_elses, "publish"),
    ):
        view.refresh_from_db()
        assert view.consent == expected


@time_machine.travel(NOW, tick=False)
def test_each_withdrawal_stops_exactly_the_uses_it_allowed(officer):
    """Quoting needs quotes consent, publishing needs publishing consent (voice.consents): a
    withdrawal makes internal the views that needed it, and leaves the others as they were."""
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    quotes = consent(officer, young_person, "quotes")
    publishing = consent(officer, young_person, "publishing")
    session = factories.SessionFactory()
    quoted, published = (
        voice_services.view_record(
            actor=officer, text=use, session=session, young_people=[young_person], consent=use
        )
        for use in ("quote_anonymously", "publish")
    )
    withdraw = {"withdrawn_on": TODAY, "withdrawn_by": "young_person", "withdrawn_how": "verbal"}
    services.consent_withdraw(actor=officer, consent=publishing, **withdraw)
    quoted.refresh_from_db()
    published.refresh_from_db()
    assert (quoted.consent, published.consent) == ("quote_anonymously", "internal")
    with pytest.raises(ValidationError):  # and it cannot be published again without consent
        voice_services.view_update(actor=officer, view=published, consent="publish")
    services.consent_withdraw(actor=officer, consent=quotes, **withdraw)
    quoted.refresh_from_db()
    assert quoted.consent == "internal"
    assert AuditEntry.objects.filter(
        object_type="voice.view", object_id=str(quoted.pk), action="update", actor=officer
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_withdrawing_photographs_withholds_their_images_at_once_and_is_audited(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    given = consent(officer, young_person, "photographs")
    photo = factories.EvidenceFactory(view=factories.ViewFactory(young_people=[young_person]))
    assert voice_selectors.evidence_get(officer, photo.pk).photo_withheld == ""
    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="parent_or_carer",
        withdrawn_how="written",
    )
    assert voice_selectors.evidence_get(officer, photo.pk).photo_withheld == "withdrawn"
    entry = AuditEntry.objects.get(
        object_type="privacy.consent", object_id=str(given.pk), action="update"
    )
    assert entry.actor == officer
    assert entry.changes["withdrawn_on"] == [None, TODAY.isoformat()]


@time_machine.travel(NOW, tick=False)
def test_withdrawing_equality_consent_deletes_the_equality_record(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    given = consent(officer, young_person, "equality_data")
    services.equality_record_save(actor=officer, young_person=young_person, ethnicity="white_irish")
    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="young_person",
        withdrawn_how="online",
    )
    assert not EqualityRecord.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_withdrawing_photographs_means_photos_are_not_allowed(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    assert not selectors.photos_allowed(young_person)
    given = consent(officer, young_person, "photographs")
    view = factories.ViewFactory(young_people=[young_person])
    assert selectors.photos_allowed(young_person)
    assert view.pk not in set(selectors.photos_withheld_view_ids().values_list("pk", flat=True))
    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="young_person",
        withdrawn_how="verbal",
    )
    assert not selectors.photos_allowed(young_person)
    assert view.pk in set(selectors.photos_withheld_view_ids().values_list("pk", flat=True))


@time_machine.travel(NOW, tick=False)
def test_withdrawing_twice_or_before_it_was_given_is_refused(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    given = consent(officer, young_person, "sharing")
    with pytest.raises(ValidationError) as exc:
        services.consent_withdraw(
            actor=officer,
            consent=given,
            withdrawn_on=datetime.date(2026, 1, 1),
            withdrawn_by="young_person",
            withdrawn_how="verbal",
        )
    assert "before the date it was given" in str(exc.value)
    services.consent_withdraw(
        actor=officer,
        consent=given,
        withdrawn_on=TODAY,
        withdrawn_by="young_person",
        withdrawn_how="verbal",
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            actor=officer,
            consent=given,
            withdrawn_on=TODAY,
            withdrawn_by="young_person",
            withdrawn_how="verbal",
        )


# Equality monitoring ------------------------------------------------------------------------------


def test_equality_data_needs_consent_and_one_of_three_roles(
    officer,
    lead,
    admin_user,
    theme_lead,
    partner_worker,
    safeguarding_lead,
    board_member,
    organisation,
):
    young_person = factories.YoungPersonFactory(
        organisation=organisation, age_band=AgeBand.AGE_16_17
    )
    with pytest.raises(ValidationError) as exc:
        services.equality_record_save(actor=officer, young_person=young_person, gender="boy_man")
    assert "no current consent" in str(exc.value)
    consent(officer, young_person, "equality_data")
    for user in (officer, lead, admin_user):
        services.equality_record_save(
            actor=user, young_person=young_person, gender="prefer_not_to_say"
        )
        assert services.equality_record_read(actor=user, young_person=young_person)
    for user in (theme_lead, partner_worker, safeguarding_lead, board_member):
        with pytest.raises(PermissionDenied):
            services.equality_record_save(actor=user, young_person=young_person, gender="boy_man")
        with pytest.raises(PermissionDenied):
            services.equality_record_read(actor=user, young_person=young_person)
    reads = AuditEntry.objects.filter(object_type="privacy.equalityrecord", action="read")
    assert reads.count() == 3
    # No answer is kept in the audit log, only which fields changed.
    assert "boy_man" not in json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_equality_answers_must_be_from_the_lists(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    consent(officer, young_person, "equality_data")
    with pytest.raises(ValidationError):
        services.equality_record_save(actor=officer, young_person=young_person, ethnicity="martian")
    assert not EqualityRecord.objects.exists()


# Retention and erasure ----------------------------------------------------------------------------


def _old_young_person(organisation, group, *, last_session: datetime.date, with_view=True):
    with time_machine.travel(datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)):
        young_person = factories.YoungPersonFactory(
            organisation=organisation,
            first_name="Zebedee",
            last_name="Quartermaine",
            date_of_birth=datetime.date(2004, 2, 3),
            age_band=AgeBand.AGE_18_25,
            communication_needs="Uses BSL",
        )
        factories.MembershipFactory(
            group=group,
            young_person=young_person,
            joined_on=datetime.date(2017, 1, 1),
            left_on=datetime.date(2018, 1, 1),
        )
        session = factories.SessionFactory(group=group, date=last_session)
        factories.AttendanceFactory(session=session, young_person=young_person)
        if with_view:
            view = factories.ViewFactory(session=session, young_people=[young_person])
            voice_services.response_record(
                actor=None,
                views=[view],
                decision_maker="Board",
                outcome="changed",
                explanation="Done.",
                plain_language="We did it.",
                date=last_session + datetime.timedelta(days=10),
            )
        services.consent_record(
            actor=None,
            young_person=young_person,
            purpose="equality_data",
            given_by="young_person",
            given_on=datetime.date(2017, 6, 1),
            how="written",
        )
        services.equality_record_save(actor=None, young_person=young_person, religion="sikh")
    return young_person


@time_machine.travel(NOW, tick=False)
def test_retention_anonymises_who_is_due_and_keeps_every_count(client, officer):
    organisation = factories.OrganisationFactory()
    group = factories.GroupFactory(host_organisation=organisation, kind="buddy_group")
    due = _old_young_person(organisation, group, last_session=datetime.date(2019, 5, 1))
    recent = factories.YoungPersonFactory(organisation=organisation, first_name="Recent")
    factories.AttendanceFactory(
        session=factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1)),
        young_person=recent,
    )
    # An old record who is still a member of a group is not due.
    with time_machine.travel(datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)):
        member = factories.MembershipFactory(group=group).young_person

    def figures():
        return (
            participation_selectors.home_counts(user=officer, today=datetime.date(2019, 6, 1)),
            participation_selectors.home_counts(user=officer, today=TODAY),
            voice_selectors.loop_figures(user=officer),
            voice_selectors.loop_figures(
                user=officer, start=datetime.date(2019, 1, 1), end=datetime.date(2019, 12, 31)
            ),
        )

    before = figures()
    assert before[0]["active_young_people"] == 1
    dry = services.retention_run(today=TODAY, dry_run=True)
    assert [reference for reference, _ in dry.due] == [due.reference]
    due.refresh_from_db()
    assert due.first_name == "Zebedee"

    result = services.retention_run(today=TODAY)
    assert result.count == 1
    assert figures() == before
    due.refresh_from_db()
    assert due.first_name == "Anonymised" and due.last_name == ""
    assert due.date_of_birth is None and due.communication_needs == "" and due.area == ""
    assert due.age_band == AgeBand.AGE_18_25
    assert due.attendances.count() == 1 and due.views.count() == 1
    assert not EqualityRecord.objects.filter(young_person=due).exists()
    assert not Consent.objects.filter(young_person=due).exists()
    anonymisation = Anonymisation.objects.get(young_person=due)
    assert anonymisation.reason == "retention"
    assert anonymisation.consent_counts == {"equality_data": {"given": 1, "withdrawn": 0}}
    for person in (recent, member):
        person.refresh_from_db()
        assert person.first_name != "Anonymised"
    # The audit log no longer holds the name either.
    assert "Zebedee" not in json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert AuditEntry.objects.filter(
        object_type="people.youngperson",
        object_id=str(due.pk),
        event="young_person.anonymised",
        metadata={"reason": "retention"},
    ).exists()
    # Running again (daily) does nothing more.
    assert services.retention_run(today=TODAY).count == 0


@time_machine.travel(NOW, tick=False)
def test_retention_command_dry_run_lists_references_never_names(capsys):
    organisation = factories.OrganisationFactory()
    group = factories.GroupFactory(host_organisation=organisation)
    due = _old_young_person(organisation, group, last_session=datetime.date(2019, 5, 1))
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert due.reference in out and "would be anonymised" in out
    assert "Zebedee" not in out
    due.refresh_from_db()
    assert due.first_name == "Zebedee"
    call_command("retention")
    due.refresh_from_db()
    assert due.first_name == "Anonymised"


@time_machine.travel(NOW, tick=False)
def test_erasure_is_for_programme_staff_and_happens_once(officer, partner_worker, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation, first_name="Ola")
    with pytest.raises(PermissionDenied):
        services.young_person_anonymise(actor=partner_worker, young_person=young_person)
    services.young_person_anonymise(actor=officer, young_person=young_person)
    assert YoungPerson.objects.get(pk=young_person.pk).first_name == "Anonymised"
    with pytest.raises(ValidationError):
        services.young_person_anonymise(actor=officer, young_person=young_person)


# Subject access ----------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_subject_access_holds_their_data_and_nobody_elses(officer, safeguarding_lead):
    organisation = factories.OrganisationFactory()
    group = factories.GroupFactory(host_organisation=organisation, name="Amplify")
    subject = factories.YoungPersonFactory(
        organisation=organisation, first_name="Priya", last_name="Subject", age_band="16_17"
    )
    other = factories.YoungPersonFactory(
        organisation=organisation, first_name="Otto", last_name="Elsewhere"
    )
    session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1), notes="Otto")
    factories.AttendanceFactory(session=session, young_person=subject)
    factories.AttendanceFactory(session=session, young_person=other)
    factories.MembershipFactory(group=group, young_person=subject)
    view = factories.ViewFactory(session=session, young_people=[subject, other], text="Buses!")
    factories.ViewFactory(session=session, young_people=[other], text="Otto's own view")
    consent(officer, subject, "taking_part", given_by="young_person")
    factories.ConcernFactory(young_person=subject, what_happened="A worry only leads may read")

    data = services.subject_access_export(actor=officer, young_person=subject, format="json")
    text = json.dumps(data)
    assert "Priya" in text and "Amplify" in text and "Buses!" in text and "Taking part" in text
    for forbidden in ("Otto", "Elsewhere", other.reference, "A worry only leads may read"):
        assert forbidden not in text
    assert view.pk  # the shared view is theirs too
    assert AuditEntry.objects.filter(
        object_type="people.youngperson", object_id=str(subject.pk), action="read"
    ).exists()
    with pytest.raises(PermissionDenied):
        services.subject_access_export(actor=safeguarding_lead, young_person=subject, format="json")


# Benchmarks and targets ---------------------------------------------------------------------------


def test_benchmark_import_is_all_or_nothing(officer, theme_lead):
    good = "characteristic,value,area,share,source\ncare_status,in_care,,1.2,DfE\nsend,yes,,15,\n"
    assert len(services.benchmark_shares_import(actor=officer, text=good)) == 2
    bad = "characteristic,value,area,share\nsend,yes,,150\ngender,elf,,2\n"
    with pytest.raises(ValidationError) as exc:
        services.benchmark_shares_import(actor=officer, text=bad)
    messages = exc.value.message_dict["file"]
    assert any(m.startswith("Row 2:") for m in messages) and any("Row 3" in m for m in messages)
    with pytest.raises(PermissionDenied):
        services.benchmark_shares_import(actor=theme_lead, text=good)


def test_least_heard_target_validates(officer):
    target = services.least_heard_target_save(
        actor=officer, group="in_care", target=20, start="2026-04-01", end="2027-03-31"
    )
    assert target.label == "In care"
    with pytest.raises(ValidationError) as exc:
        services.least_heard_target_save(
            actor=officer, group="named", target=-1, start="2026-04-01", end="2025-03-31"
        )
    assert {"target", "end", "name"} <= set(exc.value.message_dict)
