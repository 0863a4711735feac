"""heard.config.parts.storage: what STORAGE_* and REDIS_URL change, run on a namespace and an
environment of the test's own."""

from __future__ import annotations

from typing import Any

from heard.config.parts import storage

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
LOCAL_DISK = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def configured(**env: str) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "STORAGES": {"default": LOCAL_DISK, "staticfiles": STATIC},
        "CACHES": DATABASE_CACHE,
    }
    storage.configure(settings, env)
    return settings


def test_nothing_set_keeps_local_disk_and_the_database():
    settings = configured()
    assert settings["STORAGES"] == {"default": LOCAL_DISK, "staticfiles": STATIC}
    assert settings["CACHES"] == DATABASE_CACHE
    assert "SESSION_ENGINE" not in settings  # Django's database sessions
    assert settings["STORAGE_LINK_SECONDS"] == 60
    assert settings["HEARD_RATELIMIT_CACHE"] == "default"


def test_a_bucket_keeps_files_in_s3_privately_with_short_links():
    settings = configured(
        STORAGE_BUCKET="council-heard",
        STORAGE_ENDPOINT_URL="https://objects.example.org",
        STORAGE_ACCESS_KEY_ID="key-id",
        STORAGE_SECRET_ACCESS_KEY="secret",
        STORAGE_REGION="eu-west-2",
        STORAGE_LINK_SECONDS="30",
    )
    default = settings["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "council-heard",
        "querystring_auth": True,
        "querystring_expire": 30,
        "default_acl": None,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": "path",
        "endpoint_url": "https://objects.example.org",
        "access_key": "key-id",
        "secret_key": "secret",
        "region_name": "eu-west-2",
    }
    assert settings["STORAGES"]["staticfiles"] == STATIC
    assert settings["STORAGE_LINK_SECONDS"] == 30


def test_on_aws_credentials_and_addressing_are_boto3s():
    options = configured(STORAGE_BUCKET="heard")["STORAGES"]["default"]["OPTIONS"]
    assert options["addressing_style"] is None
    assert not {"endpoint_url", "access_key", "secret_key", "region_name"} & set(options)
    virtual = configured(
        STORAGE_BUCKET="heard",
        STORAGE_ENDPOINT_URL="https://s3.example.org",
        STORAGE_ADDRESSING_STYLE="virtual",
    )
    assert virtual["STORAGES"]["default"]["OPTIONS"]["addressing_style"] == "virtual"


def test_redis_takes_the_cache_and_sessions():
    settings = configured(REDIS_URL="unix:///run/redis/redis.sock")
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "unix:///run/redis/redis.sock"
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_tests_keep_the_database_even_with_redis_in_the_environment():
    settings = configured(REDIS_URL="redis://127.0.0.1:6379/0", HEARD_TESTING="1")
    assert settings["CACHES"] == DATABASE_CACHE
    assert "SESSION_ENGINE" not in settings
