import pytest
from django.http import Http404

from heard.core.roles import Role
from heard.people import selectors
from tests.factories import (
    AttendanceFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
    YoungPersonFactory,
)


@pytest.fixture
def two_organisations(organisation, other_organisation):
    own = YoungPersonFactory.create_batch(2, organisation=organisation)
    other = YoungPersonFactory.create_batch(3, organisation=other_organisation)
    return own, other


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMINISTRATOR, 5),
        (Role.PARTICIPATION_LEAD, 5),
        (Role.PARTICIPATION_OFFICER, 5),
        (Role.THEME_LEAD, 5),
        (Role.SAFEGUARDING_LEAD, 5),
        (Role.PARTNER_WORKER, 2),
        (Role.BOARD_MEMBER, 0),
    ],
)
def test_young_people_visible_to_each_role(
    make_user, organisation, two_organisations, role, expected
):
    user = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    visible = selectors.young_people_visible_to(user)
    assert visible.count() == expected
    if role == Role.PARTNER_WORKER:
        assert {yp.organisation_id for yp in visible} == {organisation.pk}


def test_the_system_sees_everyone(two_organisations):
    assert selectors.young_people_visible_to(None).count() == 5


def test_inactive_staff_see_nothing(organisation, two_organisations):
    user = UserFactory(role=Role.PARTICIPATION_LEAD, is_active=False)
    assert selectors.young_people_visible_to(user).count() == 0


def test_young_person_get_is_404_outside_scope(partner_worker, board_member, two_organisations):
    own, other = two_organisations
    assert selectors.young_person_get(partner_worker, own[0].pk) == own[0]
    for user, pk in [
        (partner_worker, other[0].pk),
        (board_member, own[0].pk),
        (partner_worker, "x"),
    ]:
        with pytest.raises(Http404):
            selectors.young_person_get(user, pk)


def _list_queries(count_queries, user):
    def read():
        rows = list(selectors.young_people_visible_to(user))
        return [(yp.reference, yp.organisation.name) for yp in rows]

    return count_queries(read)[0]


def test_young_people_list_runs_a_fixed_number_of_queries(officer, count_queries):
    YoungPersonFactory.create_batch(2)
    with_two = _list_queries(count_queries, officer)
    YoungPersonFactory.create_batch(8)
    assert _list_queries(count_queries, officer) == with_two == 1


def test_organisations_list_counts_active_young_people_in_fixed_queries(officer, count_queries):
    def read():
        return [(o.name, o.young_people_count) for o in selectors.organisations_visible_to(officer)]

    orgs = OrganisationFactory.create_batch(2)
    YoungPersonFactory.create_batch(3, organisation=orgs[0])
    YoungPersonFactory(organisation=orgs[0], is_active=False)
    queries_two, rows = count_queries(read)
    assert dict(rows)[orgs[0].name] == 3
    assert dict(rows)[orgs[1].name] == 0
    OrganisationFactory.create_batch(8)
    assert count_queries(read)[0] == queries_two == 1


def test_board_members_and_partners_read_organisations(board_member, partner_worker, organisation):
    OrganisationFactory()
    assert selectors.organisations_visible_to(board_member).count() == 2
    assert selectors.organisations_visible_to(partner_worker).count() == 2


def test_staff_are_listed_for_administrators_only(admin_user, lead):
    assert selectors.staff_visible_to(admin_user).count() == 2
    assert selectors.staff_visible_to(lead).count() == 0


def test_memberships_and_sessions_of_a_young_person_are_scoped_for_partners(
    partner_worker, officer, organisation, other_organisation
):
    yp = YoungPersonFactory(organisation=organisation)
    MembershipFactory(young_person=yp, group__host_organisation=organisation)
    MembershipFactory(young_person=yp, group__host_organisation=other_organisation)
    AttendanceFactory(
        young_person=yp, session=SessionFactory(group__host_organisation=organisation)
    )
    AttendanceFactory(
        young_person=yp, session=SessionFactory(group__host_organisation=other_organisation)
    )
    assert len(selectors.young_person_memberships(user=officer, young_person=yp)) == 2
    assert len(selectors.young_person_memberships(user=partner_worker, young_person=yp)) == 1
    assert len(selectors.young_person_recent_attendances(user=officer, young_person=yp)) == 2
    assert len(selectors.young_person_recent_attendances(user=partner_worker, young_person=yp)) == 1


def test_possible_duplicates_ignore_case_and_need_same_band_and_organisation(organisation):
    sam = YoungPersonFactory(first_name="Sam", organisation=organisation)
    YoungPersonFactory(first_name="Sam", organisation=organisation, age_band="14_15")
    YoungPersonFactory(first_name="Sam")
    found = selectors.possible_duplicates(
        first_name=" sAM ", age_band=sam.age_band, organisation=organisation
    )
    assert list(found) == [sam]
