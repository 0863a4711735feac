"""Indicators over the API: value, target, status and trend as each reader may see them, set,
changed and deleted by the participation lead, audited, refused to everyone else."""

import datetime

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.core.suppression import SMALL
from heard.groups.models import Group
from heard.indicators.models import Indicator
from tests.core.disclosure import small_counts_in
from tests.indicators.indicator_helpers import TODAY, attended, council, indicator

pytestmark = pytest.mark.django_db
URL = "/api/v1/indicators/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_an_officer_reads_exact_values_and_a_trend(api_for, officer, organisation):
    attended(council(organisation), datetime.date(2026, 5, 1), 3)
    one = indicator(target=4, amber_within=25)
    listed = api_for(officer).get(URL).json()
    row = listed["results"][0]
    assert (row["name"], row["target"], row["measure_label"]) == (
        one.name,
        4,
        "Young people actively participating",
    )
    assert row["progress"]["current"] == {
        "start": "2026-04-01",
        "end": "2026-10-15",
        "value": 3,
        "status": "amber",
    }
    assert row["progress"]["exact"] is True and "trend" not in row["progress"]
    detail = api_for(officer).get(f"{URL}{one.pk}/").json()
    assert [point["value"] for point in detail["progress"]["trend"]] == [0, 3, 0, 0]


def test_the_board_reads_protected_values(api_for, board_member, organisation):
    group = council(organisation)
    attended(group, datetime.date(2026, 5, 1), 2)
    attended(group, datetime.date(2026, 8, 1), 1)
    one = indicator(target=300)
    detail = api_for(board_member).get(f"{URL}{one.pk}/").json()
    progress = detail["progress"]
    assert progress["exact"] is False
    assert progress["current"]["end"] == "2026-09-30"
    assert progress["current"]["value"] in (SMALL, 5)
    assert not small_counts_in([point["value"] for point in progress["trend"]])


def test_the_lead_sets_changes_and_deletes_one(api_for, lead):
    api = api_for(lead)
    made = api.post(
        URL,
        {
            "name": "Through Buddy Groups",
            "measure": "active_through_group_kind",
            "target": 100,
            "group_kind": Group.Kind.BUDDY_GROUP,
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    assert made.json()["progress"]["current"]["value"] == 0
    assert len(made.json()["progress"]["trend"]) == 4
    changed = api.patch(f"{URL}{pk}/", {"target": 120}, format="json")
    assert changed.status_code == 200 and changed.json()["target"] == 120
    refused = api.patch(f"{URL}{pk}/", {"degree": "assigned_informed"}, format="json")
    assert refused.status_code == 400 and "degree" in refused.json()
    assert api.delete(f"{URL}{pk}/").status_code == 204
    assert not Indicator.objects.exists()
    events = set(AuditEntry.objects.filter(actor=lead).values_list("event", flat=True))
    assert {"indicator.set", "indicator.changed", "indicator.deleted"} <= events


def test_a_share_target_above_100_is_refused(api_for, lead):
    answer = api_for(lead).post(
        URL, {"name": "Fed back", "measure": "views_fed_back", "target": 150}, format="json"
    )
    assert answer.status_code == 400 and "target" in answer.json()


@pytest.mark.parametrize("role", ["officer", "theme_lead", "board_member"])
def test_readers_may_not_write(api_for, request, role):
    one = indicator()
    api = api_for(request.getfixturevalue(role))
    assert api.get(f"{URL}{one.pk}/").status_code == 200
    assert api.post(URL, {"name": "X", "measure": "sessions", "target": 1}).status_code == 403
    assert api.patch(f"{URL}{one.pk}/", {"target": 1}, format="json").status_code == 403
    assert api.delete(f"{URL}{one.pk}/").status_code == 403


@pytest.mark.parametrize("role", ["partner_worker", "safeguarding_lead"])
def test_others_may_not_read(api_for, request, role):
    one = indicator()
    api = api_for(request.getfixturevalue(role))
    assert api.get(URL).status_code == 403
    assert api.get(f"{URL}{one.pk}/").status_code == 403


def test_an_indicator_whose_measure_left_the_library_is_not_found(api_for, officer):
    one = indicator()
    Indicator.objects.filter(pk=one.pk).update(measure="retired")
    assert api_for(officer).get(f"{URL}{one.pk}/").status_code == 404
    assert api_for(officer).get(URL).json()["results"] == []
