"""The private calendar address: made, made anew and turned off through the services, kept only
as a keyed hash, found by its token for active staff only, every change audited."""

import pytest
from django.core.exceptions import PermissionDenied

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.people import selectors, services
from heard.people.models import CalendarFeed


def _entries(user):
    return list(
        AuditEntry.objects.filter(event__startswith="calendar_feed.")
        .order_by("pk")
        .values_list("event", "actor_id", "object_id", "metadata")
    )


def test_making_an_address_keeps_only_a_keyed_hash_and_audits_it(officer):
    token = services.calendar_feed_make(actor=officer)
    assert len(token) >= 43  # 256 random bits
    feed = CalendarFeed.objects.get(user=officer)
    assert feed.token_hash == CalendarFeed.hash_of(token) and token not in feed.token_hash
    assert len(feed.token_hash) == 64
    assert selectors.calendar_feed_owner(token) == officer
    assert selectors.calendar_feed_of(officer) == feed
    assert _entries(officer) == [
        ("calendar_feed.made", officer.pk, str(officer.pk), {"replaced": False})
    ]
    assert token not in str(AuditEntry.objects.values_list("changes", "metadata"))


def test_a_new_address_stops_the_old_one_at_once(officer):
    old = services.calendar_feed_make(actor=officer)
    new = services.calendar_feed_make(actor=officer)
    assert old != new
    assert selectors.calendar_feed_owner(old) is None
    assert selectors.calendar_feed_owner(new) == officer
    assert CalendarFeed.objects.filter(user=officer).count() == 1
    assert [entry[3] for entry in _entries(officer)] == [{"replaced": False}, {"replaced": True}]


def test_turning_it_off_stops_it_and_is_audited_once(officer):
    token = services.calendar_feed_make(actor=officer)
    assert services.calendar_feed_turn_off(actor=officer) is True
    assert selectors.calendar_feed_owner(token) is None
    assert selectors.calendar_feed_of(officer) is None
    assert services.calendar_feed_turn_off(actor=officer) is False
    assert [entry[0] for entry in _entries(officer)] == [
        "calendar_feed.made",
        "calendar_feed.turned_off",
    ]


def test_each_user_has_their_own_address(officer, lead):
    mine = services.calendar_feed_make(actor=officer)
    theirs = services.calendar_feed_make(actor=lead)
    assert selectors.calendar_feed_owner(mine) == officer
    assert selectors.calendar_feed_owner(theirs) == lead
    services.calendar_feed_turn_off(actor=lead)
    assert selectors.calendar_feed_owner(mine) == officer


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 101])
def test_an_unknown_token_finds_nobody(officer, token):
    services.calendar_feed_make(actor=officer)
    assert selectors.calendar_feed_owner(token) is None


def test_a_deactivated_users_address_finds_nobody(officer):
    token = services.calendar_feed_make(actor=officer)
    officer.is_active = False
    officer.save()
    assert selectors.calendar_feed_owner(token) is None


def test_only_staff_who_may_see_the_calendar_make_an_address(make_user):
    nobody = make_user(role="")
    with pytest.raises(PermissionDenied):
        services.calendar_feed_make(actor=nobody)
    assert not CalendarFeed.objects.exists()
    board = make_user(role=Role.BOARD_MEMBER)
    assert services.calendar_feed_make(actor=board)


def test_nobody_signed_out_has_an_address(db):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.calendar_feed_of(AnonymousUser()) is None


def test_a_feed_reads_as_whose_it_is(officer):
    services.calendar_feed_make(actor=officer)
    assert str(CalendarFeed.objects.get()) == f"Calendar subscription of {officer}"
