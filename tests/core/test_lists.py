"""Lists of a big table count by PostgreSQL's estimate when unfiltered, and still page right."""

import pytest
from django.core.paginator import EmptyPage
from django.db import connection
from django.urls import reverse

from heard.core import lists
from heard.people.models import YoungPerson
from tests import factories

LIST = reverse("people:young-person-list")


@pytest.fixture
def sixty(db, organisation):
    return [factories.YoungPersonFactory(organisation=organisation) for _ in range(60)]


@pytest.fixture
def estimate(monkeypatch):
    """PostgreSQL's statistics say the table is big (the list itself holds 60 rows)."""
    monkeypatch.setattr(lists, "count_or_estimate", lambda queryset: (120_400, True))


def test_an_unfiltered_big_table_is_estimated_and_paged_by_its_rows(sixty, estimate):
    paginator = lists.Paginator(YoungPerson.objects.order_by("pk"), 25)
    assert paginator.count == 120_400 and paginator.estimated
    first, last = paginator.page(1), paginator.page(3)
    assert len(first) == 25 and first.has_next() and first.next_page_number() == 2
    assert len(last) == 10 and not last.has_next() and last.has_previous()
    with pytest.raises(EmptyPage):
        paginator.page(4)


def test_a_small_table_is_counted(sixty):
    paginator = lists.Paginator(YoungPerson.objects.order_by("pk"), 25)
    assert paginator.count == 60 and not paginator.estimated
    assert paginator.num_pages == 3 and not paginator.page(3).has_next()


def test_the_list_page_says_about_and_a_page_past_the_end_is_not_found(
    client_for, officer, sixty, estimate
):
    client = client_for(officer)
    page = client.get(LIST).content.decode()
    assert "About 120,000 records." in page
    assert "Page 1 of about 4816" in page
    assert 'rel="next"' in page
    last = client.get(LIST, {"page": 3}).content.decode()
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert client.get(LIST, {"page": 4}).status_code == 404


@pytest.mark.django_db
def test_only_a_whole_table_on_postgresql_is_estimated(sixty, monkeypatch):
    everyone = YoungPerson.objects.select_related("organisation").order_by("pk")
    assert lists.count_or_estimate(everyone.filter(is_active=True)) is None
    assert lists.count_or_estimate(everyone.distinct()) is None
    if connection.vendor != "postgresql":
        assert lists.count_or_estimate(everyone) is None
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_youngperson")
    # A small table is counted exactly, in the same one query; a big one is estimated.
    assert lists.count_or_estimate(everyone) == (60, False)
    factories.YoungPersonFactory()
    assert lists.count_or_estimate(everyone) == (61, False)
    monkeypatch.setattr(lists, "ESTIMATE_FROM", 10)
    assert lists.count_or_estimate(everyone) == (60, True)


def test_the_api_says_when_its_count_is_an_estimate(api_for, officer, sixty, monkeypatch):
    api = api_for(officer)
    exact = api.get("/api/v1/young-people/").json()
    assert exact["count"] == 60 and exact["count_is_estimate"] is False
    monkeypatch.setattr(lists, "count_or_estimate", lambda queryset: (120_400, True))
    first = api.get("/api/v1/young-people/", {"page_size": 50}).json()
    assert first["count"] == 120_400 and first["count_is_estimate"] is True
    assert len(first["results"]) == 50 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 10 and second["next"] is None
    assert api.get("/api/v1/young-people/", {"page": 3}).status_code == 404
    schema = api.get(reverse("openapi"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200 and b"count_is_estimate" in schema.content
