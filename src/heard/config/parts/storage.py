"""Files, cache, sessions and rate limits: local disk and the database by default; S3
(STORAGE_*) and Redis (REDIS_URL).

Files. With nothing set, uploaded and generated files are kept under ``MEDIA_ROOT`` and Heard
streams them itself. ``STORAGE_BUCKET`` keeps them in that S3-compatible bucket instead
(django-storages), with:

- ``STORAGE_ENDPOINT_URL``: the object store's address, for a store that is not Amazon's
  (MinIO, Ceph, a council's own); unset for AWS. Such stores are addressed by path
  (``https://store/bucket/key``) unless ``STORAGE_ADDRESSING_STYLE`` says ``virtual``.
- ``STORAGE_ACCESS_KEY_ID``, ``STORAGE_SECRET_ACCESS_KEY``: the credentials; unset, boto3 finds
  them as it does (instance role, ``AWS_*`` variables).
- ``STORAGE_REGION``: the bucket's region.
- ``STORAGE_LINK_SECONDS`` (60): how long a signed download link works.

The bucket is private: objects get no ACL of their own (the bucket's, which must not be
public; a bucket with ACLs disabled accepts this too), no public URL is ever made (every link is
signed, ``querystring_auth``), an upload never overwrites an object of the same name, and a
download is a link signed for ``STORAGE_LINK_SECONDS`` given only after Heard's permission check
(``heard.core.files.stored_file_response``).

Cache, sessions, rate limits. With nothing set, the cache is a table of Heard's database
(``heard_cache``) and sessions are rows of the database: both shared by every worker and every
server that uses the database. ``REDIS_URL`` (``redis://``, ``rediss://`` or
``unix:///path/to/socket``) moves the cache to Redis (django-redis) and sessions to
``cached_db``: read from Redis, written to Redis and the database. Not ``cache`` alone: a Redis
restart, a failover or an eviction under memory pressure would then sign every member of staff
and every young person out at once (and lose a half-filled form's session); with ``cached_db`` a
miss falls back to the database row, and the database stays the record of who is signed in.
Rate limits (``heard.core.ratelimit``) count in the cache when it is Redis (one atomic INCR
across every server), in the database otherwise. Tests (``HEARD_TESTING``) keep the database
unless a test configures its own, as background jobs do (``heard.config.parts.tasks``): a
``REDIS_URL`` in a CI environment must not make parallel test runs share one cache.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

S3_BACKEND = "storages.backends.s3.S3Storage"
REDIS_BACKEND = "django_redis.cache.RedisCache"
CACHED_DB_SESSIONS = "django.contrib.sessions.backends.cached_db"
#: How long a signed download link works unless STORAGE_LINK_SECONDS says otherwise.
LINK_SECONDS = 60


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


def s3_options(env: Mapping[str, str], link_seconds: int) -> dict[str, Any]:
    """django-storages' S3Storage options for ``env`` (which names a bucket)."""
    endpoint = _get(env, "STORAGE_ENDPOINT_URL")
    options: dict[str, Any] = {
        "bucket_name": _get(env, "STORAGE_BUCKET"),
        "querystring_auth": True,
        "querystring_expire": link_seconds,
        "default_acl": None,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": _get(env, "STORAGE_ADDRESSING_STYLE") or ("path" if endpoint else None),
    }
    for option, name in (
        ("endpoint_url", "STORAGE_ENDPOINT_URL"),
        ("access_key", "STORAGE_ACCESS_KEY_ID"),
        ("secret_key", "STORAGE_SECRET_ACCESS_KEY"),
        ("region_name", "STORAGE_REGION"),
    ):
        if _get(env, name):
            options[option] = _get(env, name)
    return options


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    link_seconds = int(_get(env, "STORAGE_LINK_SECONDS") or LINK_SECONDS)
    settings["STORAGE_LINK_SECONDS"] = link_seconds
    if _get(env, "STORAGE_BUCKET"):
        storages = dict(settings["STORAGES"])
        storages["default"] = {"BACKEND": S3_BACKEND, "OPTIONS": s3_options(env, link_seconds)}
        settings["STORAGES"] = storages
    #: The cache rate limits count in (heard.core.ratelimit).
    settings["HEARD_RATELIMIT_CACHE"] = "default"
    redis_url = _get(env, "REDIS_URL")
    testing = _get(env, "HEARD_TESTING").lower() in {"1", "true", "yes", "on"}
    if redis_url and not testing:
        settings["CACHES"] = {
            "default": {
                "BACKEND": REDIS_BACKEND,
                "LOCATION": redis_url,
                "KEY_PREFIX": "heard",
                "OPTIONS": {
                    # A cache that does not answer within a few seconds fails the request
                    # rather than hanging a worker thread.
                    "SOCKET_CONNECT_TIMEOUT": 5,
                    "SOCKET_TIMEOUT": 5,
                },
            }
        }
        settings["SESSION_ENGINE"] = CACHED_DB_SESSIONS
