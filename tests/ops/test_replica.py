"""A read replica for reports and exports (issue 20): ``DATABASE_REPLICA_URL`` adds the
``replica`` alias and its router; reads go there only inside ``reading_for_reports``.

The real second connection (the report's, the PDF job's and the export job's queries on it, and
a lagging replica) is in ``test_replica_connection.py``, which needs committed rows."""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import ConnectionRouter
from django.test import override_settings

from heard.config.parts import PARTS, replica
from heard.core.replica import (
    REPLICA,
    ReplicaRouter,
    is_reading_for_reports,
    read_alias,
    reading_for_reports,
)
from heard.indicators.reports.periods import quarter_starting
from heard.people.models import Organisation, YoungPerson

PRIMARY = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "heard.sqlite3"}}
URL = "postgres://heard:secret@replica.example:5432/heard"


@contextmanager
def replica_alias(*, connect: bool = False) -> Iterator[Any]:
    """The ``replica`` alias, configured as ``DATABASE_REPLICA_URL`` would, to the primary's
    own test database (as ``TEST: MIRROR`` makes it), with the router installed; connected
    at once if ``connect``."""
    database = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    database["TEST"] = {**database["TEST"], "MIRROR": DEFAULT_DB_ALIAS}
    # Kept open for the test: Django lets a test open no connection to an alias the test did
    # not declare, and a declared alias must exist before the test starts.
    database["CONN_MAX_AGE"] = None
    connections.settings[REPLICA] = database
    try:
        with override_settings(DATABASE_ROUTERS=[replica.ROUTER]):
            if connect:
                connections[REPLICA].connect()
            yield connections[REPLICA]
    finally:
        if hasattr(connections._connections, REPLICA):
            connections[REPLICA].close()
            del connections[REPLICA]
        del connections.settings[REPLICA]


def _configured(env: dict[str, str]) -> dict[str, Any]:
    namespace: dict[str, Any] = {"DATABASES": copy.deepcopy(PRIMARY)}
    replica.configure(namespace, env)
    return namespace


# --- Settings --------------------------------------------------------------------------------


def test_without_the_variable_there_is_one_database_and_no_router():
    assert _configured({}) == {"DATABASES": PRIMARY}
    assert _configured({"DATABASE_REPLICA_URL": "  "}) == {"DATABASES": PRIMARY}


def test_the_variable_adds_the_replica_alias_parsed_like_database_url():
    namespace = _configured({"DATABASE_REPLICA_URL": URL, "CONN_MAX_AGE": "30"})
    assert namespace["DATABASES"]["default"] == PRIMARY["default"]
    database = namespace["DATABASES"][REPLICA]
    assert {key: database[key] for key in ("ENGINE", "NAME", "USER", "HOST", "PORT")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "heard",
        "USER": "heard",
        "HOST": "replica.example",
        "PORT": 5432,
    }
    assert database["PASSWORD"] == "secret"  # noqa: S105 - the URL's, in the test
    assert database["TEST"] == {"MIRROR": "default"}
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (30, True)
    assert database["OPTIONS"]["options"] == "-c jit=off"
    assert namespace["DATABASE_ROUTERS"] == ["heard.core.replica.ReplicaRouter"]
    assert replica.REPLICA == REPLICA


def test_the_router_is_added_once_after_any_other():
    namespace = {"DATABASES": copy.deepcopy(PRIMARY), "DATABASE_ROUTERS": ["other.Router"]}
    for _ in range(2):
        replica.configure(namespace, {"DATABASE_REPLICA_URL": URL})
    assert namespace["DATABASE_ROUTERS"] == ["other.Router", replica.ROUTER]


def test_a_sqlite_replica_keeps_no_connection_open():
    database = _configured({"DATABASE_REPLICA_URL": "sqlite:////tmp/replica.sqlite3"})
    assert database["DATABASES"][REPLICA]["CONN_MAX_AGE"] == 0
    assert "OPTIONS" not in database["DATABASES"][REPLICA] or not database["DATABASES"][REPLICA][
        "OPTIONS"
    ].get("options")


