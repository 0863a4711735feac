"""Rate limits' one counter (heard.core.ratelimit): in the database by default, in Redis when
the cache is Redis (a redis-server of the test's own on a unix socket), where sessions and the
cache live too. Parallel hits from threads get every count exactly once."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from heard.config.parts.storage import CACHED_DB_SESSIONS, REDIS_BACKEND
from heard.core import ratelimit
from heard.portal import services as portal
from heard.portal.models import SignInAttempts
from tests.ops.engines import redis_server

NOW = datetime.datetime(2026, 12, 6, 9, 3, 20, tzinfo=datetime.UTC)
HITS_PER_THREAD = 50
THREADS = 8


# --- In the database (no REDIS_URL) ------------------------------------------------------------


def test_the_database_counts_by_default(db):
    assert not ratelimit.counts_in_cache()
    counts = [ratelimit.hit("test:a", 600, rows=SignInAttempts, now=NOW) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert ratelimit.hit("test:b", 600, rows=SignInAttempts, now=NOW) == 1
    # 09:03:20 is in the window 09:00 to 09:10; the next window counts again.
    number, ends = ratelimit.window(600, NOW)
    assert ends == datetime.datetime(2026, 12, 6, 9, 10, tzinfo=datetime.UTC)
    assert SignInAttempts.objects.get(key=f"test:a:{number}").count == 3
    later = NOW + datetime.timedelta(minutes=10)
    assert ratelimit.hit("test:a", 600, rows=SignInAttempts, now=later) == 1
    ratelimit.give_back("test:a", 600, rows=SignInAttempts, now=NOW)
    assert ratelimit.hit("test:a", 600, rows=SignInAttempts, now=NOW) == 3
    for _ in range(4):  # never below nothing
        ratelimit.give_back("test:b", 600, rows=SignInAttempts, now=NOW)
    assert ratelimit.hit("test:b", 600, rows=SignInAttempts, now=NOW) == 1
    # The ended window's two rows go; the next window's stays.
    assert ratelimit.forget(rows=SignInAttempts, now=ends + datetime.timedelta(seconds=1)) == 2
    assert list(SignInAttempts.objects.values_list("count", flat=True)) == [1]


def test_a_local_memory_cache_is_not_counted_in(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not ratelimit.counts_in_cache()


# --- In Redis (REDIS_URL) ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis():
    with redis_server() as started:
        yield started


@pytest.fixture
def in_redis(settings, redis):
    """The cache and sessions as REDIS_URL makes them (heard.config.parts.storage)."""
    settings.CACHES = {
        "default": {"BACKEND": REDIS_BACKEND, "LOCATION": redis.url, "KEY_PREFIX": "heard"}
    }
    settings.SESSION_ENGINE = CACHED_DB_SESSIONS
    cache.clear()
    yield redis
    cache.clear()


def test_redis_counts_with_an_expiring_key(in_redis, db):
    assert ratelimit.counts_in_cache()
    now = timezone.now()
    counts = [ratelimit.hit("test:a", 600, rows=SignInAttempts, now=now) for _ in range(3)]
    assert counts == [1, 2, 3]
    number, ends = ratelimit.window(600, now)
    name = f"{ratelimit.PREFIX}:test:a:{number}"
    assert cache.get(name) == 3
    ttl = cache.ttl(name)  # django-redis: seconds left
    assert 0 < ttl <= (ends - now).total_seconds() + 5
    assert not SignInAttempts.objects.exists()  # nothing in the database
    ratelimit.give_back("test:a", 600, rows=SignInAttempts, now=now)
    assert cache.get(name) == 2
    # Never below nothing, and nothing to give back once the key has gone.
    ratelimit.hit("test:b", 600, rows=SignInAttempts, now=now)
    for _ in range(3):
        ratelimit.give_back("test:b", 600, rows=SignInAttempts, now=now)
    assert cache.get(f"{ratelimit.PREFIX}:test:b:{number}") == 0
    ratelimit.give_back("test:none", 600, rows=SignInAttempts, now=now)
    assert cache.get(f"{ratelimit.PREFIX}:test:none:{number}") is None


def test_parallel_hits_in_redis_get_every_count_once(in_redis, db):
    """8 threads x 50 hits at once: the counts are exactly 1 to 400, each once."""
    now = timezone.now()
    start = threading.Barrier(THREADS)
    seen: list[int] = []
    lock = threading.Lock()

    def hammer() -> None:
        start.wait()
        mine = [
            ratelimit.hit("test:parallel", 600, rows=SignInAttempts, now=now)
            for _ in range(HITS_PER_THREAD)
        ]
        with lock:
            seen.extend(mine)

    threads = [threading.Thread(target=hammer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(seen) == list(range(1, THREADS * HITS_PER_THREAD + 1))


def test_portal_sign_in_attempts_count_in_redis(in_redis, db, settings):
    settings.HEARD_PORTAL_WRONG_CODES_PER_ADDRESS = 3
    settings.HEARD_PORTAL_TRIES_PER_CODE = 2
    allowed = portal.sign_in_attempt_allowed
    assert [allowed(address="10.0.0.1", code="ABCD-EFGH") for _ in range(3)] == [True, True, False]
    portal.sign_in_attempt_refund(address="10.0.0.1")
    assert allowed(address="10.0.0.1", code="ZZZZ-ZZZ2")  # the 3rd (one was given back)
    assert not allowed(address="10.0.0.1", code="ZZZZ-ZZZ3")
    assert not SignInAttempts.objects.exists()
    # The keys name neither the address nor the code.
    keys = " ".join(in_redis_keys())
    assert keys and "10.0.0.1" not in keys and "ABCD" not in keys


def in_redis_keys() -> list[str]:
    from django_redis import get_redis_connection

    return [key.decode() for key in get_redis_connection("default").keys("*")]


def test_sessions_live_in_redis_and_the_database(in_redis, client, officer):
    client.force_login(officer)
    key = client.cookies["sessionid"].value
    assert any(key in name for name in in_redis_keys())
    assert Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("home")).status_code == 200
    # Redis restarted or evicted: the database row keeps the member of staff signed in.
    cache.clear()
    assert client.get(reverse("home")).status_code == 200
    assert any(key in name for name in in_redis_keys())  # read back into the cache
