"""``ViewResponsibility``: who answers for which view, kept by the services that change the links
(views, groups, themes, sessions) and the loop, filled by the migration, read by a theme lead's
overdue lists."""

import datetime
import importlib
import random

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.roles import Role
from heard.groups import services as group_services
from heard.groups.models import GroupTheme
from heard.participation import services as participation_services
from heard.voice import responsibility, selectors, services
from heard.voice.models import Response, View, ViewResponsibility
from tests import factories
from tests.voice.conftest import SESSION_DAY

LATER = datetime.date(2026, 12, 31)


def kept():
    return set(
        ViewResponsibility.objects.values_list("user_id", "view_id", "status", "recorded_on")
    )


def from_the_links():
    """What the rows must be, worked out in Python from each view's links: the leads of its
    themes; the leads of its session's group and of that group's themes; the leads of its own
    group's themes."""
    expected = set()
    views = View.objects.select_related("session__group", "group").prefetch_related(
        "themes",
        "session__group__leads",
        "session__group__theme_links__theme",
        "group__theme_links__theme",
    )
    for view in views:
        users = {theme.lead_id for theme in view.themes.all()}
        session_group = view.session.group if view.session else None
        if session_group is not None:
            users |= {user.pk for user in session_group.leads.all()}
            users |= {link.theme.lead_id for link in session_group.theme_links.all()}
        if view.group is not None:
            users |= {link.theme.lead_id for link in view.group.theme_links.all()}
        expected |= {(user, view.pk, view.status, view.recorded_on) for user in users if user}
    return expected


def respond(views):
    return services.response_record(
        actor=None,
        views=views,
        decision_maker="Head of Youth Services",
        outcome=Response.Outcome.CHANGED,
        explanation="The club now opens on Saturdays.",
        plain_language="The club is open on Saturdays now.",
        date=datetime.date(2026, 11, 10),
    )


@pytest.fixture
def world(organisation, theme, other_theme, group, session, members, make_user):
    """Two themes, three groups (one on the theme, one led, one neither), staff to lead them."""
    leads = [make_user(Role.THEME_LEAD) for _ in range(2)] + [make_user(Role.PARTICIPATION_OFFICER)]
    led = factories.GroupFactory(host_organisation=organisation, name="Led group")
    led.leads.set([leads[0]])
    plain = factories.GroupFactory(host_organisation=organisation, name="Plain group")
    sessions = [session] + [
        factories.SessionFactory(group=g, date=SESSION_DAY) for g in (led, plain, led)
    ]
    return {
        "themes": [theme, other_theme],
        "groups": [group, led, plain],
        "sessions": sessions,
        "staff": leads,
        "members": members,
    }


@pytest.mark.django_db
class TestKeptByTheServices:
    def test_a_view_of_a_theme_and_a_group_session(self, theme_lead, world, session, theme):
        view = services.view_record(
            actor=None, text="More buses", session=session, themes=[theme], is_anonymous=True
        )
        assert kept() == {(theme_lead.pk, view.pk, View.Status.OPEN, session.date)}
        respond([view])
        assert kept() == {(theme_lead.pk, view.pk, View.Status.RESPONDED, session.date)}
        assert kept() == from_the_links()

    def test_a_random_history_keeps_it_in_step(self, world):
        rng = random.Random(7)  # noqa: S311 - test data
        themes, groups, sessions, staff = (
            world["themes"],
            world["groups"],
            world["sessions"],
            world["staff"],
        )
        actions = [
            "view",
            "view",
            "edit view",
            "leads",
            "group themes",
            "theme lead",
            "move session",
            "respond",
        ]
        for step in range(60):
            action = rng.choice(actions)
            views = list(View.objects.all())
            if action == "view" or not views:
                services.view_record(
                    actor=None,
                    text=f"Step {step}",
                    session=rng.choice(sessions),
                    group=rng.choice([None, *groups]),
                    is_anonymous=True,
                    themes=rng.sample(themes, rng.randint(0, 2)),
                )
            elif action == "edit view":
                services.view_update(
                    actor=None,
                    view=rng.choice(views),
                    themes=rng.sample(themes, rng.randint(0, 2)),
                    group=rng.choice([None, *groups]),
                    recorded_on=SESSION_DAY + datetime.timedelta(days=rng.randint(0, 20)),
                )
            elif action == "leads":
                group_services.group_update(
                    actor=None, group=rng.choice(groups), leads=rng.sample(staff, rng.randint(0, 2))
                )
            elif action == "group themes":
                chosen = rng.sample(themes, rng.randint(0, 2))
                group_services.group_update(
                    actor=None,
                    group=rng.choice(groups),
                    themes=[(theme, GroupTheme.Relationship.WORKING_ON) for theme in chosen],
                )
            elif action == "theme lead":
                group_services.theme_update(
                    actor=None, theme=rng.choice(themes), lead=rng.choice([None, *staff])
                )
            elif action == "move session":
                participation_services.session_update(
                    actor=None, session=rng.choice(sessions[1:]), group=rng.choice(groups)
                )
            elif action == "respond":
                still_open = [view for view in views if view.status == View.Status.OPEN]
                if still_open:
                    respond(rng.sample(still_open, min(2, len(still_open))))
            assert kept() == from_the_links(), f"after step {step} ({action})"
        assert kept()
        assert responsibility.differences() == (0, [])


