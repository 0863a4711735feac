"""The demo partnership: loaded through the services, complete, idempotent and deterministic, with
voice records in every Spotlight area at every loop stage and loop figures that match them."""

import datetime
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand, Role
from heard.demo import data
from heard.demo.loader import load_demo
from heard.groups.models import Group, Membership, StageTransition, Theme, ThemeReview
from heard.groups.selectors import overdue_groups
from heard.participation.models import (
    ACTIVE_DEGREES,
    Attendance,
    ParticipationType,
    Session,
)
from heard.participation.selectors import home_counts
from heard.people.models import Organisation, User, YoungPerson
from heard.voice import selectors as voice_selectors
from heard.voice.models import Response, View
from tests import demo_database
from tests.demo_database import NOW, TODAY
from tests.voice.test_selectors import _recompute

SPOTLIGHT_AREAS = {
    "Youth justice and anti-social behaviour",
    "Asylum and trafficking",
    "A fair life",
    "Mental health",
    "Enjoying education and leisure",
    "Staying safe",
}
NOTTINGHAM_COUNCILS = {
    Group.Kind.YOUTH_COUNCIL,
    Group.Kind.YOUTH_CABINET,
    Group.Kind.PRIMARY_PARLIAMENT,
    Group.Kind.CHILDREN_IN_CARE_COUNCIL,
}
#: Every model the demo writes to: a second load must change none of their counts.
MODELS = (
    User,
    Organisation,
    YoungPerson,
    Theme,
    ThemeReview,
    Group,
    StageTransition,
    Membership,
    Session,
    Attendance,
    AuditEntry,
)

#: The shared fixture (tests/conftest.py), named here too: tests/indicators imports it from here.
loaded_demo = demo_database.loaded_demo


@pytest.fixture
def demo(loaded_demo, db):
    with time_machine.travel(NOW, tick=False):
        yield loaded_demo


def model_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loads_the_six_spotlight_areas_each_with_two_or_more_buddy_groups(demo):
    assert demo.created
    themes = Theme.objects.filter(period="2026-27")
    assert {theme.title for theme in themes} == SPOTLIGHT_AREAS
    for theme in themes:
        assert theme.lead is not None and theme.lead.role == Role.THEME_LEAD
        buddy_groups = theme.groups.filter(kind=Group.Kind.BUDDY_GROUP)
        assert buddy_groups.count() >= 2, theme.title
        assert buddy_groups.filter(stage__in=Group.ESTABLISHED_STAGES).count() >= 2, theme.title
    buddy = Group.objects.filter(kind=Group.Kind.BUDDY_GROUP)
    assert set(buddy.values_list("stage", flat=True)) <= {
        Group.Stage.PLANNING,
        Group.Stage.ESTABLISHED,
        Group.Stage.ACTIVE,
    }
    assert buddy.filter(stage=Group.Stage.PLANNING).exists()
    for group in buddy:
        assert group.cadence == Group.Cadence.MONTHLY
        assert TODAY - datetime.timedelta(days=365) <= group.start_date < TODAY
        assert group.start_date < group.planned_end_date
        assert (group.planned_end_date - group.start_date).days <= Group.BUDDY_GROUP_MAX_DAYS
        # The lifecycle was walked, one dated move at a time.
        assert group.transitions.count() >= 3


def test_loads_nottingham_cambridgeshire_and_norfolk(demo):
    nottingham = Group.objects.filter(
        host_organisation__name="Nottingham City Council Participation Team"
    )
    assert set(nottingham.values_list("kind", flat=True)) == NOTTINGHAM_COUNCILS
    for group in nottingham:
        assert group.cadence in (Group.Cadence.TERMLY, Group.Cadence.TWICE_TERMLY)
    assert Group.objects.get(kind=Group.Kind.YOUTH_ASSEMBLY).host_organisation.area == (
        "Cambridgeshire"
    )
    norfolk = Group.objects.filter(host_organisation__area="Norfolk")
    assert norfolk.filter(kind=Group.Kind.YOUNG_COMMISSIONERS).exists()
    assert norfolk.filter(kind=Group.Kind.CHILDREN_IN_CARE_COUNCIL).exists()


