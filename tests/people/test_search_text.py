"""A search that forgives accents, case and punctuation (issue 17): the stored, normalised search
text of a young person, kept by every way a name is written, and what the search finds with it."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from heard.core.roles import PROGRAMME_ROLES, AgeBand
from heard.people import search, selectors, services
from heard.people.models import YoungPerson
from heard.people.policies import YoungPersonPolicy
from heard.privacy.services import young_person_anonymise
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("people:young-person-list")


def _found(user, text):
    rows = selectors.young_people_listed(user)
    return [person.reference for person in selectors.young_people_matching(user, rows, text)]


def _refs(*people):
    return [person.reference for person in people]


@pytest.fixture
def names_for_programme_staff_only(monkeypatch):
    """A role matrix where a theme lead reads young people's records but not their names."""
    monkeypatch.setitem(YoungPersonPolicy.everywhere, "view_name", PROGRAMME_ROLES)


@pytest.fixture
def people(organisation):
    digits = iter("23456")

    def person(first, last="", preferred=""):
        # A fixed reference of digits: a drawn one could hold a searched word ("SAM", "MARY").
        return YoungPersonFactory(
            reference="YP-" + next(digits) * 6,
            first_name=first,
            last_name=last,
            preferred_name=preferred,
            organisation=organisation,
        )

    return {
        "zoe": person("Zoë", "Brontë"),
        "sinead": person("Sinéad", "O'Connor"),
        "mary": person("Mary-Jane", "Watson"),
        "bjorn": person("Bjørn", "Müller", "Björn"),
        "sam": person("Sam", "Smith"),
    }


# Normalising -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Zoë", "zoe"),
        ("SINÉAD", "sinead"),
        ("O'Connor", "oconnor"),
        ("O\u2019Connor", "oconnor"),
        ("Mary-Jane  Watson", "mary jane watson"),
        ("Bjørn Łukasz Straße", "bjorn lukasz strasse"),
        ("YP-ABC234", "yp abc234"),
        ("Ze\u0301 (Zé)", "ze ze"),  # a combining accent as well as a composed one
        ("  ...  ", ""),
    ],
)
def test_text_is_normalised_without_accents_case_or_punctuation(text, normalised):
    assert search.normalise(text) == normalised


def test_a_search_looks_for_each_word_typed_once():
    assert search.search_phrases("Zoë  zoe Mary-Jane o'connor '") == ["zoe", "mary jane", "oconnor"]


# Kept by every way a name is written ------------------------------------------------------------


def test_a_new_young_person_gets_their_search_text(officer, organisation):
    person = services.young_person_create(
        actor=officer,
        first_name="Zoë",
        last_name="D'Arcy",
        preferred_name="Zozo",
        age_band=AgeBand.AGE_11_13,
        organisation=organisation,
    )
    stored = YoungPerson.objects.values_list("search_text", flat=True).get(pk=person.pk)
    assert stored == f"zoe darcy zozo {search.normalise(person.reference)}"


def test_a_changed_name_changes_the_search_text(officer, people):
    person = people["sam"]
    services.young_person_update(actor=officer, young_person=person, last_name="Ní Bhriain")
    stored = YoungPerson.objects.values_list("search_text", flat=True).get(pk=person.pk)
    assert stored.startswith("sam ni bhriain ")
    assert _found(officer, "bhriain") == _refs(person)
    assert _found(officer, "smith") == []


def test_an_imported_young_person_is_found_without_accents(officer, organisation):
    header = (
        "first_name,last_name,preferred_name,age_band,date_of_birth,organisation,area,"
        "communication_needs,access_needs,contact_preference\n"
    )
    text = header + f"Siobhán,Ó Súilleabháin,,11_13,,{organisation.name},,,,\n"
    result = services.young_people_import(actor=officer, file=text, dry_run=False)
    assert not result.errors
    [created] = result.created
    assert _found(officer, "siobhan") == [created.reference]
    assert _found(officer, "suilleabhain") == [created.reference]


def test_an_anonymised_young_person_is_not_found_by_their_old_name(officer, people):
    person = people["sinead"]
    young_person_anonymise(actor=None, young_person=person)
    stored = YoungPerson.objects.values_list("search_text", flat=True).get(pk=person.pk)
    assert "sinead" not in stored and "connor" not in stored
    for text in ("Sinéad", "sinead", "O'Connor", "connor"):
        assert _found(officer, text) == [], text
    # still found by the reference the counts keep
    assert _found(officer, person.reference) == _refs(person)


