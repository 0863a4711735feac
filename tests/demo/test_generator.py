"""The bulk data generator: loads, is deterministic, and writes rows the services would accept."""

import datetime
import decimal
import statistics

import pytest
import time_machine
from django.db.models import Exists, F, OuterRef

from heard.core.models import Partnership
from heard.core.roles import Role, age_band_for_age
from heard.demo import generator
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview
from heard.participation import services as participation_services
from heard.participation.concerns import SessionConcern
from heard.participation.models import Attendance, Session
from heard.people.models import Organisation, User, YoungPerson
from heard.people.services import age_on
from heard.privacy import selectors as privacy_selectors
from heard.privacy.models import (
    Anonymisation,
    BenchmarkShare,
    Consent,
    EqualityRecord,
    Gender,
    LeastHeardTarget,
)
from heard.privacy.services import PERSONAL_FIELDS
from heard.safeguarding import selectors as safeguarding_selectors
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord
from heard.voice import selectors as voice_selectors
from heard.voice import services as voice_services
from heard.voice.models import Feedback, Rating, Response, View
from heard.voice.readability import readability_warning
from tests.demo_database import database_copy

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)
TINY = generator.SCALES["tiny"]
QUOTED = (View.Consent.PUBLISH, View.Consent.QUOTE_ANONYMOUSLY, View.Consent.QUOTE_FIRST_NAME)


def _generate_tiny() -> generator.Result:
    with time_machine.travel(NOW, tick=False):
        return generator.generate(scale="tiny", seed=3, today=TODAY)


@pytest.fixture(scope="module")
def generated_tiny(django_db_setup, django_db_blocker, database_copies):
    """The tiny scale, seed 3, generated once per run (tests/demo_database.py)."""
    with django_db_blocker.unblock():
        yield from database_copy(database_copies, "tiny-3-20261120", _generate_tiny)


@pytest.fixture
def tiny(generated_tiny, db):
    return generated_tiny


def snapshot() -> dict:
    """Counts and sample values that two loads with the same seed must share."""
    return {
        "counts": generator.existing_rows(),
        "references": list(YoungPerson.objects.order_by("pk").values_list("pk", "reference")[:20]),
        "people": list(
            YoungPerson.objects.order_by("pk").values_list(
                "first_name", "age_band", "organisation_id", "date_of_birth"
            )[:50]
        ),
        "groups": list(
            Group.objects.order_by("pk").values_list(
                "pk", "name", "stage", "start_date", "host_organisation_id"
            )
        ),
        "sessions": list(
            Session.objects.order_by("pk").values_list(
                "pk", "date", "kind", "group_id", "young_person_id", "organisation_id", "degree"
            )[:100]
        ),
        "attendances": sorted(
            Attendance.objects.values_list("session_id", "young_person_id", "status")
        ),
        "themes": list(Theme.objects.order_by("pk").values_list("title", "period", "lead_id")),
        "views": list(
            View.objects.order_by("pk").values_list(
                "pk", "kind", "session_id", "group_id", "consent", "status", "fed_back_on"
            )
        ),
        "responses": list(Response.objects.order_by("pk").values_list("pk", "outcome", "date")),
        "ratings": sorted(Rating.objects.values_list("response_id", "young_person_id", "value")),
        "consents": list(
            Consent.objects.order_by("pk").values_list(
                "young_person_id", "purpose", "given_by", "withdrawn_on"
            )
        ),
        "checks": list(
            BackgroundCheck.objects.order_by("pk").values_list("staff_id", "renewal_due")
        ),
        "concerns": list(Concern.objects.order_by("pk").values_list("status", "decision")),
    }


