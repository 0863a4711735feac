"""One atomic counter for every rate limit, shared by every worker and every server.

``hit(key, window_seconds, rows=...)`` counts one request against ``key`` in the current
window (windows are fixed: the clock's seconds divided by ``window_seconds``) and returns the
count so far, this one included (``count(key, ends, rows=...)`` does the same for a key that
already names its window). Two requests at once on two servers get two different counts:

- When the cache is Redis (``REDIS_URL``, ``heard.config.parts.storage``), in the cache: an
  ``add`` of 0 that expires with the window (a no-op when the key is there), then Redis' INCR,
  which is atomic. Nothing to clean up: a window's key expires with it.
- Otherwise in the database, in the model ``rows`` (fields ``key``, ``count``, ``expires_at``):
  the row is made if missing, then ``UPDATE ... SET count = count + 1`` and read back in the
  same transaction, which holds the row's lock until the commit (PostgreSQL and SQLite alike).

``give_back`` takes one back (a request that turned out not to count). The keys are the
caller's: never put an address or a code in one in the clear (hash it).

Heard's rate limits: the young people's portal sign-in attempts per address and per code
(``heard.portal.services.sign_in_attempt_allowed``). The staff sign-in lockout is not a counter
here: django-axes asks Heard's handler (``heard.core.lockout``), which counts sign-in events
in the database, atomic across servers through the one shared database. The API has no
throttles (a token is issued by an administrator and every request is checked and audited).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

PREFIX = "ratelimit"


def _cache() -> BaseCache:
    return caches[getattr(settings, "HEARD_RATELIMIT_CACHE", "default")]


def counts_in_cache() -> bool:
    """Whether rate limits count in the cache: only a Redis cache, whose increment is atomic
    and shared by every server (the database cache's and local memory's are neither)."""
    return "redis" in type(_cache()).__module__


def window(
    window_seconds: int, now: datetime.datetime | None = None
) -> tuple[int, datetime.datetime]:
    """The number of the window ``now`` is in, and when that window ends."""
    number = int((now or timezone.now()).timestamp()) // window_seconds
    ends = datetime.datetime.fromtimestamp((number + 1) * window_seconds, tz=datetime.UTC)
    return number, ends


def count(key: str, ends: datetime.datetime, *, rows: Any) -> int:
    """Count one hit on ``key`` (a window's: it names the window), which lasts until ``ends``;
    the count so far, this hit included."""
    if counts_in_cache():
        cache, name = _cache(), f"{PREFIX}:{key}"
        # Kept a little past the window's end, so a server whose clock is behind still finds it.
        ttl = max(0, int((ends - timezone.now()).total_seconds())) + 5
        cache.add(name, 0, timeout=ttl)
        return int(cache.incr(name))
    with transaction.atomic():
        rows.objects.bulk_create([rows(key=key, expires_at=ends)], ignore_conflicts=True)
        rows.objects.filter(key=key).update(count=F("count") + 1)
        return int(rows.objects.values_list("count", flat=True).get(key=key))


def uncount(key: str, *, rows: Any) -> None:
    """Take one hit back from ``key`` (never below 0)."""
    if counts_in_cache():
        cache, name = _cache(), f"{PREFIX}:{key}"
        try:
            if cache.decr(name) < 0:
                cache.incr(name)
        except ValueError:  # the window's key has gone: nothing to give back
            pass
        return
    rows.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def hit(key: str, window_seconds: int, *, rows: Any, now: datetime.datetime | None = None) -> int:
    """Count one hit on ``key`` in the window of ``window_seconds`` that ``now`` is in; the count
    so far in that window, this hit included."""
    number, ends = window(window_seconds, now)
    return count(f"{key}:{number}", ends, rows=rows)


def give_back(
    key: str, window_seconds: int, *, rows: Any, now: datetime.datetime | None = None
) -> None:
    """Take one hit back from ``key`` in the window ``now`` is in."""
    number, _ends = window(window_seconds, now)
    uncount(f"{key}:{number}", rows=rows)


def forget(*, rows: Any, now: datetime.datetime | None = None) -> int:
    """Delete the database's counts of windows that have ended (the cache's expire by
    themselves)."""
    deleted, _ = rows.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return int(deleted)