def test_the_migration_fills_every_row_in_batches(people):
    YoungPerson.objects.update(search_text="")
    written = search.fill_search_text(YoungPerson, connection, batch_size=2)
    assert written == len(people)
    for person in people.values():
        stored = YoungPerson.objects.values_list("search_text", flat=True).get(pk=person.pk)
        assert stored == search.search_text_of(person)
        assert stored  # a name and a reference each


def test_the_demo_generator_writes_the_search_text_save_would(db):
    """Its rows go in by COPY or bulk_create, past save(): each gets the search text anyway, an
    erased young person's of "Anonymised" and the reference only."""
    from heard.demo import generator

    generator.generate(scale="tiny", seed=3, today=datetime.date(2026, 11, 20))
    rows = list(YoungPerson.objects.all())
    assert rows
    for person in rows:
        assert person.search_text == search.search_text_of(person), person.reference
    erased = [person for person in rows if person.first_name == "Anonymised"]
    assert erased
    assert all(person.search_text.startswith("anonymised yp ") for person in erased)


# Found ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoe", ["zoe"]),
        ("zoë", ["zoe"]),
        ("BRONTE", ["zoe"]),
        ("Sinead", ["sinead"]),
        ("SINÉAD", ["sinead"]),
        ("oconnor", ["sinead"]),
        ("o'connor", ["sinead"]),
        ("O\u2019Connor", ["sinead"]),
        ("connor", ["sinead"]),
        ("mary-jane", ["mary"]),
        ("mary", ["mary"]),
        ("jane", ["mary"]),
        ("bjorn", ["bjorn"]),
        ("muller", ["bjorn"]),
        ("!!", ["bjorn", "mary", "sam", "sinead", "zoe"]),  # nothing to look for: everyone
    ],
)
def test_names_are_found_whatever_the_accents_case_or_punctuation(officer, people, text, expected):
    assert _found(officer, text) == _refs(*(people[key] for key in expected))


def test_several_words_rank_who_matches_most_first(officer, people, organisation):
    other_sam = YoungPersonFactory(
        reference="YP-777777",
        first_name="Samira",
        last_name="Khan",
        preferred_name="",
        organisation=organisation,
    )
    found = _found(officer, "Sam Smith")
    assert found[0] == people["sam"].reference
    assert set(found) == {people["sam"].reference, other_sam.reference}
    assert _found(officer, "zoe sinead") == _refs(people["sinead"], people["zoe"])


def test_a_reference_is_found_whole_or_in_part_any_case(officer, people):
    reference = people["mary"].reference
    assert _found(officer, reference) == [reference]
    assert _found(officer, reference.lower()) == [reference]
    assert _found(officer, reference[3:8].lower()) == [reference]


def test_a_role_without_names_never_finds_by_a_name(
    names_for_programme_staff_only, theme_lead, officer, people
):
    assert not selectors.sees_names(theme_lead)
    for text in ("zoe", "Zoë", "sinead", "oconnor", "mary jane", "sam smith"):
        assert _found(theme_lead, text) == [], text
        assert _found(officer, text), text
    # "yp" is in every reference, and in every search text: a role without names has only that
    reference = people["zoe"].reference
    assert _found(theme_lead, reference.lower()) == [reference]
    assert _found(theme_lead, f"zoe {reference}") == [reference]


def test_the_page_finds_a_name_typed_without_its_accent(client_for, officer, people):
    response = client_for(officer).get(LIST, {"search": "zoe bronte"})
    assert [person.pk for person in response.context["object_list"]] == [people["zoe"].pk]
    html = response.content.decode()
    assert "Zoë Brontë" in html
    assert 'value="zoe bronte"' in html


def test_the_page_finds_no_name_for_a_role_without_names(
    names_for_programme_staff_only, client_for, theme_lead, people
):
    html = client_for(theme_lead).get(LIST, {"search": "Zoë"}).content.decode()
    assert "No young people match your search." in html
    assert "Zoë" not in html.replace('value="Zoë"', "")


def test_on_postgresql_a_search_reads_the_trigram_index(officer, people):
    """SQLite has no trigram index and scans (the migration skips it there); on PostgreSQL the
    search text's GIN index answers a search, as it does for 200,000 young people."""
    rows = selectors.young_people_matching(officer, selectors.young_people_listed(officer), "zoe")
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'yp_search_text_trgm_idx'")
            assert cursor.fetchall() == []
            assert [person.pk for person in rows] == [people["zoe"].pk]
            return
        # A few rows are one page to PostgreSQL: make a scan dear, as 200,000 rows do.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # The search's condition on its own (the page's join and order are the planner's choice)
    plan = YoungPerson.objects.filter(search_text__contains="zoe").order_by().values("pk").explain()
    assert "yp_search_text_trgm_idx" in plan, plan
    assert [person.pk for person in rows] == [people["zoe"].pk]
