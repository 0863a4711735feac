import datetime
import random
import statistics

import pytest
from django.db import connection
from django.utils import timezone

from heard.core.roles import Role
from heard.people.models import YoungPerson
from heard.voice import selectors, services
from heard.voice.models import Rating, Response, View
from tests import factories
from tests.voice.conftest import SESSION_DAY


def _respond(views, day, outcome="changed", explanation="Done."):
    return services.response_record(
        actor=None,
        views=views,
        decision_maker="Board",
        outcome=outcome,
        explanation=explanation,
        plain_language="We did it.",
        date=day,
    )


def _build_loop(session, group, theme, n, seed=1):
    """n views over October, a mix of open, responded, fed back and rated."""
    rng = random.Random(seed)
    members = list(group.memberships.values_list("young_person", flat=True))
    for i in range(n):
        day = SESSION_DAY + datetime.timedelta(days=rng.randint(0, 20))
        view = services.view_record(
            actor=None,
            text=f"v{i}",
            session=session,
            group=group,
            recorded_on=day,
            themes=[theme] if i % 2 else [],
        )
        stage = i % 4
        if stage == 0:
            continue
        response = _respond(
            [view],
            day + datetime.timedelta(days=rng.randint(1, 9)),
            outcome="not_possible" if i % 3 == 0 else "changed",
            explanation="No budget." if i % 3 == 0 else "Done.",
        )
        if stage == 1:
            continue
        services.feedback_record(
            actor=None,
            response=response,
            date=response.date + datetime.timedelta(days=rng.randint(0, 12)),
            channel="in_person",
            groups=[group],
        )
        if stage == 3 and members:
            services.rating_give(
                young_person=YoungPerson.objects.get(pk=members[0]),
                response=response,
                value=["helpful", "not_sure", "not_helpful"][i % 3],
            )


def _recompute(views):
    """The loop figures worked out in Python, row by row."""
    views = list(views)
    responded = [v for v in views if v.status != View.Status.OPEN]
    fed_back = [v for v in views if v.status in (View.Status.FED_BACK, View.Status.RATED)]
    days = [(v.fed_back_on - v.recorded_on).days for v in views if v.fed_back_on]
    responses = {r for v in views for r in v.responses.all()}
    not_possible = [r for r in responses if r.outcome == "not_possible"]
    ratings = [rt for r in responses for rt in r.ratings.all()]
    return {
        "views_recorded": len(views),
        "views_responded": len(responded),
        "views_fed_back": len(fed_back),
        "share_responded": len(responded) / len(views) if views else None,
        "share_fed_back": len(fed_back) / len(views) if views else None,
        "median_days_view_to_feedback": float(statistics.median(days)) if days else None,
        "responses": len(responses),
        "not_possible_responses": len(not_possible),
        "not_possible_with_reason": len([r for r in not_possible if r.explanation]),
        "not_possible_with_reason_share": 1.0 if not_possible else None,
        "ratings": {
            value: len([rt for rt in ratings if rt.value == value]) for value in Rating.Value.values
        },
    }


@pytest.fixture
def members(group):
    return [factories.MembershipFactory(group=group).young_person for _ in range(2)]


@pytest.mark.parametrize("n", [1, 2, 7, 12])
def test_loop_figures_match_the_records(officer, session, group, theme, members, n):
    _build_loop(session, group, theme, n)
    assert selectors.loop_figures(user=officer) == _recompute(View.objects.all())
    themed = selectors.loop_figures(user=officer, theme=theme)
    assert themed == _recompute(View.objects.filter(themes=theme))
    start, end = datetime.date(2026, 10, 5), datetime.date(2026, 10, 15)
    assert selectors.loop_figures(user=officer, start=start, end=end) == _recompute(
        View.objects.filter(recorded_on__range=(start, end))
    )


def test_loop_figures_when_empty(officer):
    figures = selectors.loop_figures(user=officer)
    assert figures["views_recorded"] == 0
    assert figures["share_responded"] is None
    assert figures["median_days_view_to_feedback"] is None


