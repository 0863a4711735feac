"""``Response.awaiting_feedback``: kept by the loop services, filled by the migration, read by the
"still owed feedback" list and the home page's overdue responses."""

import datetime
import importlib
import random

import pytest
from django.apps import apps
from django.db.models import Exists, OuterRef

from heard.voice import selectors, services
from heard.voice.models import Response, View
from tests import factories
from tests.voice.conftest import SESSION_DAY

RESPONSE_DAY = datetime.date(2026, 10, 20)
FEEDBACK_DAY = datetime.date(2026, 11, 2)
LATER = datetime.date(2026, 12, 31)


def respond(views, day=RESPONSE_DAY):
    return services.response_record(
        actor=None,
        views=views,
        decision_maker="Head of Youth Services",
        outcome=Response.Outcome.CHANGED,
        explanation="The club now opens on Saturdays.",
        plain_language="The club is open on Saturdays now.",
        date=day,
    )


def feed_back(response, group):
    return services.feedback_record(
        actor=None, response=response, date=FEEDBACK_DAY, channel="letter", groups=[group]
    )


def flags():
    return dict(Response.objects.values_list("pk", "awaiting_feedback"))


def from_the_views():
    """What the flag must be: whether any of the response's views is still responded."""
    still = View.objects.filter(responses=OuterRef("pk"), status=View.Status.RESPONDED)
    return dict(Response.objects.annotate(expected=Exists(still)).values_list("pk", "expected"))


@pytest.mark.django_db
class TestKeptByTheServices:
    def test_respond_then_feed_back_then_rate(self, session, group, members):
        views = [
            services.view_record(
                actor=None, text=f"View {i}", session=session, young_people=[members[i]]
            )
            for i in range(3)
        ]
        first = respond(views[:2])
        second = respond(views[2:])
        assert first.awaiting_feedback is True
        assert flags() == {first.pk: True, second.pk: True}
        feed_back(first, group)
        assert flags() == {first.pk: False, second.pk: True}
        services.rating_give(young_person=members[0], response=first, value="helpful")
        assert flags() == {first.pk: False, second.pk: True}
        # Feedback again (to say more) changes nothing.
        feed_back(first, group)
        assert flags() == {first.pk: False, second.pk: True}

    def test_a_refused_response_leaves_nothing(self, session):
        view = services.view_record(actor=None, text="x", session=session, is_anonymous=True)
        with pytest.raises(Exception):  # noqa: B017, PT011 - the validation is tested elsewhere
            respond([view], day=SESSION_DAY - datetime.timedelta(days=1))
        assert flags() == {}

    def test_a_random_history_keeps_it_in_step(self, session, group, members):
        rng = random.Random(6)  # noqa: S311 - test data
        for step in range(40):
            action = rng.choice(["view", "view", "respond", "feed back", "rate"])
            open_views = list(View.objects.filter(status=View.Status.OPEN))
            owed = list(Response.objects.filter(awaiting_feedback=True))
            fed = list(Response.objects.filter(awaiting_feedback=False))
            if action == "view" or not open_views and action == "respond":
                services.view_record(actor=None, text=f"Step {step}", session=session, group=group)
            elif action == "respond":
                respond(rng.sample(open_views, rng.randint(1, min(3, len(open_views)))))
            elif action == "feed back" and owed:
                feed_back(rng.choice(owed), group)
            elif action == "rate" and fed:
                services.rating_give(
                    young_person=rng.choice(members), response=rng.choice(fed), value="helpful"
                )
            assert flags() == from_the_views(), f"after step {step} ({action})"
        assert any(flags().values()) and not all(flags().values())


@pytest.mark.django_db
def test_the_migration_fills_it_from_the_views(session, group):
    views = [
        services.view_record(actor=None, text=f"{i}", session=session, group=group)
        for i in range(3)
    ]
    owed, told = respond(views[:1]), respond(views[1:])
    feed_back(told, group)
    Response.objects.update(awaiting_feedback=False)
    migration = importlib.import_module("heard.voice.migrations.0005_awaiting_feedback")

    class Editor:
        from django.db import connection

    migration.fill(apps, Editor())
    assert flags() == {owed.pk: True, told.pk: False}


@pytest.mark.django_db
class TestReadBySelectors:
    """The lists read the flag: a response whose flag says "told" is not listed, even with a view
    still responded (which the services never leave)."""

    @pytest.fixture
    def two(self, session, group):
        views = [
            services.view_record(actor=None, text=f"{i}", session=session, group=group)
            for i in range(2)
        ]
        return respond(views[:1]), respond(views[1:])

    @pytest.mark.parametrize("role", ["officer", "theme_lead", "partner_worker"])
    def test_feedback_owed_and_the_overdue_list(self, request, role, two):
        user = request.getfixturevalue(role)
        owed, flagged_told = two
        Response.objects.filter(pk=flagged_told.pk).update(awaiting_feedback=False)
        assert list(selectors.feedback_owed(user=user, today=LATER)) == [owed]
        overdue = selectors.loop_overdue(user=user, today=LATER)["responses_awaiting_feedback"]
        assert list(overdue) == [owed]

    def test_a_partner_worker_sees_only_responses_owed_to_their_own(
        self, partner_worker, officer, two, other_session
    ):
        elsewhere = respond(
            [services.view_record(actor=None, text="x", session=other_session, is_anonymous=True)]
        )
        assert set(selectors.feedback_owed(user=officer, today=LATER)) == {*two, elsewhere}
        assert set(selectors.feedback_owed(user=partner_worker, today=LATER)) == set(two)
        overdue = selectors.loop_overdue(user=partner_worker, today=LATER)
        assert set(overdue["responses_awaiting_feedback"]) == set(two)


def test_factories_keep_it_too(db):
    view = factories.ViewFactory(status=View.Status.RESPONDED)
    assert factories.ResponseFactory(views=[view]).awaiting_feedback is True
    told = factories.ViewFactory(status=View.Status.FED_BACK)
    assert factories.ResponseFactory(views=[told]).awaiting_feedback is False
