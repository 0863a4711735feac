import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from heard.core.roles import Role
from tests import depth, factories
from tests.demo_database import database_copies, loaded_demo  # noqa: F401 - fixtures
from tests.migrated_database import migrated_once
from tests.serialized_rows import fast_deserialize

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """An in-memory SQLite test database is migrated once per run and copied into the other
    pytest processes' (tests/migrated_database.py)."""
    folder = os.environ.get("HEARD_TEST_DATABASE_COPIES")
    if not folder:
        base = tmp_path_factory.getbasetemp()
        folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    with migrated_once(Path(folder)):
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_serialized_rollback():
    """The serialized rollback puts the seeded rows back in bulk (tests/serialized_rows.py)."""
    with fast_deserialize():
        yield


def pytest_report_header(config):
    return depth.summary()


def pytest_terminal_summary(terminalreporter):
    # Said again at the end, where CI's log and a reader of the summary look (tests/depth.py).
    terminalreporter.write_line(depth.summary())


def _transactional(item: pytest.Item, marker: pytest.Mark | None) -> bool:
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _check_own_database(item: pytest.Item) -> None:
    """A test marked ``own_database`` serves Heard on a database of its own (a file, a server it
    starts), so it is the same test whatever DATABASE_URL says and ``make test-postgres`` leaves
    it to ``make test``: it must not touch the run's test database."""
    if item.get_closest_marker("own_database") is None:
        return
    uses = {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    if uses or item.get_closest_marker("django_db") is not None:
        raise pytest.UsageError(
            f"{item.nodeid} is marked own_database but uses the run's test database "
            f"({', '.join(sorted(uses)) or 'django_db'})"
        )


def pytest_collection_modifyitems(items):
    """Every transactional test (outside the browser run) puts back the database it found,
    migrations' rows included (``serialized_rollback``). A transactional test empties the
    tables when it ends; without this, the seeded rows (methods, standards) were gone for the
    tests after it on the same xdist worker, and a later test with serialized_rollback failed to
    load content types that the flush had made again (Django recreates them after a plain
    flush, not after a serialized one)."""
    for item in items:
        _check_own_database(item)
        if item.get_closest_marker("browser") is not None:
            continue
        marker = item.get_closest_marker("django_db")
        if not _transactional(item, marker) or (
            marker and marker.kwargs.get("serialized_rollback")
        ):
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def put_back_seeded_rows() -> None:
    """Put the rows the migrations seed (content types, permissions, standards, methods) back
    into every test database that lost them to a transactional test's flush."""
    from django.db import connections

    for alias in connections:
        conn = connections[alias]
        contents = getattr(conn, "_test_serialized_contents", None)
        if contents:
            conn.creation.deserialize_db_from_string(contents)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test's database is flushed when it ends and Django's serialized rollback
    puts the seeded rows back only when the next serialized test starts: a ``db`` test that ran
    in between (pytest-xdist hands out whole files, so it can) found no standards or methods.
    They are put back as each transactional test ends, in bulk (tests/serialized_rows.py)."""
    yield
    if nextitem is None or item.get_closest_marker("browser") is not None:
        return  # the last test: the session's fixtures (the database with them) are gone
    if _transactional(item, item.get_closest_marker("django_db")):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            put_back_seeded_rows()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def make_user(db):
    def make(role: str = Role.PARTICIPATION_OFFICER, **kwargs):
        return factories.UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def lead(make_user):
    return make_user(Role.PARTICIPATION_LEAD)


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTICIPATION_OFFICER)


@pytest.fixture
def theme_lead(make_user):
    return make_user(Role.THEME_LEAD)


@pytest.fixture
def partner_worker(make_user, organisation):
    return make_user(Role.PARTNER_WORKER, organisation=organisation)


@pytest.fixture
def safeguarding_lead(make_user):
    return make_user(Role.SAFEGUARDING_LEAD)


@pytest.fixture
def board_member(make_user):
    return make_user(Role.BOARD_MEMBER)


@pytest.fixture
def client_for(client):
    """A Django test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api_for():
    """A DRF API client authenticated as the given user."""

    def make(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return make


@pytest.fixture
def count_queries():
    """Count the SQL queries a callable runs: ``count_queries(lambda: client.get(url))``."""

    def run(func):
        with CaptureQueriesContext(connection) as ctx:
            result = func()
        return len(ctx.captured_queries), result

    return run


# Two-factor sign-in ------------------------------------------------------------------------------
# Staff in the roles that need two-factor sign-in (administrator, participation lead, safeguarding
# lead) are sent to the code page until they enter a code. Tests sign in with ``force_login``; this
# fixture makes such a sign-in count as verified too (as if the user had entered a code), so page
# tests need no extra step. Tests of the two-factor rule itself use ``unverified_login``.


def otp_verify_session(client, user):
    """Mark ``client``'s session as two-factor verified for ``user`` (a confirmed TOTP device)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test device", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(autouse=True)
def _force_login_is_two_factor_verified(monkeypatch):
    import time

    from django.test import Client

    from heard.core.security import LAST_SEEN_SESSION_KEY, two_factor_required_for

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[LAST_SEEN_SESSION_KEY] = int(time.time())  # as the sign-in page does
        session.save()
        if two_factor_required_for(user):
            otp_verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_unverified", original, raising=False)


@pytest.fixture
def unverified_login(client):
    """``unverified_login(user)``: the client signed in with a password only, no code yet."""

    def sign_in(user):
        client.force_login_unverified(user)
        return client

    return sign_in


@contextlib.contextmanager
def tracer_off() -> Iterator[Callable[[], contextlib.AbstractContextManager[None]]]:
    """Run a block without coverage's tracer (``untraced`` for a whole test). Every started
    coverage is stopped, not only the latest: in a pytest-xdist worker two are started (one
    pauses the other), and stopping the latest alone resumed the other's tracer.

    It gives ``traced``: ``with traced():`` inside the block traces again for what it holds (the
    API fuzzing traces Heard's answer to each request, not the requests' generation)."""
    try:
        import coverage
    except ImportError:  # pragma: no cover - coverage is a dev dependency
        yield contextlib.nullcontext
        return
    stopped = []
    while (current := coverage.Coverage.current()) is not None:
        current.stop()
        stopped.append(current)

    def resume() -> None:
        for instance in reversed(stopped):
            instance.start()

    @contextlib.contextmanager
    def traced() -> Iterator[None]:
        resume()
        try:
            yield
        finally:
            for instance in stopped:
                instance.stop()

    try:
        yield traced
    finally:
        resume()


@pytest.fixture
def untraced():
    """Run a long statistical simulation without coverage's tracer. It measures a risk, not
    lines: what it calls is covered by the behaviour tests, and traced it cost minutes of
    ``make test`` (the disclosure simulation: 144 s, against about 40 s untraced)."""
    with tracer_off():
        yield


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """``migrated_sqlite(path)``: a migrated SQLite database at ``path``, for the tests that serve
    Heard or run its commands in processes of their own (tests/core/served.py). ``heard migrate``
    into an empty file costs about 5 s of CPU; it runs once per test run into a template, under a
    lock the xdist workers share, and each test gets a copy (as ``heard migrate`` leaves it)."""
    from tests.core import served

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    template = root / "heard-migrated.sqlite3"
    with open(root / "heard-migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = root / "heard-migrating.sqlite3"
            env = served.environment(f"sqlite:///{building}", root / "heard-migrating-var")
            served.heard(env, "migrate", "--noinput")
            assert not building.with_name(building.name + "-wal").exists()
            os.replace(building, template)

    def copy(path):
        shutil.copyfile(template, path)
        return path

    return copy
