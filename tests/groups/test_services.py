import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.groups import services
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def audit_for(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


# Themes ------------------------------------------------------------------------------------------


def test_theme_create_saves_and_audits(lead, theme_lead):
    theme = services.theme_create(
        actor=lead, title="Mental health", period="2026-27", lead=theme_lead
    )
    assert theme.status == Theme.Status.ACTIVE
    entry = audit_for(theme).get()
    assert entry.actor == lead
    assert (entry.action, entry.event) == (AuditEntry.Action.CREATE, "theme.created")
    assert entry.changes["title"] == [None, "Mental health"]
    assert entry.changes["lead"] == [None, theme_lead.pk]


@pytest.mark.parametrize("period", ["2025-27", "2025/26", "25-26", "2025-2026", "", "2099-01"])
def test_theme_period_must_be_a_one_year_span(officer, period):
    with pytest.raises(ValidationError) as error:
        services.theme_create(actor=officer, title="Transport", period=period)
    assert "period" in error.value.message_dict
    assert not Theme.objects.exists()


def test_theme_period_across_a_century(officer):
    assert services.theme_create(actor=officer, title="Transport", period="2099-00").pk


def test_theme_title_is_unique_within_a_period(officer):
    services.theme_create(actor=officer, title="Transport", period="2026-27")
    services.theme_create(actor=officer, title="Transport", period="2027-28")
    with pytest.raises(ValidationError):
        services.theme_create(actor=officer, title="Transport", period="2026-27")
    assert Theme.objects.count() == 2


@pytest.mark.parametrize(
    "role_fixture", ["theme_lead", "partner_worker", "safeguarding_lead", "board_member"]
)
def test_only_the_programme_adds_themes(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.theme_create(actor=user, title="Transport", period="2026-27")


def test_the_system_may_add_themes():
    theme = services.theme_create(actor=None, title="Transport", period="2026-27")
    assert audit_for(theme).get().actor is None


def test_theme_update_audits_only_changes(officer):
    theme = factories.ThemeFactory(title="Old title")
    services.theme_update(actor=officer, theme=theme, title="New title", period="2026-27")
    entry = audit_for(theme).get()
    assert entry.changes == {"title": ["Old title", "New title"]}
    services.theme_update(actor=officer, theme=theme, title="New title")
    assert audit_for(theme).count() == 1


def test_theme_update_refuses_bad_period_and_keeps_the_theme(officer):
    theme = factories.ThemeFactory(period="2026-27")
    with pytest.raises(ValidationError):
        services.theme_update(actor=officer, theme=theme, period="2026-28")
    theme.refresh_from_db()
    assert theme.period == "2026-27"
    assert not audit_for(theme).exists()


def test_theme_review_by_the_themes_own_lead(theme_lead, make_user):
    theme = factories.ThemeFactory(lead=theme_lead)
    review = services.theme_review_add(
        actor=theme_lead,
        theme=theme,
        date=TODAY,
        summary="Good progress",
        decision="continue",
    )
    assert review.reviewed_by == theme_lead
    assert audit_for(review).get().event == "theme_review.added"
    other_lead = make_user("theme_lead")
    with pytest.raises(PermissionDenied):
        services.theme_review_add(
            actor=other_lead, theme=theme, date=TODAY, summary="x", decision="continue"
        )


def test_theme_review_close_decision_closes_the_theme(officer):
    theme = factories.ThemeFactory()
    services.theme_review_add(
        actor=officer, theme=theme, date=TODAY, summary="Done", decision="close"
    )
    theme.refresh_from_db()
    assert theme.status == Theme.Status.CLOSED
    entry = audit_for(theme).get()
    assert entry.event == "theme.closed"
    assert entry.changes == {"status": ["active", "closed"]}
    assert entry.metadata == {"reviewed_on": TODAY.isoformat()}


def test_theme_review_refuses_a_future_date_and_bad_decision(officer):
    theme = factories.ThemeFactory()
    with pytest.raises(ValidationError) as error:
        services.theme_review_add(
            actor=officer,
            theme=theme,
            date=TODAY + datetime.timedelta(days=1),
            summary="x",
            decision="continue",
        )
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.theme_review_add(
            actor=officer, theme=theme, date=TODAY, summary="x", decision="maybe"
        )
    assert "decision" in error.value.message_dict
    assert not theme.reviews.exists()


# Groups ------------------------------------------------------------------------------------------


def make_group(actor, organisation, **kwargs):
    fields = {
        "name": "Riverside Buddy Group",
        "kind": Group.Kind.BUDDY_GROUP,
        "host_organisation": organisation,
        "start_date": datetime.date(2026, 9, 1),
        "planned_end_date": datetime.date(2027, 7, 31),
    }
    fields.update(kwargs)
    return services.group_create(actor=actor, **fields)


def test_group_create_records_the_first_stage(officer, organisation):
    theme = factories.ThemeFactory()
    other = factories.ThemeFactory()
    group = make_group(
        officer,
        organisation,
        leads=[officer],
        themes=[(theme, "working_on"), (other, "affected_by")],
    )
    assert group.stage == Group.Stage.PROPOSED
    assert group.stage_changed_on == datetime.date(2026, 9, 1)
    transition = group.transitions.get()
    assert (transition.from_stage, transition.to_stage) == ("", "proposed")
    assert transition.by == officer
    assert set(group.theme_links.values_list("theme_id", "relationship")) == {
        (theme.pk, "working_on"),
        (other.pk, "affected_by"),
    }
    entry = audit_for(group).get()
    assert (entry.action, entry.event) == (AuditEntry.Action.CREATE, "group.created")
    assert entry.changes["leads"] == [None, [officer.pk]]
    assert sorted(entry.changes["themes"][1]) == sorted(
        [f"{theme.pk}:working_on", f"{other.pk}:affected_by"]
    )


def test_group_create_without_start_date_uses_today(officer, organisation):
    group = make_group(officer, organisation, start_date=None, planned_end_date=None)
    assert group.stage_changed_on == TODAY


def test_buddy_group_runs_at_most_a_year(officer, organisation):
    start = datetime.date(2026, 9, 1)
    limit = start + datetime.timedelta(days=Group.BUDDY_GROUP_MAX_DAYS)
    assert make_group(officer, organisation, start_date=start, planned_end_date=limit).pk
    with pytest.raises(ValidationError) as error:
        make_group(
            officer,
            organisation,
            name="Too long",
            start_date=start,
            planned_end_date=limit + datetime.timedelta(days=1),
        )
    assert "up to one year" in error.value.message_dict["planned_end_date"][0]
    # Other kinds may run longer.
    assert make_group(
        officer,
        organisation,
        name="Youth Council",
        kind=Group.Kind.YOUTH_COUNCIL,
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=800),
    ).pk
    assert Group.objects.count() == 2


@pytest.mark.parametrize("days", [0, -10])
def test_planned_end_must_be_after_start(officer, organisation, days):
    start = datetime.date(2026, 9, 1)
    with pytest.raises(ValidationError) as error:
        make_group(
            officer,
            organisation,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=days),
        )
    assert error.value.message_dict["planned_end_date"] == [
        "The planned end date must be after the start date."
    ]
    assert not Group.objects.exists()
    assert not StageTransition.objects.exists()