def test_young_people_are_spread_across_bands_groups_and_needs(demo):
    assert 120 <= YoungPerson.objects.count() <= 200
    bands_in = {
        kind: set(
            YoungPerson.objects.filter(memberships__group__kind=kind).values_list(
                "age_band", flat=True
            )
        )
        for kind in (
            Group.Kind.PRIMARY_PARLIAMENT,
            Group.Kind.CHILDREN_IN_CARE_COUNCIL,
            Group.Kind.YOUTH_ASSEMBLY,
        )
    }
    assert bands_in[Group.Kind.PRIMARY_PARLIAMENT] == {AgeBand.UNDER_8, AgeBand.AGE_8_10}
    assert bands_in[Group.Kind.CHILDREN_IN_CARE_COUNCIL] <= {
        AgeBand.AGE_11_13,
        AgeBand.AGE_14_15,
        AgeBand.AGE_16_17,
    }
    assert AgeBand.AGE_18_25 in bands_in[Group.Kind.YOUTH_ASSEMBLY]
    assert set(YoungPerson.objects.values_list("age_band", flat=True)) == set(AgeBand.values)
    groups_each = Counter(Membership.objects.values_list("young_person", flat=True))
    assert len(groups_each) == YoungPerson.objects.count()
    assert set(groups_each.values()) == {1, 2}
    assert YoungPerson.objects.filter(
        communication_needs="British Sign Language interpreter"
    ).exists()
    assert YoungPerson.objects.filter(access_needs__icontains="Wheelchair access").exists()
    assert 5 <= YoungPerson.objects.exclude(communication_needs="", access_needs="").count() <= 40
    assert not YoungPerson.objects.filter(possible_duplicate_of__isnull=False).exists()


def test_the_participation_log_covers_ten_months_with_varied_sessions(demo):
    sessions = Session.objects.all()
    assert sessions.filter(date__lt=TODAY - datetime.timedelta(days=270)).exists()
    assert not sessions.filter(date__gt=TODAY).exists()
    assert not sessions.filter(date__lt=TODAY - datetime.timedelta(days=365)).exists()
    degrees = Counter(sessions.values_list("degree", flat=True))
    assert sum(degrees[d] for d in ACTIVE_DEGREES) > len(sessions) / 2
    assert degrees["consulted_informed"] and degrees["assigned_informed"]
    types = Counter(sessions.values_list("participation_type", flat=True))
    assert types[ParticipationType.PUBLIC] > types[ParticipationType.SOCIAL] > 0
    individual = sessions.filter(participation_type=ParticipationType.INDIVIDUAL)
    assert individual.exists()
    assert all(s.young_person and s.kind == Session.Kind.ONE_TO_ONE_REVIEW for s in individual)
    assert 0 < sessions.filter(monitoring_form_complete=False).count() <= 20
    statuses = Counter(Attendance.objects.values_list("status", flat=True))
    assert statuses[Attendance.Status.ATTENDED] > 5 * statuses[Attendance.Status.APOLOGIES] > 0
    assert not sessions.filter(methods__isnull=True).exists()
    assert not sessions.filter(standards__isnull=True).exists()
    assert not sessions.filter(group__kind=Group.Kind.BUDDY_GROUP, themes__isnull=True).exists()
    # Every attendee was a member of the group on the day.
    spells: dict[tuple[int, int], list[tuple[datetime.date, datetime.date]]] = {}
    for membership in Membership.objects.all():
        spells.setdefault((membership.group_id, membership.young_person_id), []).append(
            (membership.joined_on, membership.left_on or TODAY)
        )
    for group_id, young_person_id, day in Attendance.objects.filter(
        session__group__isnull=False
    ).values_list("session__group_id", "young_person_id", "session__date"):
        assert any(
            joined <= day <= left for joined, left in spells.get((group_id, young_person_id), [])
        )


