"""Finding a young person by name (issue 17): any part of a first, last or preferred name or of a
reference, any case, from the young people list's own search box; sorted by name, the name
linking to the record, for roles that see names; references only for a role that does not."""

import pytest
from django.urls import reverse

from heard.core.roles import PROGRAMME_ROLES, Role
from heard.people import selectors
from heard.people.policies import YoungPersonPolicy
from tests.factories import GroupFactory, MembershipFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("people:young-person-list")


@pytest.fixture
def people(organisation):
    """Three young people with fixed names and references (a random one could match a search
    below: a drawn reference holds "AD" about once in 200)."""
    return {
        "ada": YoungPersonFactory(
            reference="YP-222222",
            first_name="Ada",
            last_name="Lovelace",
            preferred_name="",
            organisation=organisation,
        ),
        "bo": YoungPersonFactory(
            reference="YP-333333",
            first_name="Robert",
            last_name="Diddley",
            preferred_name="Bobby",
            organisation=organisation,
        ),
        "cy": YoungPersonFactory(
            reference="YP-444444",
            first_name="Cyrus",
            last_name="Adamson",
            preferred_name="",
            organisation=organisation,
        ),
    }


@pytest.fixture
def names_for_programme_staff_only(monkeypatch):
    """A role matrix where a theme lead reads young people's records but not their names."""
    monkeypatch.setitem(YoungPersonPolicy.everywhere, "view_name", PROGRAMME_ROLES)


def _found(user, text):
    rows = selectors.young_people_listed(user)
    return [person.reference for person in selectors.young_people_matching(user, rows, text)]


def _refs(*people):
    return [person.reference for person in people]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ad", ["ada", "cy"]),  # part of a first name, part of a last name; by first name
        ("LOVE", ["ada"]),  # part of a last name, any case
        ("bob", ["bo"]),  # part of a preferred name
        ("diddley", ["bo"]),
        ("  ", ["ada", "cy", "bo"]),  # nothing typed: everyone, by first name
    ],
)
def test_a_young_person_is_found_by_any_part_of_a_name(officer, people, text, expected):
    assert _found(officer, text) == _refs(*(people[key] for key in expected))


def test_a_young_person_is_found_by_any_part_of_their_reference(officer, people):
    reference = people["bo"].reference
    assert _found(officer, reference[3:7].lower()) == [reference]


def test_who_matches_every_word_comes_first(officer, people):
    assert _found(officer, "adamson cyrus")[0] == people["cy"].reference
    assert _found(officer, "ada lovelace") == _refs(people["ada"], people["cy"])


def test_who_has_a_name_starting_with_the_words_comes_first(officer, organisation):
    anna = YoungPersonFactory(first_name="Anna", last_name="Abbott", organisation=organisation)
    ottilie = YoungPersonFactory(first_name="Ottilie", last_name="Zane", organisation=organisation)
    assert _found(officer, "ott") == _refs(ottilie, anna)
    assert _found(officer, "bott") == _refs(anna)


def test_rows_in_no_order_of_their_own_are_found_by_reference(officer, organisation):
    """The API's rows (the model's default order): its pages must not shuffle."""
    found = [
        YoungPersonFactory(first_name=f"Ann{letter}", organisation=organisation)
        for letter in "abcdef"
    ]
    rows = selectors.young_people_visible_to(officer)
    matching = selectors.young_people_matching(officer, rows, "nn")
    assert [person.reference for person in matching] == sorted(_refs(*found))


def test_the_list_is_by_name_for_roles_that_see_names(officer, people):
    listed = list(selectors.young_people_listed(officer))
    assert listed == [people["ada"], people["cy"], people["bo"]]  # Ada, Cyrus, Robert


def test_a_partner_worker_finds_only_their_own(partner_worker, people, other_organisation):
    YoungPersonFactory(first_name="Adaline", organisation=other_organisation)
    assert _found(partner_worker, "ada") == _refs(people["ada"], people["cy"])


def test_a_role_without_names_cannot_search_by_name(
    names_for_programme_staff_only, theme_lead, officer, people
):
    assert not selectors.sees_names(theme_lead)
    assert selectors.sees_names(officer)
    assert _found(theme_lead, "lovelace") == []
    assert _found(theme_lead, "bobby") == []
    assert _found(theme_lead, people["bo"].reference.lower()) == [people["bo"].reference]
    # by reference for them
    assert list(selectors.young_people_listed(theme_lead)) == sorted(
        people.values(), key=lambda person: person.reference
    )


