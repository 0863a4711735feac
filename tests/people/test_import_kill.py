"""A CSV import of young people killed halfway keeps nothing (issue 15, section 2).

The import runs as the page runs it (``services.young_people_import``), in a process of its own
against a SQLite file, and is killed with SIGKILL once every young person of the file has been
written but before the audit entries and the commit. Nothing of it is left; running it again
gives exactly what one clean run gives.
"""

import shutil
import time

import pytest

from tests.core import served

#: It serves Heard on a database of its own, whatever DATABASE_URL says (own_database).
pytestmark = pytest.mark.own_database

ROWS = 300

SETUP = """
import json
from heard.core.roles import Role
from heard.people import services
services.organisation_create(actor=None, name="Riverside Youth Project")
services.staff_create(
    actor=None, email="officer@served.test", full_name="Alex Officer",
    role=Role.PARTICIPATION_OFFICER,
)
print(json.dumps("ready"))
"""

#: The import as the page runs it. With HALT set it stops, inside its transaction, when the
#: young people are written and their audit entries are next, and waits to be killed.
IMPORT = f"""
import json, os, sys, time
from heard.core import audit
from heard.people import services
from heard.people.models import User, YoungPerson
if os.environ.get("HALT"):
    def halt(*args, **kwargs):
        print("HALFWAY", YoungPerson.objects.count(), flush=True)
        time.sleep(120)
    audit.record_many = halt
rows = "".join(
    f"Writer{{n}},Example,,14 to 15,,Riverside Youth Project\\n" for n in range({ROWS})
)
text = "first_name,last_name,preferred_name,age_band,date_of_birth,organisation\\n" + rows
result = services.young_people_import(
    actor=User.objects.get(email="officer@served.test"), file=text, dry_run=False
)
print(json.dumps({{"errors": result.errors, "imported": len(result.created)}}))
"""

#: What an import leaves, without what differs between two clean runs (ids, pseudonymous
#: references drawn at random, times).
STATE = """
import json
from django.db.models import Count
from heard.core.models import AuditEntry
from heard.people.models import YoungPerson
people = YoungPerson.objects.order_by("first_name")
print(json.dumps({
    "young_people": [
        [p.first_name, p.last_name, p.age_band, p.organisation.name, p.is_active]
        for p in people.select_related("organisation")
    ],
    "duplicate_links": YoungPerson.possible_duplicate_of.through.objects.count(),
    "audit": sorted(
        [row["object_type"], row["action"], row["n"]]
        for row in AuditEntry.objects.values("object_type", "action").annotate(n=Count("id"))
    ),
    "import_entries": sorted(
        json.dumps(entry.metadata, sort_keys=True)
        for entry in AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT)
    ),
}))
"""


def test_an_import_killed_halfway_keeps_nothing_and_a_rerun_equals_a_clean_run(
    tmp_path, migrated_sqlite
):
    started = time.monotonic()
    killed = migrated_sqlite(tmp_path / "killed.sqlite3")
    env = served.environment(f"sqlite:///{killed}", tmp_path / "var")
    served.heard_python(env, SETUP)
    clean = tmp_path / "clean.sqlite3"
    shutil.copy(killed, clean)  # the same register, for one clean run to compare with
    before = served.heard_python(env, STATE)

    line = served.kill_when(env | {"HALT": "1"}, IMPORT, "HALFWAY")
    assert line == f"HALFWAY {ROWS}"  # every row written in the transaction when it was killed
    assert served.heard_python(env, STATE) == before

    rerun = served.heard_python(env, IMPORT)
    assert rerun == {"errors": [], "imported": ROWS}
    clean_env = served.environment(f"sqlite:///{clean}", tmp_path / "var")
    assert served.heard_python(clean_env, IMPORT) == rerun
    after_rerun = served.heard_python(env, STATE)
    assert after_rerun == served.heard_python(clean_env, STATE)
    assert len(after_rerun["young_people"]) == ROWS
    print(f"killed and rerun in {time.monotonic() - started:.1f} s")  # noqa: T201