def test_group_create_refuses_a_theme_twice_and_bad_relationships(officer, organisation):
    theme = factories.ThemeFactory()
    with pytest.raises(ValidationError):
        make_group(officer, organisation, themes=[(theme, "working_on"), (theme, "affected_by")])
    with pytest.raises(ValidationError):
        make_group(officer, organisation, themes=[(theme, "interested_in")])
    assert not Group.objects.exists()


def test_partner_worker_creates_groups_only_for_their_organisation(
    partner_worker, organisation, other_organisation
):
    assert make_group(partner_worker, organisation).host_organisation == organisation
    with pytest.raises(ValidationError) as error:
        make_group(partner_worker, other_organisation, name="Elsewhere")
    assert "host_organisation" in error.value.message_dict
    assert Group.objects.count() == 1


def test_theme_lead_creates_groups_they_are_responsible_for(theme_lead, organisation):
    with pytest.raises(ValidationError) as error:
        make_group(theme_lead, organisation)
    assert "leads" in error.value.message_dict
    assert make_group(theme_lead, organisation, leads=[theme_lead]).pk
    theme = factories.ThemeFactory(lead=theme_lead)
    assert make_group(theme_lead, organisation, name="Second", themes=[(theme, "working_on")]).pk


@pytest.mark.parametrize("role_fixture", ["safeguarding_lead", "board_member"])
def test_readers_cannot_create_groups(request, role_fixture, organisation):
    with pytest.raises(PermissionDenied):
        make_group(request.getfixturevalue(role_fixture), organisation)


