"""``heard generate`` killed halfway keeps nothing partial (issue 15, section 2).

The command runs in a process of its own against a SQLite file and is killed with SIGKILL while
it loads its rows, inside its transaction: into an empty database it leaves the database empty;
with ``--force`` over an earlier generation it leaves that generation as it was (emptying the
tables is part of the same transaction). Running it again gives exactly what one clean run gives.
Tiny scale only (about 7,000 rows, a second or two).
"""

import shutil
import time

import pytest

from tests.core import served

#: It serves Heard on a database of its own, whatever DATABASE_URL says (own_database).
pytestmark = pytest.mark.own_database

TODAY = "2026-11-20"

#: ``heard generate`` as the command runs. With HALT set it stops once the sessions are loaded,
#: inside its transaction, and waits to be killed.
GENERATE = """
import json, os, sys, time
from django.core.management import call_command
from heard.demo import generator
from heard.participation.models import Session
if os.environ.get("HALT"):
    flush = generator.BulkCreateSink._flush
    def halting_flush(sink):
        flush(sink)
        if sink.model is Session:
            # On a line of its own: the progress bar (stderr, merged) ends its lines with "\\r".
            print("\\nHALFWAY", Session.objects.count(), flush=True)
            time.sleep(120)
    generator.BulkCreateSink._flush = halting_flush
call_command("generate", *json.loads(os.environ["ARGS"]), stdout=sys.stderr)
print(json.dumps("done"))
"""

#: What a generation leaves: every table's count, the generated young people, and what
#: ``--force`` empties besides (the audit log, API tokens).
STATE = """
import json
from rest_framework.authtoken.models import Token
from heard.core.models import AuditEntry
from heard.demo import generator
from heard.participation.models import YearlyParticipation
from heard.people.models import YoungPerson
print(json.dumps({
    "rows": generator.existing_rows(),
    "young_people": list(
        YoungPerson.objects.order_by("pk").values_list("reference", "first_name", "age_band")
    ),
    "summaries": YearlyParticipation.objects.count(),
    "audit_entries": AuditEntry.objects.count(),
    "tokens": Token.objects.count(),
}))
"""


def generate(env, *args, halt=False):
    run = env | {"ARGS": served.json.dumps(["--scale", "tiny", "--today", TODAY, *args])}
    if halt:
        return served.kill_when(run | {"HALT": "1"}, GENERATE, "HALFWAY")
    return served.heard_python(run, GENERATE)


def test_generate_killed_halfway_keeps_nothing_and_a_rerun_equals_a_clean_run(
    tmp_path, migrated_sqlite
):
    started = time.monotonic()
    database = migrated_sqlite(tmp_path / "killed.sqlite3")
    env = served.environment(f"sqlite:///{database}", tmp_path / "var")
    empty = served.heard_python(env, STATE)

    # Into an empty database: killed, it stays empty, and it can simply be run again.
    assert generate(env, "--seed", "1", halt=True) == "HALFWAY 400"
    assert served.heard_python(env, STATE) == empty
    assert generate(env, "--seed", "1") == "done"
    first = served.heard_python(env, STATE)
    assert first["rows"]["participation.Session"] == 400
    # Something --force must not lose if it is killed: an API token and its audit entry.
    served.heard_python(
        env,
        "import json\nfrom rest_framework.authtoken.models import Token\n"
        "from heard.core import audit\nfrom heard.people.models import User\n"
        "user = User.objects.order_by('pk').first()\nToken.objects.create(user=user)\n"
        "audit.record(actor=None, event='staff_account.changed', obj=user,"
        " changes={'job_title': ['', 'Lead']})\n"
        "print(json.dumps(0))",
    )
    kept = served.heard_python(env, STATE)
    assert kept["tokens"] == 1 and kept["audit_entries"] == 1
    clean = tmp_path / "clean.sqlite3"
    shutil.copy(database, clean)  # the same database, for one clean --force run to compare with

    # --force over it: killed while loading, the earlier generation is still all there.
    assert generate(env, "--seed", "2", "--force", halt=True) == "HALFWAY 400"
    assert served.heard_python(env, STATE) == kept

    assert generate(env, "--seed", "2", "--force") == "done"
    clean_env = env | {"DATABASE_URL": f"sqlite:///{clean}"}
    assert generate(clean_env, "--seed", "2", "--force") == "done"
    rerun = served.heard_python(env, STATE)
    assert rerun == served.heard_python(clean_env, STATE)
    assert rerun["young_people"] != first["young_people"] and rerun["tokens"] == 0
    print(f"killed and rerun in {time.monotonic() - started:.1f} s")  # noqa: T201