def test_tiny_scale_loads_every_model(tiny):
    staff = sum(TINY.staff.values())
    assert Organisation.objects.count() == TINY.organisations
    assert User.objects.count() == staff
    assert YoungPerson.objects.count() == TINY.young_people
    assert Group.objects.count() == TINY.groups
    assert Session.objects.count() == TINY.sessions
    assert 0.8 * TINY.attendances <= Attendance.objects.count() <= 1.2 * TINY.attendances
    assert Theme.objects.count() == TINY.years * TINY.themes_per_year
    for model in (ThemeReview, GroupTheme, StageTransition, Membership):
        assert model.objects.exists(), model
    for through in (Session.methods.through, Session.standards.through, Session.themes.through):
        assert through.objects.exists(), through
    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    assert tiny.counts["participation.Session"] == TINY.sessions
    assert View.objects.count() == TINY.extra["views"]
    assert Concern.objects.count() == TINY.extra["concerns"]
    assert Anonymisation.objects.count() == TINY.extra["erased"]
    for model in (
        Response,
        Response.views.through,
        Feedback,
        Feedback.young_people.through,
        Feedback.groups.through,
        Rating,
        View.themes.through,
        View.young_people.through,
        BackgroundCheck,
        TrainingRecord,
        Consent,
        EqualityRecord,
        BenchmarkShare,
        LeastHeardTarget,
    ):
        assert model.objects.exists(), model
    # Every kind of giver, outcome, loop status and concern state is there.
    assert View.objects.filter(young_people__isnull=False).exists()
    assert View.objects.filter(group__isnull=False, is_anonymous=False).exists()
    assert View.objects.filter(is_anonymous=True).exists()
    assert View.objects.filter(session__isnull=True).exists()
    assert set(View.objects.values_list("status", flat=True)) == set(View.Status.values)
    assert set(Response.objects.values_list("outcome", flat=True)) == set(Response.Outcome.values)
    assert set(View.objects.values_list("consent", flat=True)) == set(View.Consent.values)
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()


def test_same_seed_gives_the_same_data(tiny):
    first = snapshot()
    generator.wipe()
    assert not generator.existing_rows()
    with time_machine.travel(NOW, tick=False):
        generator.generate(scale="tiny", seed=3, today=TODAY)
    assert snapshot() == first
    generator.wipe()
    with time_machine.travel(NOW, tick=False):
        generator.generate(scale="tiny", seed=4, today=TODAY)
    assert snapshot()["people"] != first["people"]


def test_a_sample_of_every_model_passes_full_clean(tiny):
    models = (
        User,
        Organisation,
        YoungPerson,
        Theme,
        ThemeReview,
        Group,
        GroupTheme,
        StageTransition,
        Membership,
        Session,
        Attendance,
        View,
        Response,
        Feedback,
        Rating,
        BackgroundCheck,
        TrainingRecord,
        Concern,
        Consent,
        EqualityRecord,
        Anonymisation,
        BenchmarkShare,
        LeastHeardTarget,
    )
    for model in models:
        sample = list(model.objects.order_by("?")[:15])
        assert sample, model
        for row in sample:
            row.full_clean()


def test_rows_keep_the_services_rules(tiny):
    """What the services check, one row at a time, holds for every generated row."""
    assert not Session.objects.filter(date__gt=TODAY).exists()
    for session in Session.objects.select_related("group", "young_person"):
        assert (session.group is None) != (session.young_person is None)
        owner = session.group.host_organisation_id if session.group else None
        owner = owner or session.young_person.organisation_id
        assert session.organisation_id == owner
    assert not User.objects.filter(role=Role.PARTNER_WORKER, organisation__isnull=True).exists()
    for membership in Membership.objects.select_related("group", "young_person"):
        assert membership.group.start_date is not None
        assert membership.joined_on >= membership.group.start_date
        assert membership.joined_on <= TODAY
        assert membership.left_on is None or membership.joined_on <= membership.left_on <= TODAY
    for group in Group.objects.prefetch_related("transitions"):
        steps = list(group.transitions.order_by("date", "id"))
        assert steps[0].from_stage == "" and steps[0].to_stage == Group.Stage.PROPOSED
        for before, after in zip(steps, steps[1:], strict=False):
            assert after.from_stage == before.to_stage
            assert after.to_stage in Group.TRANSITIONS[before.to_stage]
        assert steps[-1].to_stage == group.stage
        assert group.stage_changed_on == steps[-1].date <= TODAY
        if group.start_date and group.planned_end_date:
            assert group.planned_end_date > group.start_date
            if group.kind == Group.Kind.BUDDY_GROUP:
                days = (group.planned_end_date - group.start_date).days
                assert days <= Group.BUDDY_GROUP_MAX_DAYS
        if group.stage not in Group.VISITED_STAGES and group.stage != Group.Stage.CLOSED:
            assert not group.sessions.exists()
    for person in YoungPerson.objects.filter(date_of_birth__isnull=False):
        assert age_band_for_age(age_on(person.date_of_birth, TODAY)) == person.age_band
    assert not ThemeReview.objects.filter(date__gt=TODAY).exists()