def test_some_groups_are_overdue_for_a_visit(demo):
    lead = User.objects.get(email=data.LEAD_EMAIL)
    overdue = {group.name for group in overdue_groups(user=lead, today=TODAY)}
    assert {"Second Chance Buddy Group", "Open Door Buddy Group"} <= overdue
    assert len(overdue) <= 4
    theme_lead = User.objects.get(email=data.THEME_LEAD_EMAIL)
    assert [g.name for g in overdue_groups(user=theme_lead, today=TODAY)] == [
        "Open Door Buddy Group"
    ]
    counts = home_counts(user=lead, today=TODAY)
    assert counts["overdue_visits"] == len(overdue)
    assert counts["incomplete_monitoring_forms"] > 0
    assert counts["active_via_buddy_groups"] > 50


def test_everything_is_audited_as_the_system(demo):
    for model, label in (
        (Organisation, "people.organisation"),
        (User, "people.user"),
        (YoungPerson, "people.youngperson"),
        (Theme, "groups.theme"),
        (Group, "groups.group"),
        (Membership, "groups.membership"),
        (Session, "participation.session"),
    ):
        created = AuditEntry.objects.filter(object_type=label, action=AuditEntry.Action.CREATE)
        assert created.count() == model.objects.count(), label
    assert not AuditEntry.objects.filter(actor__isnull=False).exists()


def test_one_login_per_role_can_sign_in(demo, client):
    assert [login.role for login in demo.logins] == list(Role.labels)
    for login in demo.logins:
        user = User.objects.get(email=login.email)
        assert user.get_role_display() == login.role
        assert len(login.password) >= 12
        assert client.login(email=login.email, password=login.password), login.email
        client.logout()
    theme_lead = User.objects.get(role=Role.THEME_LEAD, email=data.THEME_LEAD_EMAIL)
    assert theme_lead.led_themes.filter(title__in=SPOTLIGHT_AREAS).exists()
    partner = User.objects.get(email=data.PARTNER_EMAIL)
    assert partner.organisation.hosted_groups.filter(kind=Group.Kind.BUDDY_GROUP).exists()
    # The other theme leads exist but cannot sign in.
    others = User.objects.filter(role=Role.THEME_LEAD).exclude(pk=theme_lead.pk)
    assert others.count() == 5
    assert not any(user.has_usable_password() for user in others)


def test_a_second_run_creates_nothing_and_prints_the_logins(demo):
    before = model_counts()
    again = load_demo(today=TODAY)
    assert not again.created
    assert again.logins == demo.logins
    assert model_counts() == before
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert all(login.email in out.getvalue() for login in demo.logins)
    assert model_counts() == before


# --- The demo's voice records (one load of the demo for this module: a load takes seconds) -------


def test_views_in_all_six_spotlight_areas_at_every_stage(demo):
    themes = set(View.objects.values_list("themes__title", flat=True))
    assert themes == SPOTLIGHT_AREAS
    # 24 from the voice loader, and the annual event budget round's (issue 19, M17).
    assert View.objects.count() == 25 == demo.counts["views"]
    statuses = set(View.objects.values_list("status", flat=True))
    assert statuses == {"open", "responded", "fed_back", "rated"}
    not_possible = Response.objects.filter(outcome="not_possible")
    assert not_possible.count() >= 3
    assert all(response.explanation for response in not_possible)
    assert View.objects.filter(consent="publish").exists()
    assert demo.counts["ratings"] >= 6


def test_loop_figures_match_the_records(demo):
    lead = User.objects.filter(role=Role.PARTICIPATION_LEAD).first()
    figures = voice_selectors.loop_figures(user=lead)
    assert figures == _recompute(View.objects.all())
    assert figures["not_possible_with_reason_share"] == 1.0
    board = User.objects.filter(role=Role.BOARD_MEMBER).first()
    assert voice_selectors.loop_figures(user=board) == figures