def test_group_update_changes_details_and_themes(officer):
    keep, drop, add = factories.ThemeFactory(), factories.ThemeFactory(), factories.ThemeFactory()
    group = factories.GroupFactory(kind=Group.Kind.YOUTH_COUNCIL)
    factories.GroupThemeFactory(group=group, theme=keep, relationship="working_on")
    factories.GroupThemeFactory(group=group, theme=drop)
    updated = services.group_update(
        actor=officer,
        group=group,
        name="Renamed",
        cadence=Group.Cadence.TERMLY,
        themes=[(keep, "affected_by"), (add, "working_on")],
    )
    assert updated.name == "Renamed"
    assert set(group.theme_links.values_list("theme_id", "relationship")) == {
        (keep.pk, "affected_by"),
        (add.pk, "working_on"),
    }
    changes = audit_for(group).get().changes
    assert changes["name"][1] == "Renamed"
    assert changes["cadence"] == ["monthly", "termly"]
    assert "themes" in changes


def test_group_update_refuses_stage_changes(officer):
    """The stage moves only through ``group_move_stage`` (the form and the API offer no stage
    to change): asking ``group_update`` is a programming error."""
    group = factories.GroupFactory(stage=Group.Stage.PLANNING)
    with pytest.raises(TypeError, match="cannot change stage"):
        services.group_update(actor=officer, group=group, stage=Group.Stage.ACTIVE)
    group.refresh_from_db()
    assert group.stage == Group.Stage.PLANNING


def test_group_update_checks_buddy_group_dates(officer):
    group = factories.GroupFactory(start_date=datetime.date(2026, 4, 1))
    with pytest.raises(ValidationError):
        services.group_update(
            actor=officer, group=group, planned_end_date=datetime.date(2027, 6, 1)
        )
    assert not audit_for(group).exists()


def test_theme_lead_cannot_hand_away_their_own_group(theme_lead):
    group = factories.GroupFactory()
    group.leads.add(theme_lead)
    with pytest.raises(ValidationError):
        services.group_update(actor=theme_lead, group=group, leads=[])
    assert list(group.leads.all()) == [theme_lead]


def test_theme_lead_cannot_change_other_groups(theme_lead):
    group = factories.GroupFactory()
    with pytest.raises(PermissionDenied):
        services.group_update(actor=theme_lead, group=group, name="Mine now")