def test_list_pages_and_api_work_on_generated_data(tiny, client):
    # A participation officer sees everything and needs no two-factor code.
    officer = User.objects.filter(role=Role.PARTICIPATION_OFFICER).first()
    client.force_login(officer)
    pages = [
        "/home/",
        "/people/young-people/",
        "/people/organisations/",
        "/groups/themes/",
        "/groups/",
        "/groups/calendar/",
        "/sessions/",
        "/sessions/monitoring/",
        f"/groups/{Group.objects.order_by('pk').first().pk}/",
        f"/sessions/{Session.objects.order_by('pk').first().pk}/",
        "/api/v1/sessions/",
        "/api/v1/young-people/",
        "/api/v1/groups/",
        "/voice/",
        "/voice/?status=open",
        f"/voice/{View.objects.order_by('pk').first().pk}/",
        f"/voice/responses/{Response.objects.order_by('pk').first().pk}/",
        "/voice/feedback-owed/",
        "/voice/loop/",
        f"/voice/young-people/{View.young_people.through.objects.first().youngperson_id}/journey/",
        "/you-said-we-did/",
        "/api/v1/views/",
        "/api/v1/responses/",
        "/api/v1/feedback/",
        "/api/v1/loop-figures/",
        "/safeguarding/checks/",
        "/safeguarding/checks/due/",
        "/safeguarding/training/",
        "/privacy/reach/",
        "/privacy/reach/benchmarks/",
        "/privacy/reach/targets/",
        f"/privacy/young-people/{Consent.objects.order_by('pk').first().young_person_id}/",
        "/api/v1/consents/",
        "/api/v1/background-checks/",
    ]
    with time_machine.travel(NOW, tick=False):
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
        client.force_login(User.objects.filter(role=Role.SAFEGUARDING_LEAD).first())
        for path in (
            "/safeguarding/concerns/",
            f"/safeguarding/concerns/{Concern.objects.first().pk}/",
        ):
            assert client.get(path).status_code == 200, path