def test_a_role_without_names_sees_no_name_in_the_page_or_the_csv(
    names_for_programme_staff_only, client_for, theme_lead, people
):
    client = client_for(theme_lead)
    html = client.get(LIST, {"search": "lovelace"}).content.decode()
    assert "No young people match your search." in html
    html = client.get(LIST).content.decode()
    csv = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
    for output in (html, csv):
        for name in ("Ada", "Lovelace", "Robert", "Bobby", "Diddley", "Cyrus", "Adamson"):
            assert name not in output, name
        for person in people.values():
            assert person.reference in output
    assert csv.splitlines()[0].startswith("Reference,Age band,")
    link = reverse("people:young-person-detail", args=[people["ada"].pk])
    assert f'<a class="govuk-link" href="{link}">{people["ada"].reference}</a>' in html


def test_the_page_has_a_visible_search_box(client_for, officer, people):
    html = client_for(officer).get(LIST).content.decode()
    search = html.index('<form method="get" action="/people/young-people/" role="search"')
    assert html.index("Search by name or reference") > search
    assert html.index('type="search"') < html.index("<table")
    # one field called "search" that a person types in: the filters' panel keeps it hidden
    assert html.count('id="id_search"') == 1
    assert 'type="hidden" name="search"' in html


def test_the_page_lists_names_first_each_linking_to_the_record(client_for, officer, people):
    response = client_for(officer).get(LIST, {"search": "bob"})
    html = response.content.decode()
    bo = people["bo"]
    link = reverse("people:young-person-detail", args=[bo.pk])
    assert f'<a class="govuk-link" href="{link}">Robert Diddley</a>, known as Bobby' in html
    assert html.index('data-label="Name"') < html.index('data-label="Reference"')
    assert f'data-label="Reference">{bo.reference}<' in html
    assert 'value="bob"' in html  # the box keeps what was typed


def test_a_search_keeps_the_other_filters(client_for, officer, people, other_organisation):
    YoungPersonFactory(first_name="Adaline", organisation=other_organisation)
    client = client_for(officer)
    response = client.get(LIST, {"search": "ada", "organisation": people["ada"].organisation_id})
    assert [person.pk for person in response.context["object_list"]] == [
        people["ada"].pk,
        people["cy"].pk,
    ]
    html = response.content.decode()
    organisation = people["ada"].organisation_id
    assert f'<input type="hidden" name="organisation" value="{organisation}">' in html


def test_the_csv_keeps_its_columns(client_for, officer, people):
    csv = b"".join(client_for(officer).get(LIST, {"format": "csv"}).streaming_content).decode()
    assert csv.splitlines()[0] == (
        "Reference,First name,Last name,Preferred name,Age band,Supporting organisation,Area,"
        "Contact preference,Active"
    )


def test_board_members_get_no_list(client_for, board_member, people):
    assert client_for(board_member).get(LIST, {"search": "ada"}).status_code == 403
    assert _found(board_member, "ada") == []
    assert Role.BOARD_MEMBER not in YoungPersonPolicy.everywhere["view_name"]


# A group's members link to their records -------------------------------------------------------


def _group_page(client, group):
    return client.get(reverse("groups:group-detail", args=[group.pk])).content.decode()


def test_a_groups_members_link_to_their_records(client_for, officer, people, organisation):
    group = GroupFactory(host_organisation=organisation)
    MembershipFactory(group=group, young_person=people["bo"])
    html = _group_page(client_for(officer), group)
    link = reverse("people:young-person-detail", args=[people["bo"].pk])
    assert f'<a class="govuk-link" href="{link}">Bobby</a>' in html


def test_a_member_the_user_may_not_open_is_not_a_link(
    client_for, partner_worker, organisation, other_organisation
):
    group = GroupFactory(host_organisation=organisation)
    visitor = YoungPersonFactory(
        first_name="Otto", preferred_name="", organisation=other_organisation
    )
    MembershipFactory(group=group, young_person=visitor)
    html = _group_page(client_for(partner_worker), group)
    assert f'data-label="Name">{visitor.display_name}</td>' in html
    assert reverse("people:young-person-detail", args=[visitor.pk]) not in html


def test_board_members_see_no_members(client_for, board_member, people, organisation):
    group = GroupFactory(host_organisation=organisation)
    MembershipFactory(group=group, young_person=people["ada"])
    html = _group_page(client_for(board_member), group)
    assert "Lovelace" not in html and people["ada"].reference not in html


def test_a_role_without_names_sees_no_member_names(
    names_for_programme_staff_only, client_for, theme_lead, people, organisation
):
    group = GroupFactory(host_organisation=organisation)
    MembershipFactory(group=group, young_person=people["bo"])
    html = _group_page(client_for(theme_lead), group)
    assert people["bo"].reference in html
    link = reverse("people:young-person-detail", args=[people["bo"].pk])
    assert f'<a class="govuk-link" href="{link}">{people["bo"].reference}</a>' in html
    for name in ("Robert", "Diddley", "Bobby"):
        assert name not in html, name
