"""A staff member's private calendar subscription address: made, made anew, turned off.

The address carries a long random token (256 bits). Heard keeps only a keyed hash of it
(HMAC-SHA256 with the secret key, as for backup codes), so the address is shown once, when it
is made, and a copy of the database cannot be used to read anyone's calendar. Each staff member
manages only their own; the feed itself shows what its owner may see when it is read.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from heard.core import audit
from heard.core.permissions import require
from heard.people import events
from heard.people.models import CalendarFeed, User

#: Who may have a calendar address: whoever may see the engagement calendar.
PERMISSION = "groups.view_group"


@transaction.atomic
def calendar_feed_make(*, actor: User) -> str:
    """A new private address token for ``actor``'s own calendar; an older one stops working at
    once. Returns the token: it is never stored, so the caller shows it this once."""
    require(actor, PERMISSION)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    replaced = feed is not None
    if feed is None:
        feed = CalendarFeed(user=actor)
    feed.token_hash = CalendarFeed.hash_of(token)
    feed.created_at = timezone.now()
    feed.full_clean()
    feed.save()
    audit.record(
        actor=actor, obj=actor, event=events.CALENDAR_FEED_MADE, metadata={"replaced": replaced}
    )
    return token


@transaction.atomic
def calendar_feed_turn_off(*, actor: User) -> bool:
    """Turn off ``actor``'s own address (it stops working at once). False if there was none.

    No permission is asked: anyone may turn off their own address, even after losing the
    permission to see the calendar."""
    deleted, _ = CalendarFeed.objects.filter(user=actor).delete()
    if deleted:
        audit.record(actor=actor, obj=actor, event=events.CALENDAR_FEED_TURNED_OFF)
    return bool(deleted)