def test_force_also_removes_what_hangs_off_generated_rows(tiny):
    """Evidence, portal sign-in codes and two-factor devices point at generated rows: --force
    removes them too, so the next load starts from empty tables."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from heard.portal.models import SignInCode
    from heard.voice.models import Evidence

    view = View.objects.order_by("pk").first()
    person = YoungPerson.objects.order_by("pk").first()
    Evidence.objects.create(
        view=view, kind="document", file="evidence/a.pdf", content_type="application/pdf", size=1
    )
    SignInCode.objects.create(young_person=person, code_hash="x", expires_at=NOW)
    TOTPDevice.objects.create(user=User.objects.order_by("pk").first(), name="Phone")
    deleted = generator.wipe()
    assert deleted["voice.Evidence"] == deleted["portal.SignInCode"] == 1
    assert not Evidence.objects.exists() and not SignInCode.objects.exists()
    assert not TOTPDevice.objects.exists() and not generator.existing_rows()


def test_copy_text_formats_values_as_postgresql_reads_them():
    values = [
        None,
        True,
        False,
        0,
        12,
        "a\tb\nc\\d\re",
        datetime.date(2026, 4, 1),
        datetime.datetime(2026, 4, 1, 17, tzinfo=datetime.UTC),
        decimal.Decimal("12.50"),
        {"quotes": {"given": 1}},
        View.Status.FED_BACK,
        View.Status.FED_BACK,
    ]
    expected = [
        "\\N",
        "t",
        "f",
        "0",
        "12",
        "a\\tb\\nc\\\\d\\re",
        "2026-04-01",
        "2026-04-01 17:00:00+00:00",
        "12.50",
        '{"quotes": {"given": 1}}',
        "fed_back",
        "fed_back",
    ]
    assert [generator._copy_text(value) for value in values] == expected
    assert [generator._copy_value(value) for value in values] == expected


def test_references_are_distinct_and_well_formed():
    references = {generator.reference_for(index, seed=1) for index in range(50_000)}
    assert len(references) == 50_000
    assert all(len(ref) == 9 and ref.startswith("YP-") for ref in references)


def test_a_model_field_the_generator_does_not_fill_is_an_error():
    columns = [c for c in generator.YOUNG_PERSON_COLUMNS if c != "access_needs"]
    with pytest.raises(ValueError, match="missing \\['access_needs'\\]"):
        generator.TableSink(YoungPerson, columns)


def test_the_generator_covers_every_model_of_the_apps_it_knows():
    from django.apps import apps

    covered = set(generator.generated_models())
    seeded = {"participation.Method", "participation.Standard"}
    # Evidence needs a real file in storage for each row; the generator writes none.
    seeded.add("voice.Evidence")
    # Derived from the attendances by summaries.rebuild (see the test below), not generated.
    seeded.add("participation.YearlyParticipation")
    seeded.add("participation.YearlyParticipant")
    seeded.add("participation.QuarterlyParticipation")
    # Derived from the views' links by responsibility.rebuild (see the test below).
    seeded.add("voice.ViewResponsibility")
    # The values of audited changes to concerns, kept with audit entries, which it does not write.
    seeded.add("safeguarding.ConcernChange")
    # A member of staff's private calendar address is made by them, a secret of theirs.
    seeded.add("people.CalendarFeed")
    for label in ("people", "groups", "participation", "voice", "safeguarding", "privacy"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in seeded:
                continue
            assert model in covered, f"heard generate does not write {model._meta.label}"


# The later apps: what their services would have left ---------------------------------------------


def test_the_yearly_participation_summary_is_built_from_the_attendances(tiny):
    from heard.participation import summaries
    from heard.participation.models import YearlyParticipant, YearlyParticipation

    assert YearlyParticipation.objects.count() > 100
    assert YearlyParticipant.objects.filter(via_buddy_group=True).count() > 10
    assert YearlyParticipant.objects.filter(via_buddy_group=False).count() > 10
    assert summaries.differences() == (0, [])


def test_who_answers_for_which_view_is_derived_from_the_links(tiny):
    from heard.voice import responsibility
    from heard.voice.models import ViewResponsibility

    theme_leads = User.objects.filter(role=Role.THEME_LEAD)
    assert ViewResponsibility.objects.filter(user__in=theme_leads).count() > 10
    assert responsibility.differences() == (0, [])


def test_loop_figures_equal_a_recomputation_from_the_rows(tiny):
    officer = User.objects.filter(role=Role.PARTICIPATION_OFFICER).first()
    views = list(View.objects.values("status", "recorded_on", "fed_back_on"))
    responded = [v for v in views if v["status"] != View.Status.OPEN]
    fed_back = [v for v in views if v["status"] in (View.Status.FED_BACK, View.Status.RATED)]
    days = [(v["fed_back_on"] - v["recorded_on"]).days for v in views if v["fed_back_on"]]
    not_possible = Response.objects.filter(outcome=Response.Outcome.NOT_POSSIBLE)
    ratings = list(Rating.objects.values_list("value", flat=True))
    expected = {
        "views_recorded": len(views),
        "views_responded": len(responded),
        "views_fed_back": len(fed_back),
        "share_responded": len(responded) / len(views),
        "share_fed_back": len(fed_back) / len(views),
        "median_days_view_to_feedback": float(statistics.median(days)),
        "responses": Response.objects.count(),
        "not_possible_responses": not_possible.count(),
        "not_possible_with_reason": not_possible.exclude(explanation="").count(),
        "not_possible_with_reason_share": 1.0,
        "ratings": {value: ratings.count(value) for value in Rating.Value.values},
    }
    with time_machine.travel(NOW, tick=False):
        assert voice_selectors.loop_figures(user=officer) == expected
    # A realistic loop: most older views answered, most responses fed back, reasons always given.
    older = [v for v in views if (TODAY - v["recorded_on"]).days > generator.OLDER_VIEW_DAYS]
    answered = sum(v["status"] != View.Status.OPEN for v in older) / len(older)
    assert 0.55 <= answered <= 0.85
    told = Response.objects.filter(feedback__isnull=False).distinct().count()
    assert 0.65 <= told / Response.objects.count() <= 0.95
    assert not_possible.exists()


def test_every_view_status_and_date_is_what_the_services_would_set(tiny):
    """Recomputed from the rows: open until answered, responded on the response's date, fed back
    on its first feedback's date, rated once a young person whose view it is rated the response."""
    current = {
        (m.group_id, m.young_person_id) for m in Membership.objects.filter(left_on__isnull=True)
    }
    views = View.objects.prefetch_related(
        "young_people", "responses__feedback", "responses__ratings"
    )
    for view in views:
        responses = list(view.responses.all())
        assert len(responses) <= 1, view  # only open views can be answered
        if not responses:
            assert (view.status, view.responded_on, view.fed_back_on) == (
                View.Status.OPEN,
                None,
                None,
            )
            continue
        response = responses[0]
        assert view.recorded_on <= response.date <= TODAY
        assert view.responded_on == response.date
        feedback = list(response.feedback.all())
        if not feedback:
            assert (view.status, view.fed_back_on) == (View.Status.RESPONDED, None), view
            continue
        assert view.fed_back_on == min(f.date for f in feedback)
        named = {person.pk for person in view.young_people.all()}
        rated = any(
            rating.young_person_id in named or (view.group_id, rating.young_person_id) in current
            for rating in response.ratings.all()
        )
        assert view.status == (View.Status.RATED if rated else View.Status.FED_BACK), view
    assert View.objects.filter(status=View.Status.RATED).exists()