def test_loop_figures_fixed_queries(
    officer, session, group, theme, members, django_assert_max_num_queries, count_queries
):
    _build_loop(session, group, theme, 2)
    few, _ = count_queries(lambda: selectors.loop_figures(user=officer, theme=theme))
    _build_loop(session, group, theme, 20, seed=2)
    many, _ = count_queries(lambda: selectors.loop_figures(user=officer, theme=theme))
    assert few == many
    with django_assert_max_num_queries(4):
        selectors.loop_figures(
            user=officer, theme=theme, group=group, organisation=group.host_organisation
        )


def _insert_views(total, organisation, theme):
    """Insert ``total`` views tagged with ``theme`` in two SQL statements (fast on both databases).

    Even rows are open; odd rows were fed back (i % 10) days after they were given.
    """
    View.objects.create(text="seed", organisation=organisation, recorded_on=SESSION_DAY)
    View.objects.all().delete()
    dates = [SESSION_DAY + datetime.timedelta(days=d) for d in range(10)]
    fed_back = "CASE n.i %% 10 " + " ".join(f"WHEN {d} THEN %s" for d in range(10)) + " END"
    table, through = View._meta.db_table, View.themes.through._meta.db_table
    with connection.cursor() as cursor:
        # Table names come from the models; every value is a parameter.
        cursor.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "  # noqa: S608
            f"INSERT INTO {table} (created_at, updated_at, kind, text, organisation_id, "
            "recorded_on, is_anonymous, consent, status, responded_on, fed_back_on) "
            "SELECT %s, %s, 'view', 'bulk', %s, %s, %s, 'internal', "
            "CASE WHEN n.i %% 2 = 1 THEN 'fed_back' ELSE 'open' END, "
            "CASE WHEN n.i %% 2 = 1 THEN %s END, "
            f"CASE WHEN n.i %% 2 = 1 THEN {fed_back} END FROM n",
            [
                total,
                timezone.now(),
                timezone.now(),
                organisation.pk,
                SESSION_DAY,
                False,
                SESSION_DAY,
                *dates,
            ],
        )
        cursor.execute(
            f"INSERT INTO {through} (view_id, theme_id) SELECT id, %s FROM {table}",  # noqa: S608
            [theme.pk],
        )


def test_loop_figures_for_a_theme_with_100000_views(officer, theme, organisation, count_queries):
    """The acceptance test: a theme with 100,000 views still costs a fixed few queries."""
    total = 100_000
    _insert_views(total, organisation, theme)
    queries, figures = count_queries(lambda: selectors.loop_figures(user=officer, theme=theme))
    assert queries <= 4
    assert figures["views_recorded"] == total
    assert figures["share_fed_back"] == 0.5
    assert figures["median_days_view_to_feedback"] == 5.0
    few, _ = count_queries(
        lambda: selectors.loop_figures(user=officer, theme=factories.ThemeFactory())
    )
    assert few <= queries


def test_board_member_gets_figures_but_never_views(board_member, session, group):
    services.view_record(actor=None, text="secret", session=session, group=group)
    assert selectors.views_visible_to(board_member).count() == 0
    assert selectors.responses_visible_to(board_member).count() == 0
    assert selectors.loop_figures(user=board_member)["views_recorded"] == 1


def test_partner_worker_figures_cover_own_organisation(
    partner_worker, session, group, other_session
):
    services.view_record(actor=None, text="ours", session=session, group=group)
    services.view_record(actor=None, text="theirs", session=other_session, is_anonymous=True)
    assert selectors.loop_figures(user=partner_worker)["views_recorded"] == 1
    assert [v.text for v in selectors.views_visible_to(partner_worker)] == ["ours"]


def test_partner_sees_only_own_views_of_a_shared_response(
    partner_worker, session, group, other_session
):
    ours = services.view_record(actor=None, text="ours", session=session, group=group)
    theirs = services.view_record(
        actor=None, text="theirs", session=other_session, is_anonymous=True
    )
    response = _respond([ours, theirs], datetime.date(2026, 10, 20))
    (seen,) = selectors.responses_visible_to(partner_worker)
    assert seen == response
    assert list(seen.views.all()) == [ours]


