"""Finding the young person when logging a one-to-one session (issue 17), the staff a worker may
record as present, and every mention of a young person in the participation log linking to them.

The "who was it with" step searches any part of a first, last or preferred name or a reference
(references only for a role that does not see names) among the young people the user may see,
offers the matches as radios (name first, reference beside) and goes on with the chosen one's
reference: ``?young_person=<reference>``, the next step's query string as before."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from heard.core.roles import PROGRAMME_ROLES, Role
from heard.participation import selectors, services
from heard.participation.forms import SessionForm, SessionSubjectForm
from heard.participation.models import Degree, ParticipationType, Session
from heard.people import selectors as people_selectors
from heard.people.policies import YoungPersonPolicy
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = reverse("participation:session-create")


@pytest.fixture
def people(organisation):
    """Young people with fixed names and references (a random one could match a search below:
    a drawn reference holds "AD" about once in 200)."""
    return {
        "ada": factories.YoungPersonFactory(
            reference="YP-222222",
            first_name="Ada",
            last_name="Lovelace",
            preferred_name="",
            organisation=organisation,
        ),
        "bo": factories.YoungPersonFactory(
            reference="YP-333333",
            first_name="Robert",
            last_name="Diddley",
            preferred_name="Bobby",
            organisation=organisation,
        ),
        "cy": factories.YoungPersonFactory(
            reference="YP-444444",
            first_name="Cyrus",
            last_name="Adamson",
            preferred_name="",
            organisation=organisation,
        ),
        "zoe": factories.YoungPersonFactory(
            reference="YP-555555",
            first_name="Zoë",
            last_name="Brontë",
            preferred_name="",
            organisation=organisation,
        ),
    }


@pytest.fixture
def stranger(other_organisation):
    """Another organisation's young person, with a name that matches the searches below."""
    return factories.YoungPersonFactory(
        reference="YP-666666",
        first_name="Adaeze",
        last_name="Lovell",
        preferred_name="",
        organisation=other_organisation,
    )


@pytest.fixture
def names_for_programme_staff_only(monkeypatch):
    """A role matrix where a theme lead reads young people's records but not their names."""
    monkeypatch.setitem(YoungPersonPolicy.everywhere, "view_name", PROGRAMME_ROLES)


def _offered(page: str) -> list[str]:
    """The young people offered as radios, by the references they go on with."""
    return re.findall(r'<input[^>]*name="chosen"[^>]*value="([^"]+)"', page)


def _search(client, text: str):
    return client.get(CREATE, {"young_person": text})


def _log_form(**extra):
    data = {
        "date": "2026-10-14",
        "kind": Session.Kind.ONE_TO_ONE_REVIEW,
        "degree": Degree.CYP_INITIATED_SHARED,
        "participation_type": ParticipationType.INDIVIDUAL,
    }
    data.update(extra)
    return data


# The search ----------------------------------------------------------------------------------


def test_the_step_has_a_visible_search_box(client_for, officer):
    page = client_for(officer).get(CREATE).content.decode()
    assert "Or find one young person" in page
    assert re.search(r'<input[^>]*type="text"[^>]*name="young_person"', page)
    assert "any part of their first, last or preferred name, or their reference" in page
    assert not _offered(page)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ad", ["ada", "cy"]),  # part of a first name, part of a last name
        ("LOVE", ["ada"]),  # part of a last name, any case
        ("bob", ["bo"]),  # part of a preferred name
        ("ada lovelace", ["ada", "cy"]),  # who matches both words first
    ],
)
def test_any_part_of_a_name_finds_them_as_radios_name_first(
    client_for, officer, people, text, expected
):
    response = _search(client_for(officer), text)
    page = response.content.decode()
    assert response.status_code == 200
    assert _offered(page) == [people[key].reference for key in expected]
    first = people[expected[0]]
    assert f"{first.display_name} ({first.reference})" in page
    assert "govuk-radios" in page and "Continue" in page


def test_part_of_a_reference_finds_them(client_for, officer, people):
    ada = people["ada"]
    page = _search(client_for(officer), ada.reference[3:7].lower()).content.decode()
    assert ada.reference in _offered(page)