def test_responses_awaiting_feedback_are_marked_as_the_services_would(tiny):
    still = View.objects.filter(responses=OuterRef("pk"), status=View.Status.RESPONDED)
    wrong = Response.objects.annotate(expected=Exists(still)).exclude(
        awaiting_feedback=F("expected")
    )
    assert not wrong.exists()
    assert Response.objects.filter(awaiting_feedback=True).exists()
    assert Response.objects.filter(awaiting_feedback=False).exists()


def test_feedback_and_ratings_come_from_those_who_gave_the_views(tiny):
    for response in Response.objects.prefetch_related("views", "feedback", "ratings"):
        givers, groups = voice_services.givers_of(response)
        assert response.date >= max(view.recorded_on for view in response.views.all())
        for feedback in response.feedback.all():
            assert response.date <= feedback.date <= TODAY
            people = set(feedback.young_people.values_list("pk", flat=True))
            told_groups = set(feedback.groups.values_list("pk", flat=True))
            assert people or told_groups
            assert people <= givers and told_groups <= groups, feedback
        for rating in response.ratings.all():
            assert response.feedback.exists()
            theirs = voice_selectors.views_for_young_person(rating.young_person)
            assert theirs.filter(responses=response).exists(), rating
    for plain in {plain for _, _, texts in generator.RESPONSE_TEXTS for _, plain in texts} | set(
        Response.objects.values_list("plain_language", flat=True)
    ):
        assert readability_warning(plain) is None, plain


