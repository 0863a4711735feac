"""The History pages of a group and a theme: the groups policies answer who may read them, and
each groups event reads as words."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.groups import services
from heard.groups.models import Group, ThemeReview
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def history(client, obj):
    label = obj._meta.label_lower
    return client.get(reverse("core:history", args=[label, obj.pk]))


def test_a_groups_history_reads_each_event(client_for, officer, organisation):
    group = services.group_create(
        actor=officer,
        name="Youth Council",
        kind=Group.Kind.YOUTH_COUNCIL,
        host_organisation=organisation,
        start_date=datetime.date(2026, 4, 1),
    )
    services.group_move_stage(
        actor=officer,
        group=group,
        to_stage=Group.Stage.FIRST_VISIT,
        date=datetime.date(2026, 5, 1),
        note="Met the council at the school.",
    )
    services.group_update(actor=officer, group=group, cadence=Group.Cadence.TERMLY)
    person = factories.YoungPersonFactory(organisation=organisation)
    member = services.membership_add(
        actor=officer, group=group, young_person=person, joined_on=datetime.date(2026, 5, 2)
    )
    services.membership_end(actor=officer, membership=member, left_on=datetime.date(2026, 6, 1))
    page = history(client_for(officer), group).content.decode()
    for words in (
        "Added the group",
        "Moved the group to another stage",
        "Note: Met the council at the school.",
        "First visit",
        "Changed the group",
        "Termly meetings",
    ):
        assert words in page, words
    page = history(client_for(officer), member).content.decode()
    assert "Added a member" in page and "Ended the membership" in page


def test_a_themes_history_reads_its_close_after_a_review(client_for, officer):
    theme = services.theme_create(actor=officer, title="Transport", period="2026-27")
    services.theme_review_add(
        actor=officer,
        theme=theme,
        date=datetime.date(2026, 10, 1),
        summary="Done.",
        decision=ThemeReview.Decision.CLOSE,
    )
    page = history(client_for(officer), theme).content.decode()
    assert "Added the theme" in page
    assert "Closed the theme after a review" in page
    assert "Decided at the review of 1 October 2026" in page


def test_only_who_may_see_the_group_reads_its_history(
    client_for, officer, make_user, other_organisation
):
    from heard.core.roles import Role

    group = factories.GroupFactory()
    assert history(client_for(officer), group).status_code == 200
    outsider = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    assert history(client_for(outsider), group).status_code == 403
