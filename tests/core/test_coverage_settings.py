"""Heard's settings as the environment sets them: the settings module is run afresh (runpy, not
imported, so the running Django keeps its own) under a test environment for each case."""

import runpy
import stat

import pytest

from heard.config import settings as live_settings

SETTINGS_FILE = live_settings.__file__
CLEARED = (
    "SECRET_KEY",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "HEARD_HTTPS",
    "HEARD_TESTING",
    "DEBUG",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "ALLOWED_HOSTS",
    "HEARD_TRUSTED_PROXY_COUNT",
)


@pytest.fixture
def load(monkeypatch, tmp_path):
    """The settings for an environment of ``HEARD_VAR_DIR=tmp_path`` plus ``env``."""

    def run(**env):
        for name in CLEARED:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HEARD_VAR_DIR", str(tmp_path))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(SETTINGS_FILE)

    return run


def test_with_nothing_set_a_secret_is_made_once_and_kept_private(load, tmp_path):
    first = load()
    key_file = tmp_path / "secret_key"
    assert len(first["SECRET_KEY"]) >= 50
    assert key_file.read_text() == first["SECRET_KEY"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # The next start reads the same secret: sessions and record keys survive a restart.
    assert load()["SECRET_KEY"] == first["SECRET_KEY"]


def test_a_secret_in_the_environment_wins_and_writes_no_file(load, tmp_path):
    assert load(SECRET_KEY="from-the-environment")["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_with_nothing_set_heard_runs_on_sqlite_under_var(load, tmp_path):
    config = load()
    database = config["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "heard.sqlite3")
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert not config["SESSION_COOKIE_SECURE"] and config["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in config
    # Not testing: real password hashing and the console mail backend.
    assert "PASSWORD_HASHERS" not in config
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert config["STORAGES"]["staticfiles"]["BACKEND"].endswith(
        "CompressedManifestStaticFilesStorage"
    )


def test_a_postgresql_url_checks_connections_and_turns_jit_off(load):
    config = load(DATABASE_URL="postgres://heard:pw@db.example:5433/heard", CONN_MAX_AGE="120")
    database = config["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "heard")
    assert database["CONN_MAX_AGE"] == 120 and database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"] == {"options": "-c jit=off"}


def test_another_database_gets_neither_sqlite_nor_postgresql_tuning(load):
    database = load(DATABASE_URL="mysql://heard:pw@db.example/heard")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.mysql"
    assert database["CONN_HEALTH_CHECKS"] is False
    assert not {"options", "init_command"} & set(database.get("OPTIONS", {}))


def test_https_turns_on_secure_cookies_hsts_and_the_proxy_header(load):
    config = load(HEARD_HTTPS="yes")
    assert config["SESSION_COOKIE_SECURE"] and config["CSRF_COOKIE_SECURE"]
    assert config["SECURE_SSL_REDIRECT"] and config["SECURE_HSTS_SECONDS"] == 31536000
    assert config["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_smtp_and_lists_come_from_the_environment(load):
    config = load(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example",
        EMAIL_PORT="587",
        EMAIL_USE_TLS=" TRUE ",
        ALLOWED_HOSTS=" heard.example , ,www.heard.example",
        HEARD_TRUSTED_PROXY_COUNT="",
    )
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("smtp.example", 587)
    assert config["EMAIL_USE_TLS"] is True
    assert config["ALLOWED_HOSTS"] == ["heard.example", "www.heard.example"]
    assert config["HEARD_TRUSTED_PROXY_COUNT"] == 0


def test_testing_overrides_the_mail_backend_and_hashers(load):
    config = load(HEARD_TESTING="1", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert config["PASSWORD_HASHERS"] == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert config["STORAGES"]["staticfiles"]["BACKEND"].endswith(".StaticFilesStorage")