def test_the_services_accept_the_generated_loop(tiny):
    """The next steps through the real services work on generated rows."""
    officer = User.objects.filter(role=Role.PARTICIPATION_OFFICER).first()
    with time_machine.travel(NOW, tick=False):
        view = View.objects.filter(status=View.Status.OPEN).order_by("pk").first()
        response = voice_services.response_record(
            actor=officer,
            views=[view],
            decision_maker="Head of Participation",
            outcome=Response.Outcome.NOT_POSSIBLE,
            explanation="There is no money for it this year.",
            plain_language="We cannot do this now. There is no money for it.",
            date=TODAY,
        )
        waiting = (
            Response.objects.filter(views__status=View.Status.RESPONDED)
            .exclude(pk=response.pk)
            .first()
        )
        people, groups = voice_services.givers_of(waiting)
        voice_services.feedback_record(
            actor=officer,
            response=waiting,
            date=TODAY,
            channel=Feedback.Channel.IN_PERSON,
            young_people=YoungPerson.objects.filter(pk__in=people),
            groups=Group.objects.filter(pk__in=groups),
        )
        told = View.objects.filter(status=View.Status.FED_BACK, young_people__isnull=False).first()
        giver = told.young_people.first()
        voice_services.rating_give(
            young_person=giver, response=told.responses.get(), value=Rating.Value.HELPFUL
        )
    view.refresh_from_db()
    told.refresh_from_db()
    assert view.status == View.Status.RESPONDED and response.views.get() == view
    assert not View.objects.filter(responses=waiting, status=View.Status.RESPONDED).exists()
    assert told.status == View.Status.RATED


def test_staff_at_every_session_had_a_current_check(tiny):
    present = Session.staff_present.through.objects.values_list("user_id", "session__date")
    checks: dict[int, list[BackgroundCheck]] = {}
    for check in BackgroundCheck.objects.all():
        checks.setdefault(check.staff_id, []).append(check)
    for staff, day in present:
        assert any(c.is_current_on(day) for c in checks.get(staff, [])), (staff, day)
    latest: dict[int, BackgroundCheck] = {}
    for check in BackgroundCheck.objects.order_by("renewal_due"):
        assert check.issued_on <= TODAY and check.renewal_due > check.issued_on
        latest[check.staff_id] = check
    for staff, _day in present:
        assert latest[staff].is_current_on(TODAY)
    officer = User.objects.filter(role=Role.PARTICIPATION_OFFICER).first()
    due = safeguarding_selectors.checks_due(user=officer, today=TODAY)
    assert due and all(c.renewal_due <= TODAY + datetime.timedelta(days=30) for c in due)
    assert not User.objects.filter(role=Role.BOARD_MEMBER, background_checks__isnull=False).exists()
    # The service that enforces it agrees, on the oldest session with staff.
    oldest = Session.objects.filter(staff_present__isnull=False).order_by("date", "pk").first()
    with time_machine.travel(NOW, tick=False):
        logged = participation_services.session_log(
            actor=officer,
            date=oldest.date,
            kind=oldest.kind,
            degree=oldest.degree,
            participation_type=oldest.participation_type,
            group=oldest.group,
            young_person=oldest.young_person,
            staff_present=list(oldest.staff_present.all()),
        )
    assert set(logged.staff_present.all()) == set(oldest.staff_present.all())


def test_concerns_are_in_states_the_services_reach(tiny):
    leads = set(User.objects.filter(role=Role.SAFEGUARDING_LEAD).values_list("pk", flat=True))
    start_of_today = datetime.datetime.combine(TODAY, datetime.time.min, tzinfo=datetime.UTC)
    states = set()
    sessions = dict(SessionConcern.objects.values_list("concern_id", "session"))
    assert sessions
    for concern in Concern.objects.all():
        states.add(concern.status)
        concern.full_clean()
        assert concern.happened_at < concern.created_at < start_of_today
        session = Session.objects.filter(pk=sessions.get(concern.pk)).first()
        if session is not None:
            assert concern.happened_at.date() == session.date
            assert session.staff_present.filter(pk=concern.raised_by_id).exists()
            if session.young_person_id:
                assert concern.young_person_id == session.young_person_id
            elif concern.young_person_id:
                assert session.attendances.filter(
                    young_person=concern.young_person_id, status=Attendance.Status.ATTENDED
                ).exists()
        assigned = concern.status != Concern.Status.OPEN
        assert (concern.assigned_to_id in leads) == assigned
        assert (
            (concern.decision != "")
            == (concern.decided_at is not None)
            == (concern.status in (Concern.Status.DECIDED, Concern.Status.CLOSED))
        )
        assert (concern.closed_at is not None) == (concern.status == Concern.Status.CLOSED)
    assert Concern.Status.CLOSED in states and len(states) >= 2