def test_partner_worker_cannot_move_a_group_to_another_organisation(
    partner_worker, organisation, other_organisation
):
    group = factories.GroupFactory(host_organisation=organisation)
    with pytest.raises(ValidationError):
        services.group_update(
            actor=partner_worker, group=group, host_organisation=other_organisation
        )
    other_group = factories.GroupFactory(host_organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.group_update(actor=partner_worker, group=other_group, name="x")


# Lifecycle ---------------------------------------------------------------------------------------


def test_group_moves_along_its_lifecycle(officer):
    group = factories.GroupFactory(
        stage=Group.Stage.PROPOSED, stage_changed_on=datetime.date(2026, 9, 1)
    )
    path = [
        Group.Stage.FIRST_VISIT,
        Group.Stage.PLANNING,
        Group.Stage.ESTABLISHED,
        Group.Stage.ACTIVE,
        Group.Stage.ESTABLISHED,
        Group.Stage.CLOSED,
    ]
    for offset, stage in enumerate(path):
        transition = services.group_move_stage(
            actor=officer,
            group=group,
            to_stage=stage,
            date=datetime.date(2026, 10, 1 + offset),
            note=f"step {offset}",
        )
        assert transition.to_stage == stage
    group.refresh_from_db()
    assert group.stage == Group.Stage.CLOSED
    assert group.stage_changed_on == datetime.date(2026, 10, 6)
    assert list(group.transitions.values_list("to_stage", flat=True)) == path
    assert audit_for(group).count() == len(path)
    last = audit_for(group).first()
    assert last.event == "group.stage_moved"
    assert last.changes["stage"] == ["established", "closed"]
    assert last.metadata == {"note": f"step {len(path) - 1}"}


def test_disallowed_move_lists_the_allowed_stages(officer):
    group = factories.GroupFactory(stage=Group.Stage.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.group_move_stage(actor=officer, group=group, to_stage="active", date=TODAY)
    assert error.value.message_dict["to_stage"] == [
        "A group at stage Proposed cannot move to Active: it can move to First visit or Closed."
    ]
    assert not group.transitions.exists()
    group.refresh_from_db()
    assert group.stage == Group.Stage.PROPOSED


def test_closed_groups_do_not_move_and_unknown_stages_are_refused(officer):
    group = factories.GroupFactory(stage=Group.Stage.CLOSED)
    with pytest.raises(ValidationError) as error:
        services.group_move_stage(actor=officer, group=group, to_stage="active", date=TODAY)
    assert "cannot move to another stage" in error.value.message_dict["to_stage"][0]
    with pytest.raises(ValidationError):
        services.group_move_stage(actor=officer, group=group, to_stage="dormant", date=TODAY)


def test_move_date_not_before_the_last_change_nor_in_the_future(officer):
    group = factories.GroupFactory(
        stage=Group.Stage.PLANNING, stage_changed_on=datetime.date(2026, 10, 1)
    )
    for bad in (datetime.date(2026, 9, 30), TODAY + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.group_move_stage(actor=officer, group=group, to_stage="established", date=bad)
        assert "date" in error.value.message_dict
    assert not group.transitions.exists()


def test_move_stage_permissions(theme_lead, partner_worker, board_member, other_organisation):
    group = factories.GroupFactory(host_organisation=other_organisation, stage="planning")
    for user in (theme_lead, partner_worker, board_member):
        with pytest.raises(PermissionDenied):
            services.group_move_stage(actor=user, group=group, to_stage="established", date=TODAY)
    theme = factories.ThemeFactory(lead=theme_lead)
    factories.GroupThemeFactory(group=group, theme=theme)
    services.group_move_stage(actor=theme_lead, group=group, to_stage="established", date=TODAY)
    assert Group.objects.get(pk=group.pk).stage == "established"


# Membership --------------------------------------------------------------------------------------


def test_membership_add_and_end(officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    person = factories.YoungPersonFactory(organisation=organisation)
    membership = services.membership_add(
        actor=officer, group=group, young_person=person, joined_on=datetime.date(2026, 5, 1)
    )
    assert membership.is_current
    assert audit_for(membership).get().event == "membership.added"
    ended = services.membership_end(
        actor=officer, membership=membership, left_on=datetime.date(2026, 9, 1)
    )
    assert ended.left_on == datetime.date(2026, 9, 1)
    assert audit_for(membership).first().changes == {"left_on": [None, "2026-09-01"]}
    # After leaving they may join again.
    again = services.membership_add(
        actor=officer, group=group, young_person=person, joined_on=datetime.date(2026, 10, 1)
    )
    assert again.pk != membership.pk


def test_membership_add_refuses_a_current_member(officer):
    membership = factories.MembershipFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=officer,
            group=membership.group,
            young_person=membership.young_person,
            joined_on=datetime.date(2026, 6, 1),
        )
    assert "already a member" in error.value.message_dict["young_person"][0]
    assert Membership.objects.count() == 1


def test_membership_add_refuses_joining_before_the_group_started(officer):
    group = factories.GroupFactory(start_date=datetime.date(2026, 4, 1))
    person = factories.YoungPersonFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=officer, group=group, young_person=person, joined_on=datetime.date(2026, 3, 31)
        )
    assert error.value.message_dict["joined_on"] == [
        "The joining date cannot be before the group started on 1 April 2026."
    ]


def test_closed_groups_keep_members_but_gain_none(officer):
    membership = factories.MembershipFactory(group__stage=Group.Stage.ESTABLISHED)
    group = membership.group
    services.group_move_stage(actor=officer, group=group, to_stage="closed", date=TODAY)
    assert Membership.objects.get(pk=membership.pk).is_current
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=officer,
            group=group,
            young_person=factories.YoungPersonFactory(),
            joined_on=TODAY,
        )
    assert error.value.message_dict["group"] == ["This group is closed: it cannot gain members."]


def test_partner_worker_adds_only_their_young_people(
    partner_worker, organisation, other_organisation
):
    group = factories.GroupFactory(host_organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=organisation)
    others = factories.YoungPersonFactory(organisation=other_organisation)
    assert services.membership_add(
        actor=partner_worker, group=group, young_person=theirs, joined_on=TODAY
    ).pk
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=partner_worker, group=group, young_person=others, joined_on=TODAY
        )
    assert "young_person" in error.value.message_dict
    other_group = factories.GroupFactory(host_organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=partner_worker, group=other_group, young_person=theirs, joined_on=TODAY
        )


