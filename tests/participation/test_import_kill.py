"""A CSV import of sessions killed halfway keeps nothing (issue 15, section 2).

The import runs as the page runs it (``services.sessions_import``), in a process of its own
against a SQLite file, and is killed with SIGKILL halfway through its writes: every session, link
and attendance written in bulk, the summaries and audit entries not yet, all inside the import's
transaction. Nothing of it is left; running it again gives exactly what one clean run gives.
"""

import shutil
import time

import pytest

from tests.core import served

#: It serves Heard on a database of its own, whatever DATABASE_URL says (own_database).
pytestmark = pytest.mark.own_database

PEOPLE = 40
ROWS = 2 * PEOPLE

SETUP = f"""
import json
from heard.core.roles import Role
from heard.people import services
organisation = services.organisation_create(actor=None, name="Riverside Youth Project")
services.staff_create(
    actor=None, email="lead@served.test", full_name="Pat Lead", role=Role.PARTICIPATION_LEAD,
)
references = [
    services.young_person_create(
        actor=None, first_name=f"Person{{n}}", age_band="14_15", organisation=organisation
    ).reference
    for n in range({PEOPLE})
]
print(json.dumps(references))
"""

#: The import as the page runs it. With HALT set it stops inside its transaction once the
#: sessions and attendances are written (before the summaries), and waits to be killed.
IMPORT = """
import io, json, os, time
from heard.participation import services
from heard.participation.models import Session
from heard.people.models import User
references = json.loads(os.environ["REFERENCES"])
if os.environ.get("HALT"):
    from heard.participation import summary_additions
    def add(*args, **kwargs):
        print("HALFWAY", Session.objects.count(), flush=True)
        time.sleep(120)
    summary_additions.add = add
header = (
    "date,kind,group,young_person,title,degree,participation_type,standards,themes,methods,"
    "attendees,monitoring_form_complete,notes\\n"
)
rows = "".join(
    f"2026-09-{day:02d},One-to-one review,,{reference},Review {day},"
    "Consulted and informed,individual,,,,,no,\\n"
    for reference in references for day in (3, 17)
)
result = services.sessions_import(
    actor=User.objects.get(email="lead@served.test"), file=io.BytesIO((header + rows).encode()),
    dry_run=False,
)
print(json.dumps({"errors": [list(e) for e in result.errors], "imported": result.imported}))
"""

#: What an import leaves, without what differs between two clean runs (ids and times).
STATE = """
import json
from django.db.models import Count
from heard.core.models import AuditEntry
from heard.participation.models import Attendance, Session, YearlyParticipant, YearlyParticipation
print(json.dumps({
    "sessions": sorted(
        [str(s.date), s.kind, s.title, s.young_person.reference, s.degree]
        for s in Session.objects.select_related("young_person")
    ),
    "attendances": sorted(
        [str(a.session.date), a.young_person.reference, a.status]
        for a in Attendance.objects.select_related("session", "young_person")
    ),
    "summaries": [YearlyParticipation.objects.count(), YearlyParticipant.objects.count()],
    "audit": sorted(
        [row["object_type"], row["action"], row["n"]]
        for row in AuditEntry.objects.values("object_type", "action").annotate(n=Count("id"))
    ),
}))
"""


def test_an_import_killed_halfway_keeps_nothing_and_a_rerun_equals_a_clean_run(
    tmp_path, migrated_sqlite
):
    started = time.monotonic()
    killed = migrated_sqlite(tmp_path / "killed.sqlite3")
    env = served.environment(f"sqlite:///{killed}", tmp_path / "var")
    references = served.heard_python(env, SETUP)
    env["REFERENCES"] = served.json.dumps(references)
    clean = tmp_path / "clean.sqlite3"
    shutil.copy(killed, clean)  # the same register, for one clean run to compare with
    before = served.heard_python(env, STATE)

    line = served.kill_when(env | {"HALT": "1"}, IMPORT, "HALFWAY")
    assert line == f"HALFWAY {ROWS}"  # every session written, not committed, when it was killed
    assert served.heard_python(env, STATE) == before

    rerun = served.heard_python(env, IMPORT)
    assert rerun == {"errors": [], "imported": ROWS}
    clean_env = env | {"DATABASE_URL": f"sqlite:///{clean}"}
    assert served.heard_python(clean_env, IMPORT) == rerun
    after_rerun = served.heard_python(env, STATE)
    assert after_rerun == served.heard_python(clean_env, STATE)
    assert len(after_rerun["sessions"]) == ROWS
    print(f"killed and rerun in {time.monotonic() - started:.1f} s")  # noqa: T201