def test_a_whole_reference_goes_straight_on(client_for, officer, people):
    ada = people["ada"]
    page = _search(client_for(officer), ada.reference.lower()).content.decode()
    assert "recorded as attending" in page
    assert not _offered(page)


def test_choosing_one_goes_on_with_their_reference(client_for, officer, people):
    bo = people["bo"]
    client = client_for(officer)
    response = client.get(CREATE, {"young_person": "bob", "chosen": bo.reference})
    assert response.status_code == 302
    assert response["Location"] == f"{CREATE}?young_person={bo.reference}"
    page = client.get(response["Location"]).content.decode()
    assert "recorded as attending" in page
    response = client.post(response["Location"], _log_form())
    assert response.status_code == 302
    assert Session.objects.get().attendances.get().young_person == bo


def test_a_choice_the_search_did_not_offer_is_refused(client_for, officer, people, stranger):
    page = (
        client_for(officer)
        .get(CREATE, {"young_person": "bob", "chosen": people["ada"].reference})
        .content.decode()
    )
    assert "Choose one of the young people listed." in page
    assert _offered(page) == [people["bo"].reference]


def test_nothing_found_is_an_error_on_the_field(client_for, officer, people):
    response = _search(client_for(officer), "Zebedee")
    page = response.content.decode()
    assert "No young person you can see matches \u201cZebedee\u201d." in page
    assert "govuk-error-summary" in page and 'href="#id_young_person"' in page
    assert not _offered(page)


def test_too_many_says_how_many_and_asks_for_more(client_for, officer, organisation):
    for n in range(selectors.MOST_FOUND + 3):
        factories.YoungPersonFactory(
            first_name=f"Sam{n}", last_name="Smith", preferred_name="", organisation=organisation
        )
    page = _search(client_for(officer), "sam").content.decode()
    count = selectors.MOST_FOUND + 3
    assert f"{count} young people match \u201csam\u201d: type more of their name" in page
    assert not _offered(page)


def test_at_most_twenty_are_offered(officer, organisation):
    for n in range(selectors.MOST_FOUND):
        factories.YoungPersonFactory(first_name=f"Kit{n}", organisation=organisation)
    form = SessionSubjectForm({"young_person": "kit"}, user=officer)
    assert form.is_valid() and form.needs_choice
    assert len(form.fields["chosen"].choices) == selectors.MOST_FOUND


def test_a_blank_search_finds_nobody_and_asks_the_database_nothing(
    officer, people, django_assert_num_queries
):
    with django_assert_num_queries(0):
        found = selectors.young_person_found(officer, "   ")
    assert found == selectors.Found()
    assert not SessionSubjectForm({"young_person": "  "}, user=officer).is_valid()


def test_accents_typed_match(officer, people):
    form = SessionSubjectForm({"young_person": "Zoë"}, user=officer)
    assert [ref for ref, _ in form.fields["chosen"].choices] == [people["zoe"].reference]


def test_accent_free_matching_as_the_young_people_search_has_it(officer, people):
    """The search is the young people list's: when that matches "zoe" to "Zoë", so does this."""
    rows = people_selectors.young_people_listed(officer)
    if not people_selectors.young_people_matching(officer, rows, "bronte").exists():
        pytest.skip("the young people search does not match without accents yet")
    form = SessionSubjectForm({"young_person": "bronte"}, user=officer)
    assert [ref for ref, _ in form.fields["chosen"].choices] == [people["zoe"].reference]


def test_another_organisations_young_person_is_never_offered_to_a_partner_worker(
    client_for, partner_worker, people, stranger
):
    client = client_for(partner_worker)
    page = _search(client, "lov").content.decode()
    assert _offered(page) == [people["ada"].reference]
    assert stranger.reference not in page and "Adaeze" not in page
    # Nor by their whole reference, nor chosen by hand.
    page = _search(client, stranger.reference).content.decode()
    assert "No young person you can see matches" in page
    page = client.get(CREATE, {"young_person": "lov", "chosen": stranger.reference})
    assert page.status_code == 200
    assert "Choose one of the young people listed." in page.content.decode()


def test_programme_staff_find_every_organisations(client_for, officer, people, stranger):
    page = _search(client_for(officer), "lov").content.decode()
    assert set(_offered(page)) == {people["ada"].reference, stranger.reference}


