"""The embedded database under concurrent writes (issue 15, section 2).

``make run`` serves SQLite through gunicorn's 3 workers of 4 threads. Writers that meet on the
database queue (WAL, a busy timeout and immediate write transactions: settings.DATABASES) instead
of failing with "database is locked". Measured on 2 shared cores: 8 writers x 200 writes in 20
to 32 s, none failed; with the old settings (rollback journal, deferred transactions) 1,164 of the
1,600 writes answered 500.
"""

import collections
import time

import pytest

from tests.core import served

#: It serves Heard on a database of its own, whatever DATABASE_URL says (own_database).
pytestmark = pytest.mark.own_database

WRITERS = 8
WRITES = 200


@pytest.fixture
def server(tmp_path, migrated_sqlite):
    database = migrated_sqlite(tmp_path / "heard.sqlite3")
    env = served.environment(f"sqlite:///{database}", tmp_path / "var")
    setup = served.prepare(env)  # its migrate finds nothing left to do
    with served.Server(env) as server:
        yield server, env, setup


def test_eight_writers_of_two_hundred_writes_each_lose_nothing(server):
    server, env, setup = server
    started = time.monotonic()
    writes = served.run_writers(
        server,
        setup["token"],
        served.mixed_writes(setup),
        writers=WRITERS,
        writes=WRITES,
    )
    seconds = time.monotonic() - started
    statuses = collections.Counter(write.status for write in writes)
    print(  # noqa: T201 - the test's measurement
        f"{len(writes)} writes by {WRITERS} writers in {seconds:.1f} s "
        f"({len(writes) / seconds:.0f} a second): {dict(statuses)}"
    )
    failed = [write for write in writes if write.status not in (200, 201)]
    assert not failed, (
        f"{len(failed)} of {len(writes)} writes failed: {dict(statuses)}; first: "
        f"{failed[0].method} {failed[0].path} -> {failed[0].status} {failed[0].answer[:300]}\n"
        f"{server.log_text()[-2000:]}"
    )

    kept = served.heard_python(env, served.COUNTS)
    added = sorted(write.body["first_name"] for write in writes if write.method == "POST")
    assert len(added) == WRITERS * WRITES // 2
    assert kept["young_people"] == added
    assert kept["young_people_created"] == len(added)
    changed = sorted(write.body["course"] for write in writes if write.method == "PATCH")
    assert kept["training_courses"] == changed
    assert seconds < 150, f"the writes took {seconds:.0f} s"


#: A CSV download has sent its first rows when another worker writes.
EXPORT_DURING_A_WRITE = """
import json, sqlite3
from django.conf import settings
from heard.core.exports import stream
from heard.people import services
from heard.people.models import Organisation
for name in ("Riverside Youth Project", "Hillside Young Carers"):
    services.organisation_create(actor=None, name=name)
rows = stream(Organisation.objects.order_by("pk"), chunk_size=1)
next(rows)
other = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=1, isolation_level=None)
try:
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE people_organisation SET notes = 'changed'")
    other.execute("COMMIT")
    result = "written"
except sqlite3.OperationalError as exc:
    result = str(exc)
print(json.dumps([result, len(list(rows)) + 1]))
"""


def test_a_long_download_does_not_hold_writers_back(tmp_path, migrated_sqlite):
    # Write transactions take SQLite's write lock as they begin (IMMEDIATE): an export streamed
    # inside one would keep every writer waiting for as long as the download lasts.
    database = migrated_sqlite(tmp_path / "heard.sqlite3")
    env = served.environment(f"sqlite:///{database}", tmp_path / "var")
    assert served.heard_python(env, EXPORT_DURING_A_WRITE) == ["written", 2]