def test_list_selectors_fixed_queries(officer, session, group, members, theme, count_queries):
    def run():
        for item in selectors.responses_visible_to(officer):
            list(item.views.all())
            list(item.feedback.all())
        for view in selectors.views_visible_to(officer):
            list(view.themes.all())
            list(view.young_people.all())
        list(selectors.feedback_owed(user=officer, today=datetime.date(2026, 11, 20)))

    def make(n):
        for i in range(n):
            view = services.view_record(
                actor=None, text=f"x{i}", session=session, young_people=members, themes=[theme]
            )
            _respond([view], datetime.date(2026, 10, 20))

    make(2)
    few, _ = count_queries(run)
    make(8)
    many, _ = count_queries(run)
    assert few == many


class TestForTheYoungPerson:
    def test_own_and_current_groups_views_only(self, session, group, members, other_session):
        me, friend = members
        mine = services.view_record(actor=None, text="mine", session=session, young_people=[me])
        friends = services.view_record(
            actor=None, text="friend's", session=session, young_people=[friend]
        )
        ours = services.view_record(actor=None, text="group's", session=session, group=group)
        services.view_record(actor=None, text="other", session=other_session, is_anonymous=True)
        assert set(selectors.views_for_young_person(me)) == {mine, ours}
        response = _respond([mine, friends], datetime.date(2026, 10, 20))
        (seen,) = selectors.responses_for_young_person(me)
        assert seen == response
        assert seen.their_views == [mine]
        assert not seen.is_fed_back
        assert seen.their_ratings == []
        # After leaving the group, its views are no longer theirs.
        me.memberships.update(left_on=datetime.date(2026, 11, 1))
        assert set(selectors.views_for_young_person(me)) == {mine}

    def test_published_views(self, session, group, theme):
        public = services.view_record(
            actor=None,
            text="public",
            session=session,
            group=group,
            consent="publish",
            themes=[theme],
        )
        services.view_record(actor=None, text="private", session=session, group=group)
        assert list(selectors.published_views()) == [public]
        assert list(selectors.published_views(theme=theme)) == [public]
        assert list(selectors.published_views(theme=factories.ThemeFactory())) == []


def test_loop_overdue_for_those_responsible(
    officer, theme_lead, partner_worker, safeguarding_lead, session, group, other_session
):
    today = datetime.date(2026, 12, 31)
    old = services.view_record(actor=None, text="old", session=session, group=group)
    services.view_record(
        actor=None,
        text="recent",
        session=session,
        group=group,
        recorded_on=datetime.date(2026, 11, 19),
    )
    elsewhere = services.view_record(
        actor=None, text="elsewhere", session=other_session, is_anonymous=True
    )
    answered = _respond([elsewhere], datetime.date(2026, 10, 5))
    overdue = selectors.loop_overdue(user=officer, today=today)
    assert list(overdue["views_awaiting_response"]) == [old]
    assert overdue["views_awaiting_response"][0].days_waiting == 91
    assert list(overdue["responses_awaiting_feedback"]) == [answered]
    partner = selectors.loop_overdue(user=partner_worker, today=today)
    assert list(partner["views_awaiting_response"]) == [old]
    assert list(partner["responses_awaiting_feedback"]) == []
    # The theme lead leads the theme of the session's group.
    lead = selectors.loop_overdue(user=theme_lead, today=today)
    assert list(lead["views_awaiting_response"]) == [old]
    reader = selectors.loop_overdue(user=safeguarding_lead, today=today)
    assert list(reader["views_awaiting_response"]) == []


def test_median_on_this_database_matches_python(officer, session, group):
    for days in (3, 1, 10, 4):
        view = services.view_record(actor=None, text="x", session=session, group=group)
        response = _respond([view], SESSION_DAY + datetime.timedelta(days=1))
        services.feedback_record(
            actor=None,
            response=response,
            date=SESSION_DAY + datetime.timedelta(days=days),
            channel="letter",
            groups=[group],
        )
    assert selectors.loop_figures(user=officer)["median_days_view_to_feedback"] == 3.5
    assert connection.vendor in ("sqlite", "postgresql")


