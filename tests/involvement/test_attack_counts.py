"""Differencing attack on the young people an activity names: a board member (a protected
reader, ADR 0008) is never shown how many young people an activity names, or how many of them
they cannot see, exact, on the list, its CSV, the activity's page or the panels page."""

import csv
import io

import pytest
from django.urls import reverse

from heard.involvement import selectors
from tests import factories
from tests.involvement.factories import ActivityFactory


@pytest.fixture
def named_three(organisation, other_organisation):
    activity = ActivityFactory(organisation=organisation, title="Recruiting a youth worker")
    activity.young_people.set(
        [
            factories.YoungPersonFactory(organisation=organisation),
            factories.YoungPersonFactory(organisation=organisation),
            factories.YoungPersonFactory(organisation=other_organisation),
        ]
    )
    return activity


def test_the_list_and_its_export_show_a_board_member_the_count_protected(
    named_three, board_member, officer, client_for
):
    listed = selectors.activities_visible_to(board_member).get(pk=named_three.pk)
    assert selectors.shown_young_people_count(board_member, listed) in ("fewer than 5", 5)
    officer_row = selectors.activities_visible_to(officer).get(pk=named_three.pk)
    assert selectors.shown_young_people_count(officer, officer_row) == 3
    url = reverse("involvement:activity-list")
    assert [row["Young people named"] for row in _csv(client_for(board_member), url)] in (
        ["fewer than 5"],
        ["5"],
    )
    assert [row["Young people named"] for row in _csv(client_for(officer), url)] == ["3"]


def test_the_activity_page_says_how_many_are_hidden_protected(
    named_three, board_member, partner_worker, client_for
):
    url = reverse("involvement:activity-detail", args=[named_three.pk])
    board = client_for(board_member).get(url).content.decode()
    assert "3 young people you cannot see" not in board
    assert "Fewer than 5 young people you cannot see" in board or "5 young people" in board
    # The partner worker sees their own two by reference; the third is hidden, and protected.
    partner = client_for(partner_worker).get(url).content.decode()
    assert "1 young person you cannot see" not in partner


def _csv(client, url):
    exported = client.get(url, {"format": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
