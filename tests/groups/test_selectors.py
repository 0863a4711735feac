import datetime

import pytest

from heard.groups import selectors
from heard.groups.models import Group
from tests import factories

pytestmark = pytest.mark.django_db


def test_partner_worker_sees_only_their_organisations_groups(
    partner_worker, organisation, other_organisation, officer, board_member
):
    mine = factories.GroupFactory(host_organisation=organisation)
    theirs = factories.GroupFactory(host_organisation=other_organisation)
    assert list(selectors.groups_visible_to(partner_worker)) == [mine]
    assert set(selectors.groups_visible_to(officer)) == {mine, theirs}
    assert set(selectors.groups_visible_to(board_member)) == {mine, theirs}


def test_anonymous_users_see_no_groups(client):
    from django.contrib.auth.models import AnonymousUser

    factories.GroupFactory()
    assert not selectors.groups_visible_to(AnonymousUser()).exists()


def test_groups_are_annotated_with_members_and_last_contact(officer):
    group = factories.GroupFactory()
    factories.MembershipFactory(group=group)
    factories.MembershipFactory(group=group)
    factories.MembershipFactory(group=group, left_on=datetime.date(2026, 6, 1))
    factories.SessionFactory(group=group, date=datetime.date(2026, 9, 1))
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    factories.GroupThemeFactory(group=group)
    factories.GroupThemeFactory(group=group)
    row = selectors.groups_visible_to(officer).get(pk=group.pk)
    assert row.member_count == 2
    assert row.last_contact == datetime.date(2026, 10, 1)
    empty = factories.GroupFactory()
    row = selectors.groups_visible_to(officer).get(pk=empty.pk)
    assert (row.member_count, row.last_contact) == (0, None)


def _make_groups(n):
    for _ in range(n):
        group = factories.GroupFactory()
        group.leads.add(factories.UserFactory())
        factories.GroupThemeFactory(group=group, theme__lead=factories.UserFactory())
        factories.MembershipFactory(group=group)
        factories.SessionFactory(group=group)


def _read_all(user):
    rows = list(selectors.groups_visible_to(user))
    for group in rows:
        _ = [lead.full_name for lead in group.leads.all()]
        _ = [(link.theme.title, link.theme.lead.full_name) for link in group.theme_links.all()]
        _ = group.host_organisation.name
    return rows


def test_groups_visible_to_runs_a_fixed_number_of_queries(officer, count_queries):
    _make_groups(2)
    few, rows = count_queries(lambda: _read_all(officer))
    assert len(rows) == 2
    _make_groups(8)
    many, rows = count_queries(lambda: _read_all(officer))
    assert len(rows) == 10
    assert few == many


def test_with_group_counts_counts_linked_and_established_groups_in_one_query(
    officer, django_assert_num_queries
):
    theme, other, empty = factories.ThemeFactory.create_batch(3)
    for stage in ("proposed", "planning", "established", "active", "closed"):
        factories.GroupThemeFactory(theme=theme, group__stage=stage)
    factories.GroupThemeFactory(theme=other, group__stage="active")
    themes = list(selectors.themes_visible_to(officer).order_by("pk"))
    with django_assert_num_queries(1):
        selectors.with_group_counts(themes)
    assert [(t.group_count, t.established_group_count) for t in themes] == [(5, 2), (1, 1), (0, 0)]
    one = selectors.theme_get(officer, theme.pk)
    assert (one.group_count, one.established_group_count) == (5, 2)


def test_theme_list_runs_a_fixed_number_of_queries(officer, count_queries):
    def read():
        return [
            (t.title, t.lead and t.lead.full_name) for t in selectors.themes_visible_to(officer)
        ]

    for _ in range(2):
        factories.GroupThemeFactory(theme__lead=factories.UserFactory())
    few, _ = count_queries(read)
    for _ in range(8):
        factories.GroupThemeFactory(theme__lead=factories.UserFactory())
    many, rows = count_queries(read)
    assert len(rows) == 10
    assert few == many