def test_a_role_without_names_searches_references_only(
    client_for, theme_lead, people, names_for_programme_staff_only
):
    client = client_for(theme_lead)
    page = client.get(CREATE).content.decode()
    assert "Your role does not show young people\u2019s names" in page
    # "Ada" would find Ada Lovelace by name: not for this role.
    page = _search(client, "Ada").content.decode()
    assert not _offered(page)
    assert "No young person you can see matches \u201cAda\u201d by reference." in page
    ada = people["ada"]
    page = _search(client, ada.reference[3:]).content.decode()
    assert _offered(page) == [ada.reference]
    assert "Lovelace" not in page and "Ada" not in page


def test_the_search_step_runs_a_fixed_number_of_queries(
    client_for, officer, organisation, count_queries
):
    client = client_for(officer)
    factories.YoungPersonFactory(first_name="Nia", organisation=organisation)
    few, response = count_queries(lambda: _search(client, "nia"))
    assert len(_offered(response.content.decode())) == 1
    for _ in range(10):
        factories.YoungPersonFactory(first_name="Nia", organisation=organisation)
    many, response = count_queries(lambda: _search(client, "nia"))
    assert len(_offered(response.content.decode())) == 11
    assert few == many


def test_a_group_and_a_young_person_together_is_an_error(client_for, officer, people, group):
    page = (
        client_for(officer)
        .get(CREATE, {"group": group.pk, "young_person": people["ada"].reference})
        .content.decode()
    )
    assert "Choose a group or one young person, not both." in page


# Staff a worker may record as present --------------------------------------------------------


@pytest.fixture
def colleague(make_user, organisation):
    return make_user(Role.PARTNER_WORKER, organisation=organisation, full_name="Pat Colleague")


@pytest.fixture
def foreign_worker(make_user, other_organisation):
    return make_user(Role.PARTNER_WORKER, organisation=other_organisation, full_name="Fay Foreign")


def _staff_offered(form: SessionForm) -> set[int]:
    fields = [form.fields["staff_present"], form.fields.get("other_staff_present")]
    return {int(pk) for field in fields if field is not None for pk, _ in field.choices}


def test_a_partner_worker_is_offered_their_organisations_staff_only(
    partner_worker, colleague, foreign_worker, officer, group
):
    form = SessionForm(user=partner_worker, group=group)
    assert _staff_offered(form) == {partner_worker.pk, colleague.pk}
    assert set(selectors.staff_choosable(partner_worker)) == {partner_worker, colleague}


def test_programme_staff_are_offered_every_active_member_of_staff(
    officer, partner_worker, foreign_worker, group
):
    form = SessionForm(user=officer, group=group)
    assert {officer.pk, partner_worker.pk, foreign_worker.pk} <= _staff_offered(form)


def test_a_partner_worker_posting_foreign_staff_is_refused_on_the_page(
    client_for, partner_worker, foreign_worker, group
):
    factories.BackgroundCheckFactory(staff=partner_worker)
    factories.BackgroundCheckFactory(staff=foreign_worker)
    response = client_for(partner_worker).post(
        f"{CREATE}?group={group.pk}",
        _log_form(
            kind=Session.Kind.GROUP_SESSION,
            staff_present=[str(partner_worker.pk), str(foreign_worker.pk)],
        ),
    )
    assert response.status_code == 200
    assert "Choose staff from the list." in response.content.decode()
    assert not Session.objects.exists()


def test_the_service_refuses_staff_the_actor_may_not_choose(partner_worker, foreign_worker, group):
    factories.BackgroundCheckFactory(staff=foreign_worker)
    with pytest.raises(ValidationError) as refused:
        services.session_log(
            actor=partner_worker,
            group=group,
            date="2026-10-14",
            kind=Session.Kind.GROUP_SESSION,
            degree=Degree.CYP_INITIATED_SHARED,
            participation_type=ParticipationType.PUBLIC,
            staff_present=[foreign_worker],
        )
    assert "You cannot record Fay Foreign as present" in str(refused.value)
    assert not Session.objects.exists()


def test_the_service_lets_a_partner_worker_record_their_colleague(partner_worker, colleague, group):
    factories.BackgroundCheckFactory(staff=colleague)
    session = services.session_log(
        actor=partner_worker,
        group=group,
        date="2026-10-14",
        kind=Session.Kind.GROUP_SESSION,
        degree=Degree.CYP_INITIATED_SHARED,
        participation_type=ParticipationType.PUBLIC,
        staff_present=[colleague],
    )
    assert list(session.staff_present.all()) == [colleague]