def _settings_in_a_fresh_process(**env: str) -> dict[str, Any]:
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    script = (
        "import json; from heard.config import settings as s; "
        "print(json.dumps({'aliases': sorted(s.DATABASES), "
        "'routers': getattr(s, 'DATABASE_ROUTERS', [])}))"
    )
    answer = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", script],
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_the_settings_module_reads_the_variable():
    assert replica in PARTS
    assert _settings_in_a_fresh_process() == {"aliases": ["default"], "routers": []}
    assert _settings_in_a_fresh_process(DATABASE_REPLICA_URL=URL) == {
        "aliases": ["default", REPLICA],
        "routers": [replica.ROUTER],
    }


# --- The router --------------------------------------------------------------------------------


def test_without_a_replica_the_router_and_the_block_change_nothing():
    router = ReplicaRouter()
    with reading_for_reports():
        assert is_reading_for_reports()
        assert read_alias() == DEFAULT_DB_ALIAS
        assert router.db_for_read(Organisation) is None
        assert router.db_for_write(Organisation) is None
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "people") is None


def test_reads_go_to_the_replica_only_inside_the_block():
    router = ReplicaRouter()
    with replica_alias():
        assert router.db_for_read(Organisation) == DEFAULT_DB_ALIAS
        with reading_for_reports():
            assert router.db_for_read(Organisation) == REPLICA
            with reading_for_reports():
                assert router.db_for_read(YoungPerson) == REPLICA
            assert router.db_for_read(Organisation) == REPLICA  # the outer block still holds
            assert router.db_for_write(Organisation) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Organisation) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Organisation) == DEFAULT_DB_ALIAS


def test_a_row_read_from_the_replica_has_its_relations_read_from_the_primary_outside():
    """Django reads a row's relations from the row's own database unless a router says: the
    router says the primary outside the block, whichever database the row came from."""
    row = Organisation(name="Read inside")
    row._state.db = REPLICA
    with replica_alias():
        assert ReplicaRouter().db_for_read(YoungPerson, instance=row) == DEFAULT_DB_ALIAS
        assert ConnectionRouter().db_for_read(YoungPerson, instance=row) == DEFAULT_DB_ALIAS


def test_the_block_ends_when_its_work_fails():
    with pytest.raises(RuntimeError), reading_for_reports():
        raise RuntimeError
    assert not is_reading_for_reports()


def test_the_block_is_the_threads_own():
    seen: list[bool] = []
    with reading_for_reports():
        other = threading.Thread(target=lambda: seen.append(is_reading_for_reports()))
        other.start()
        other.join()
    assert seen == [False]


def test_rows_of_either_database_may_refer_to_each_other_and_migrations_run_on_the_primary():
    router = ReplicaRouter()
    primary, copied = Organisation(), Organisation()
    primary._state.db, copied._state.db = DEFAULT_DB_ALIAS, REPLICA
    assert router.allow_relation(primary, copied) is True
    assert router.allow_relation(copied, copied) is True
    stranger = Organisation()
    stranger._state.db = "elsewhere"
    assert router.allow_relation(primary, stranger) is None
    assert router.allow_migrate(REPLICA, "people") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "people") is None


class _Stop(Exception):
    pass


def test_the_report_build_reads_inside_the_block(monkeypatch):
    """The report's figures are built inside the block (the page, the PDF job and an issued
    report all call ``build``); that the queries really reach the replica is checked in
    ``test_replica_connection.py``."""
    from heard.indicators.reports import build as report_build

    seen: list[bool] = []

    def first_read(*args: Any, **kwargs: Any) -> Any:
        seen.append(is_reading_for_reports())
        raise _Stop

    monkeypatch.setattr(report_build, "chosen_indicators", first_read)
    period = quarter_starting(datetime.date(2026, 7, 1))
    with pytest.raises(_Stop):
        report_build.build(user=None, period=period, organisation=None)
    assert seen == [True]
    assert not is_reading_for_reports()