def test_theme_groups_carry_the_relationship(officer, partner_worker, organisation):
    theme = factories.ThemeFactory()
    working = factories.GroupThemeFactory(theme=theme, relationship="working_on").group
    affected = factories.GroupThemeFactory(
        theme=theme, relationship="affected_by", group__host_organisation=organisation
    ).group
    rows = {g.pk: g.relationship for g in selectors.theme_groups(officer, theme)}
    assert rows == {working.pk: "working_on", affected.pk: "affected_by"}
    assert [g.pk for g in selectors.theme_groups(partner_worker, theme)] == [affected.pk]


# The engagement calendar -------------------------------------------------------------------------


def test_monthly_group_last_seen_1_october_is_next_due_1_november(officer):
    group = factories.GroupFactory(cadence=Group.Cadence.MONTHLY)
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    (row,) = selectors.group_calendar(user=officer, today=datetime.date(2026, 11, 1))
    assert row.last_contact == datetime.date(2026, 10, 1)
    assert row.next_due == datetime.date(2026, 11, 1)
    assert row.is_overdue is False
    (row,) = selectors.group_calendar(user=officer, today=datetime.date(2026, 11, 2))
    assert row.is_overdue is True
    assert row.days_overdue == 1


def test_next_due_falls_back_to_the_start_date_and_skips_unvisited_stages(officer):
    started = factories.GroupFactory(
        stage="first_visit", cadence="termly", start_date=datetime.date(2026, 9, 1)
    )
    proposed = factories.GroupFactory(stage="proposed")
    no_cadence = factories.GroupFactory(cadence="none")
    factories.GroupFactory(stage="closed")
    rows = {
        g.pk: g for g in selectors.group_calendar(user=officer, today=datetime.date(2026, 9, 2))
    }
    assert rows[started.pk].next_due == datetime.date(2026, 12, 1)
    assert rows[proposed.pk].next_due is None
    assert rows[no_cadence.pk].next_due is None
    assert len(rows) == 3  # closed groups are not in the calendar
    ordered = selectors.group_calendar(user=officer, today=datetime.date(2026, 9, 2))
    assert ordered[0].pk == started.pk


def test_overdue_groups_most_overdue_first(officer):
    today = datetime.date(2026, 12, 31)
    slightly = factories.GroupFactory(name="Slightly")
    factories.SessionFactory(group=slightly, date=datetime.date(2026, 11, 20))
    very = factories.GroupFactory(name="Very")
    factories.SessionFactory(group=very, date=datetime.date(2026, 9, 1))
    on_time = factories.GroupFactory(name="On time")
    factories.SessionFactory(group=on_time, date=datetime.date(2026, 12, 20))
    factories.GroupFactory(name="Closed", stage="closed")
    rows = selectors.overdue_groups(user=officer, today=today)
    assert [g.name for g in rows] == ["Very", "Slightly"]
    assert rows[0].next_due == datetime.date(2026, 10, 2)
    assert all(g.is_overdue for g in rows)


def test_overdue_groups_for_a_theme_lead_are_the_groups_they_answer_for(theme_lead):
    today = datetime.date(2027, 1, 31)
    led = factories.GroupFactory(name="Led")
    led.leads.add(theme_lead)
    on_theme = factories.GroupFactory(name="On their theme")
    factories.GroupThemeFactory(group=on_theme, theme__lead=theme_lead)
    factories.GroupFactory(name="Someone else's")
    rows = selectors.overdue_groups(user=theme_lead, today=today)
    assert sorted(g.name for g in rows) == ["Led", "On their theme"]


def test_overdue_groups_for_a_partner_worker(partner_worker, organisation, other_organisation):
    today = datetime.date(2027, 1, 31)
    factories.GroupFactory(name="Ours", host_organisation=organisation)
    factories.GroupFactory(name="Theirs", host_organisation=other_organisation)
    assert [g.name for g in selectors.overdue_groups(user=partner_worker, today=today)] == ["Ours"]


def test_calendar_feed_holds_past_sessions_except_for_board_members(officer, board_member):
    group = factories.GroupFactory()
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
    factories.SessionFactory(group=group, date=datetime.date(2026, 12, 1))
    today = datetime.date(2026, 11, 1)
    (row,) = selectors.calendar_feed(user=officer, today=today)
    assert [s.date for s in row.past_sessions] == [datetime.date(2026, 10, 1)]
    (row,) = selectors.calendar_feed(user=board_member, today=today)
    assert row.past_sessions == []