def test_consents_keep_the_privacy_rules(tiny):
    under = Partnership.current().parent_consent_under_age
    erased = set(Anonymisation.objects.values_list("young_person_id", flat=True))
    consents = list(Consent.objects.select_related("young_person"))
    taking_part = {
        c.young_person_id
        for c in consents
        if c.purpose == Consent.Purpose.TAKING_PART and c.withdrawn_on is None
    }
    assert taking_part == set(YoungPerson.objects.values_list("pk", flat=True)) - erased
    stopped = set()
    for consent in consents:
        assert consent.given_on <= TODAY
        if consent.purpose != Consent.Purpose.TAKING_PART and (
            consent.given_by == Consent.GivenBy.YOUNG_PERSON
        ):
            assert not privacy_selectors.may_be_under(
                consent.young_person, under, on=consent.given_on
            ), consent
        if consent.withdrawn_on is None:
            assert (consent.withdrawn_by, consent.withdrawn_how) == ("", "")
        else:
            assert consent.given_on <= consent.withdrawn_on <= TODAY
            assert consent.withdrawn_by and consent.withdrawn_how
            if consent.purpose in (Consent.Purpose.QUOTES, Consent.Purpose.PUBLISHING):
                stopped.add(consent.young_person_id)
    assert stopped, "no quotes or publishing consent was withdrawn"
    # ``consent_withdraw`` made every view they gave internal.
    assert not View.objects.filter(young_people__in=stopped, consent__in=QUOTED).exists()
    # A named view is quoted or published only with every named young person's consent to it,
    # current when the view was recorded and still (``view_record``).
    needs = {
        View.Consent.QUOTE_ANONYMOUSLY: Consent.Purpose.QUOTES,
        View.Consent.QUOTE_FIRST_NAME: Consent.Purpose.QUOTES,
        View.Consent.PUBLISH: Consent.Purpose.PUBLISHING,
    }
    current = {
        (c.young_person_id, c.purpose): c.given_on for c in consents if c.withdrawn_on is None
    }
    quoted = View.objects.filter(consent__in=QUOTED).prefetch_related("young_people")
    for view in quoted:
        for person in view.young_people.all():
            given = current.get((person.pk, needs[view.consent]))
            assert given is not None and given <= view.recorded_on, (view, person)
        if not view.young_people.all():
            assert view.consent != View.Consent.QUOTE_FIRST_NAME, view
    # Equality records only with a current consent (withdrawing deletes the record).
    for record in EqualityRecord.objects.select_related("young_person"):
        assert privacy_selectors.consent_current(record.young_person, Consent.Purpose.EQUALITY_DATA)
        assert record.gender == Gender.ANOTHER_WAY or record.gender_description == ""
    # Erased young people: anonymised, with no consents or equality data left.
    for person in YoungPerson.objects.filter(pk__in=erased):
        for name, value in PERSONAL_FIELDS.items():
            assert getattr(person, name) == value
        assert not Consent.objects.filter(young_person=person).exists()
        assert not Membership.objects.filter(young_person=person).exists()
        assert not Attendance.objects.filter(young_person=person).exists()
    # Benchmarks for the partnership and for every area the young people live in.
    areas = set(BenchmarkShare.objects.values_list("area", flat=True))
    assert (
        "" in areas
        and set(YoungPerson.objects.exclude(area="").values_list("area", flat=True)) <= areas
    )
    officer = User.objects.filter(role=Role.PARTICIPATION_OFFICER).first()
    start = datetime.date(2026, 4, 1)
    reach = privacy_selectors.reach(user=officer, start=start, end=TODAY)
    assert reach.least_heard and reach.took_part
