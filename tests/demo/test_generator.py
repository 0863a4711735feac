"""The bulk data generator: loads, is deterministic, and writes rows the services would accept."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from heard.core.roles import Role, age_band_for_age
from heard.demo import generator
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview
from heard.participation.models import Attendance, Session
from heard.people.models import Organisation, User, YoungPerson
from heard.people.services import age_on

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)
TINY = generator.SCALES["tiny"]


@pytest.fixture
def tiny(db):
    with time_machine.travel(NOW, tick=False):
        return generator.generate(scale="tiny", seed=3, today=TODAY)


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
    ]
    with time_machine.travel(NOW, tick=False):
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path


def test_the_command_refuses_a_database_with_data_unless_forced(db):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("generate", scale="tiny", today=TODAY, stdout=out)
        people = list(YoungPerson.objects.values_list("reference", flat=True))
        with pytest.raises(CommandError, match="already holds .* Nothing was written"):
            call_command("generate", scale="tiny", seed=9, today=TODAY, stdout=StringIO())
        assert list(YoungPerson.objects.values_list("reference", flat=True)) == people
        forced = StringIO()
        call_command("generate", scale="tiny", seed=9, force=True, today=TODAY, stdout=forced)
    assert "--force: deleted" in forced.getvalue()
    assert YoungPerson.objects.count() == TINY.young_people
    assert set(YoungPerson.objects.values_list("reference", flat=True)) != set(people)
    assert "Generated the tiny scale" in out.getvalue()


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
    for label in ("people", "groups", "participation"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in seeded:
                continue
            assert model in covered, f"heard generate does not write {model._meta.label}"