# Theme warnings ----------------------------------------------------------------------------------


def test_period_for_starts_the_year_in_april():
    assert selectors.period_for(datetime.date(2026, 4, 1)) == "2026-27"
    assert selectors.period_for(datetime.date(2027, 3, 31)) == "2026-27"
    assert selectors.period_for(datetime.date(2099, 12, 1)) == "2099-00"


def test_warns_when_a_period_has_too_few_or_too_many_themes(officer):
    today = datetime.date(2026, 6, 1)
    for _ in range(4):
        factories.ThemeFactory(period="2026-27")
    messages = [w.message for w in selectors.theme_warnings(user=officer, today=today)]
    assert "A partnership runs 6 to 10 themes a year: 2026-27 has 4." in messages
    for _ in range(2):
        factories.ThemeFactory(period="2026-27", status="closed")
    kinds = [w.kind for w in selectors.theme_warnings(user=officer, today=today)]
    assert "theme_count" not in kinds
    for _ in range(5):
        factories.ThemeFactory(period="2026-27")
    messages = [w.message for w in selectors.theme_warnings(user=officer, today=today)]
    assert "A partnership runs 6 to 10 themes a year: 2026-27 has 11." in messages
    other = [
        w.message for w in selectors.theme_warnings(user=officer, today=today, period="2027-28")
    ]
    assert "A partnership runs 6 to 10 themes a year: 2027-28 has 0." in other


def test_warns_about_themes_with_fewer_than_two_established_groups(officer):
    today = datetime.date(2026, 6, 1)
    thin = factories.ThemeFactory(title="Transport")
    factories.GroupThemeFactory(theme=thin, group__stage="established")
    factories.GroupThemeFactory(theme=thin, group__stage="planning")
    full = factories.ThemeFactory(title="Mental health")
    factories.GroupThemeFactory(theme=full, group__stage="established")
    factories.GroupThemeFactory(theme=full, group__stage="active")
    factories.ThemeFactory(title="Closed one", status="closed")
    messages = [
        w.message
        for w in selectors.theme_warnings(user=officer, today=today)
        if w.kind == "theme_groups"
    ]
    assert messages == ["Transport has 1 established group: each theme works with at least 2."]


def test_theme_warnings_queries_do_not_grow_with_themes_or_groups(
    officer, make_user, django_assert_num_queries
):
    today = datetime.date(2026, 6, 1)

    def themes(count):
        for index in range(count):
            theme = factories.ThemeFactory(lead=make_user("theme_lead"), title=f"T{count}-{index}")
            for stage in ("established", "active", "planning"):
                factories.GroupThemeFactory(theme=theme, group__stage=stage)

    themes(1)
    with django_assert_num_queries(4):
        selectors.theme_warnings(user=officer, today=today)
    themes(5)
    with django_assert_num_queries(4):
        assert not [
            w
            for w in selectors.theme_warnings(user=officer, today=today)
            if w.kind == "theme_groups"
        ]


def test_warns_about_theme_leads_with_fewer_than_two_established_groups(officer, make_user):
    today = datetime.date(2026, 6, 1)
    busy = make_user("theme_lead", full_name="Busy Lead")
    idle = make_user("theme_lead", full_name="Idle Lead")
    busy_theme = factories.ThemeFactory(lead=busy)
    factories.GroupThemeFactory(theme=busy_theme, group__stage="active")
    led = factories.GroupFactory(stage="established")
    led.leads.add(busy)
    idle_theme = factories.ThemeFactory(lead=idle)
    # The same group counted twice (their theme and they lead it) is still one group.
    shared = factories.GroupThemeFactory(theme=idle_theme, group__stage="active").group
    shared.leads.add(idle)
    factories.GroupThemeFactory(theme=idle_theme, group__stage="proposed")
    messages = [
        w.message
        for w in selectors.theme_warnings(user=officer, today=today)
        if w.kind == "lead_groups"
    ]
    assert messages == [
        "Idle Lead works with 1 established group: each theme lead works with at least 2."
    ]