def test_the_service_refuses_foreign_staff_added_on_an_edit(partner_worker, foreign_worker, group):
    session = factories.SessionFactory(staff_present=[], group=group)
    with pytest.raises(ValidationError):
        services.session_update(
            actor=partner_worker, session=session, staff_present=[foreign_worker]
        )
    assert not session.staff_present.exists()


def test_an_edit_keeps_staff_the_editor_could_not_choose(
    client_for, partner_worker, foreign_worker, group
):
    factories.BackgroundCheckFactory(staff=foreign_worker)
    session = factories.SessionFactory(staff_present=[], group=group, date="2026-10-01")
    session.staff_present.add(foreign_worker)
    client = client_for(partner_worker)
    edit = reverse("participation:session-edit", args=[session.pk])
    page = client.get(edit).content.decode()
    box = re.search(rf'<input[^>]*name="staff_present"[^>]*value="{foreign_worker.pk}"[^>]*>', page)
    assert box and "checked" in box.group(0)
    response = client.post(
        edit,
        _log_form(
            date="2026-10-01",
            kind=Session.Kind.GROUP_SESSION,
            staff_present=[str(foreign_worker.pk)],
            notes="Changed",
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.notes == "Changed"
    assert list(session.staff_present.all()) == [foreign_worker]


# Every mention links to the young person -----------------------------------------------------


def _link(person) -> str:
    return f'href="{reverse("people:young-person-detail", args=[person.pk])}"'


def test_the_session_detail_links_its_attendees_name_first(client_for, officer, people, group):
    session = factories.SessionFactory(group=group)
    factories.AttendanceFactory(session=session, young_person=people["ada"])
    page = (
        client_for(officer)
        .get(reverse("participation:session-detail", args=[session.pk]))
        .content.decode()
    )
    assert re.search(rf'<a class="govuk-link" {_link(people["ada"])}>Ada Lovelace</a>', page)
    table = page[page.index("Who attended") :]
    assert table.index(">Name<") < table.index(">Reference<")


def test_an_individual_session_links_its_young_person(client_for, officer, people):
    ada = people["ada"]
    session = factories.SessionFactory(group=None, young_person=ada)
    client = client_for(officer)
    detail = client.get(reverse("participation:session-detail", args=[session.pk]))
    assert _link(ada) in detail.content.decode()
    listed = client.get(reverse("participation:session-list")).content.decode()
    assert re.search(rf"{_link(ada)}>Ada Lovelace</a> \(individual\)", listed)
    form_page = client.get(CREATE, {"young_person": ada.reference}).content.decode()
    assert re.search(rf"{_link(ada)}>Ada Lovelace</a> is recorded as attending", form_page)


def test_a_role_without_names_sees_the_reference_linked(
    client_for, theme_lead, people, group, names_for_programme_staff_only
):
    session = factories.SessionFactory(group=group)
    factories.AttendanceFactory(session=session, young_person=people["ada"])
    page = (
        client_for(theme_lead)
        .get(reverse("participation:session-detail", args=[session.pk]))
        .content.decode()
    )
    assert f"{_link(people['ada'])}>{people['ada'].reference}</a>" in page
    assert "Lovelace" not in page


def test_markup_and_formulas_in_names_and_the_search_are_shown_as_text(
    client_for, officer, organisation
):
    """A name holding markup, and a search holding markup, are shown as text in the results, the
    hint and the error: nothing the page draws comes from them unescaped."""
    factories.YoungPersonFactory(
        first_name='<b id="x">Bold</b>',
        last_name="=HYPERLINK(1)",
        preferred_name="",
        organisation=organisation,
    )
    page = _search(client_for(officer), "bold").content.decode()
    assert '<b id="x">' not in page
    assert "&lt;b id=&quot;x&quot;&gt;Bold&lt;/b&gt;" in page
    missing = _search(client_for(officer), '<img src=x onerror="1">').content.decode()
    assert "<img src=x" not in missing
    assert "&lt;img src=x onerror=&quot;1&quot;&gt;" in missing