def test_board_member_cannot_add_members(board_member):
    group = factories.GroupFactory()
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=board_member,
            group=group,
            young_person=factories.YoungPersonFactory(),
            joined_on=TODAY,
        )


def test_membership_end_checks_dates(officer):
    membership = factories.MembershipFactory(joined_on=datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.membership_end(
            actor=officer, membership=membership, left_on=datetime.date(2026, 4, 30)
        )
    assert "left_on" in error.value.message_dict
    assert Membership.objects.get(pk=membership.pk).left_on is None
    services.membership_end(actor=officer, membership=membership, left_on=datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.membership_end(actor=officer, membership=membership, left_on=TODAY)
    assert "already ended" in error.value.message_dict["left_on"][0]


def test_group_theme_relationship_defaults():
    link = factories.GroupThemeFactory()
    assert link.relationship == GroupTheme.Relationship.WORKING_ON


def test_groups_are_led_by_active_staff_only(officer, make_user):
    gone = make_user(is_active=False)
    organisation = factories.OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=officer,
            name="Youth Council",
            kind=Group.Kind.YOUTH_COUNCIL,
            host_organisation=organisation,
            leads=[gone],
        )
    assert error.value.message_dict["leads"] == [f"{gone} is not an active member of staff."]
    group = factories.GroupFactory()
    with pytest.raises(ValidationError):
        services.group_update(actor=officer, group=group, leads=[gone])


def test_group_update_keeps_links_and_announces_a_change_of_kind(officer):
    from heard.groups.signals import group_kind_changed, group_links_changed

    theme = factories.ThemeFactory()
    group = factories.GroupFactory(kind=Group.Kind.YOUTH_COUNCIL)
    factories.GroupThemeFactory(group=group, theme=theme, relationship="working_on")
    heard = []

    def kind(sender, group, **kwargs):
        heard.append(("kind", group.pk))

    def links(sender, group, **kwargs):
        heard.append(("links", group.pk))

    group_kind_changed.connect(kind)
    group_links_changed.connect(links)
    try:
        services.group_update(actor=officer, group=group, kind=Group.Kind.BUDDY_GROUP)
        services.group_update(actor=officer, group=group, themes=[(theme, "working_on")])
        services.group_update(actor=officer, group=group, description="")
    finally:
        group_kind_changed.disconnect(kind)
        group_links_changed.disconnect(links)
    assert heard == [("kind", group.pk)]
    entries = audit_for(group)
    assert entries.count() == 1
    assert entries.get().event == "group.changed"
    assert entries.get().changes == {"kind": ["youth_council", "buddy_group"]}


def test_membership_needs_an_active_young_person(officer):
    group = factories.GroupFactory()
    person = factories.YoungPersonFactory(is_active=False)
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=officer, group=group, young_person=person, joined_on=datetime.date(2026, 5, 1)
        )
    assert error.value.message_dict["young_person"] == [f"{person}'s record is not active."]
