"""A read replica for reports and exports (issue 20): ``DATABASE_REPLICA_URL``.

With nothing set there is one database (``DATABASE_URL``) and everything reads and writes it.
``DATABASE_REPLICA_URL`` (written like ``DATABASE_URL``: ``postgres://user:pass@host:5432/name``)
adds the ``replica`` database alias and the router ``heard.core.replica.ReplicaRouter``: the
report's figures, a report's PDF job and a list export job read from it
(``heard.core.replica.reading_for_reports``); every other read, and every write, goes to the
primary. Tests (``TEST: MIRROR``) read the primary's test database through the replica alias:
no second test database is made.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import dj_database_url

#: The alias and the router (``heard.core.replica``; named here as text, since settings are
#: read before Django's applications are loaded).
REPLICA = "replica"
ROUTER = "heard.core.replica.ReplicaRouter"


def replica_database(url: str, conn_max_age: int) -> dict[str, Any]:
    """The replica's ``DATABASES`` entry, with the primary's choices for its engine."""
    database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    database["TEST"] = {"MIRROR": "default"}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["CONN_MAX_AGE"] = 0
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # As for the primary (heard.config.settings): a connection that died with a restart
        # or a failover is replaced, and no JIT compilation of the reports' aggregates.
        database["CONN_HEALTH_CHECKS"] = True
        database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return database


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    url = env.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return
    conn_max_age = int(env.get("CONN_MAX_AGE", "60"))
    settings["DATABASES"] = {
        **settings["DATABASES"],
        REPLICA: replica_database(url, conn_max_age),
    }
    routers = list(settings.get("DATABASE_ROUTERS", []))
    if ROUTER not in routers:
        routers.append(ROUTER)
    settings["DATABASE_ROUTERS"] = routers