@pytest.mark.django_db
def test_the_migration_fills_it_from_the_links(world, session, theme):
    services.view_record(actor=None, text="x", session=session, themes=[theme], is_anonymous=True)
    services.view_record(actor=None, text="y", session=world["sessions"][1], is_anonymous=True)
    expected = kept()
    assert len(expected) == 2
    ViewResponsibility.objects.all().delete()
    migration = importlib.import_module("heard.voice.migrations.0006_view_responsibility")
    migration.fill(apps, None)
    assert kept() == expected == from_the_links()


@pytest.mark.django_db
def test_check_finds_a_difference_and_rebuild_mends_it(world, session, theme, capsys):
    services.view_record(actor=None, text="x", session=session, themes=[theme], is_anonymous=True)
    call_command("responsibilities", "--check")
    ViewResponsibility.objects.update(status=View.Status.RATED)
    with pytest.raises(CommandError, match="differ from the themes' and groups' links in 2 rows"):
        call_command("responsibilities", "--check")
    assert "missing" in capsys.readouterr().out
    call_command("responsibilities", "--rebuild")
    assert kept() == from_the_links()
    call_command("responsibilities", "--check")


@pytest.mark.django_db
class TestReadByTheOverdueLists:
    def test_a_theme_lead_sees_the_views_they_answer_for_oldest_first(
        self, theme_lead, world, session, theme
    ):
        led_session = world["sessions"][1]
        group_services.group_update(actor=None, group=world["groups"][1], leads=[theme_lead])
        ours = [
            services.view_record(
                actor=None,
                text="a",
                session=session,
                is_anonymous=True,
                recorded_on=SESSION_DAY + datetime.timedelta(days=2),
            ),
            services.view_record(
                actor=None,
                text="b",
                session=led_session,
                is_anonymous=True,
                recorded_on=SESSION_DAY + datetime.timedelta(days=1),
            ),
        ]
        services.view_record(
            actor=None, text="not ours", session=world["sessions"][2], is_anonymous=True
        )
        overdue = selectors.loop_overdue(user=theme_lead, today=LATER)
        assert list(overdue["views_awaiting_response"]) == [ours[1], ours[0]]
        assert overdue["views_awaiting_response"].count() == 2
        response = respond(ours[:1])
        overdue = selectors.loop_overdue(user=theme_lead, today=LATER)
        assert list(overdue["views_awaiting_response"]) == [ours[1]]
        assert list(overdue["responses_awaiting_feedback"]) == [response]
        # The theme passes to another lead: the views of its groups' sessions go with it.
        group_services.theme_update(actor=None, theme=theme, lead=world["staff"][0])
        overdue = selectors.loop_overdue(user=theme_lead, today=LATER)
        assert list(overdue["views_awaiting_response"]) == [ours[1]]
        assert list(overdue["responses_awaiting_feedback"]) == []