def test_young_person_journey(officer, session, members):
    view = services.view_record(actor=None, text="x", session=session, young_people=[members[0]])
    items = selectors.young_person_journey(user=officer, young_person=members[0])
    assert [i.kind for i in items] == ["session", "view"]
    assert items[1].obj == view
    assert (
        selectors.young_person_journey(
            user=factories.UserFactory(role=Role.BOARD_MEMBER), young_person=members[0]
        )
        == []
    )
    assert not Response.objects.exists()


def test_young_person_journey_one_partnership_year_at_a_time(officer, session, members):
    """A year runs 1 April to 31 March; a response counts in the year it was made, even to a view
    given the year before; the years list each year with entries, oldest first."""
    person = members[0]
    march = factories.SessionFactory(group=session.group, date=datetime.date(2026, 3, 31))
    factories.AttendanceFactory(session=march, young_person=person)
    view = services.view_record(actor=None, text="x", session=march, young_people=[person])
    response = _respond([view], datetime.date(2026, 4, 1))
    services.feedback_record(
        actor=None,
        response=response,
        date=datetime.date(2026, 4, 2),
        channel="letter",
        young_people=[person],
    )

    earlier = selectors.young_person_journey(user=officer, young_person=person, year=2025)
    assert [(i.kind, i.date) for i in earlier] == [
        ("session", datetime.date(2026, 3, 31)),
        ("view", datetime.date(2026, 3, 31)),
    ]
    later = selectors.young_person_journey(user=officer, young_person=person, year=2026)
    assert [i.kind for i in later] == ["response", "feedback", "session"]
    assert selectors.young_person_journey(user=officer, young_person=person, year=2024) == []
    everything = selectors.young_person_journey(user=officer, young_person=person)
    assert everything == earlier + later

    years = selectors.young_person_journey_years(user=officer, young_person=person)
    assert [(y.year, y.entries, y.label) for y in years] == [
        (2025, 2, "2025-26"),
        (2026, 3, "2026-27"),
    ]
    assert selectors.journey_default_year(years, datetime.date(2030, 1, 1)) == 2026
    assert selectors.journey_default_year([], datetime.date(2027, 3, 31)) == 2026
    board = factories.UserFactory(role=Role.BOARD_MEMBER)
    assert selectors.young_person_journey_years(user=board, young_person=person) == []


def test_young_person_journey_years_hides_what_the_user_may_not_see(
    partner_worker, session, other_session, members
):
    """A partner worker counts only their organisation's sessions and views."""
    person = members[0]
    factories.AttendanceFactory(session=other_session, young_person=person)
    years = selectors.young_person_journey_years(user=partner_worker, young_person=person)
    assert [(y.year, y.entries) for y in years] == [(2026, 1)]


def test_young_person_journey_leaves_out_other_peoples_views_responses_and_feedback(
    officer, session, members, other_session
):
    """Only their own views, their groups' views, the responses to those and the feedback given
    to them or their groups, though the index-led queries start from the young person."""
    person, other = members[0], factories.YoungPersonFactory()
    theirs = services.view_record(actor=None, text="mine", session=session, young_people=[person])
    elsewhere = services.view_record(
        actor=None, text="not mine", session=other_session, young_people=[other]
    )
    also_elsewhere = services.view_record(
        actor=None, text="nor mine", session=other_session, young_people=[other]
    )
    _respond([also_elsewhere], datetime.date(2026, 10, 5))
    answered = _respond([theirs, elsewhere], datetime.date(2026, 10, 6))
    services.feedback_record(
        actor=None,
        response=answered,
        date=datetime.date(2026, 10, 7),
        channel="letter",
        young_people=[other],
    )
    items = selectors.young_person_journey(user=officer, young_person=person, year=2026)
    assert [(i.kind, i.obj) for i in items] == [
        ("session", session),
        ("view", theirs),
        ("response", answered),
    ]
    years = selectors.young_person_journey_years(user=officer, young_person=person)
    assert [(y.year, y.entries) for y in years] == [(2026, 3)]