def test_theme_warnings_run_a_fixed_number_of_queries(officer, count_queries):
    today = datetime.date(2026, 6, 1)

    def make(n):
        for _ in range(n):
            factories.GroupThemeFactory(theme__lead=factories.UserFactory(role="theme_lead"))

    make(2)
    few, _ = count_queries(lambda: selectors.theme_warnings(user=officer, today=today))
    make(8)
    many, warnings = count_queries(lambda: selectors.theme_warnings(user=officer, today=today))
    assert len(warnings) == 10 + 10  # 10 themes is within 6-10: no count warning
    assert few == many


def test_the_established_index_holds_the_established_stages():
    """The partial index the themes list counts through must name the same stages as the model."""
    from heard.groups.models import Group

    index = next(i for i in Group._meta.indexes if i.name == "group_established")
    ((lookup, stages),) = index.condition.children
    assert lookup == "stage__in"
    assert set(stages) == set(Group.ESTABLISHED_STAGES)


def test_group_choices_are_ids_and_names_of_visible_groups_by_name(partner_worker, organisation):
    second = factories.GroupFactory(host_organisation=organisation, name="B group")
    first = factories.GroupFactory(host_organisation=organisation, name="A group")
    factories.GroupFactory(name="Another organisation's")
    assert list(selectors.group_choices(partner_worker)) == [
        (first.pk, "A group"),
        (second.pk, "B group"),
    ]


def test_group_members_current_only_leaves_out_who_left(officer, board_member):
    group = factories.GroupFactory()
    staying = factories.MembershipFactory(group=group)
    factories.MembershipFactory(group=group, left_on=datetime.date(2026, 6, 1))
    assert selectors.group_members(officer, group).count() == 2
    assert list(selectors.group_members(officer, group, current_only=True)) == [staying]
    assert not selectors.group_members(board_member, group).exists()


def test_groups_responsible_for_a_theme_lead_are_those_they_lead_or_of_their_themes(
    theme_lead, officer
):
    led = factories.GroupFactory()
    led.leads.add(theme_lead)
    on_theme = factories.GroupThemeFactory(theme__lead=theme_lead).group
    factories.GroupFactory()
    assert set(selectors.groups_responsible_for(theme_lead)) == {led, on_theme}
    assert selectors.groups_responsible_for(officer).count() == 3


def test_theme_choices_and_periods(officer, board_member):
    from django.contrib.auth.models import AnonymousUser

    older = factories.ThemeFactory(title="Older", period="2025-26")
    newer = factories.ThemeFactory(title="Newer", period="2026-27")
    assert list(selectors.theme_choices(board_member)) == [newer, older]
    assert not selectors.theme_choices(AnonymousUser()).exists()
    assert selectors.theme_periods() == ["2026-27", "2025-26"]


def test_no_theme_warnings_for_who_may_not_see_themes():
    from django.contrib.auth.models import AnonymousUser

    assert selectors.theme_warnings(user=AnonymousUser(), today=datetime.date(2026, 11, 20)) == []


def test_calendar_keeps_a_last_contact_already_read_and_narrows_to_given_groups(
    partner_worker, organisation, other_organisation
):
    today = datetime.date(2026, 11, 20)
    mine = factories.GroupFactory(host_organisation=organisation, name="Mine")
    theirs = factories.GroupFactory(host_organisation=other_organisation, name="Theirs")
    factories.SessionFactory(group=mine, date=datetime.date(2026, 9, 1))
    rows = selectors.with_next_due(selectors.groups_visible_to(partner_worker), today=today)
    (row,) = rows
    assert row.last_contact == datetime.date(2026, 9, 1)
    assert row.next_due == datetime.date(2026, 10, 2)
    given = Group.objects.filter(pk__in=[mine.pk, theirs.pk])
    assert list(selectors.group_calendar(user=partner_worker, today=today, groups=given)) == [mine]


def test_protected_counts_read_nothing_again_for_groups_already_read(board_member, count_queries):
    group = factories.GroupFactory()
    shown = selectors.member_count_display(board_member)
    shown.prefetch([group])
    queries, _ = count_queries(lambda: shown.prefetch([group]))
    assert queries == 0
