"""On PostgreSQL an import job's progress is seen by others while the import's one transaction is
still open: ``Progress`` writes it through a connection of its own (``heard.jobs.progress``).
Read here from a second connection at each write, as the job's page would read it.

On SQLite nothing can be seen before the end: the import holds the database's write lock
(``transaction_mode`` IMMEDIATE) and readers see the register as it was before it began."""

import pytest
from django.db import connection, connections

from heard.jobs import imports, progress, services
from heard.jobs.models import Status
from heard.people import import_job
from heard.people.models import YoungPerson

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="another connection sees it only on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

ROWS = 2000


@pytest.fixture
def seen_outside(monkeypatch):
    """At each progress write: whether the import's transaction was open, and the job's done and
    total as a second connection reads them."""
    outside = connections.create_connection("default")
    seen: list[tuple[bool, int, int | None]] = []
    write = progress.Progress.write

    def observed(self):
        written = write(self)
        with outside.cursor() as cursor:
            cursor.execute("SELECT done, total FROM jobs_job WHERE id = %s", [self.job_id])
            done, total = cursor.fetchone()
        seen.append((connection.in_atomic_block, done, total))
        return written

    monkeypatch.setattr(progress.Progress, "write", observed)
    yield seen
    outside.close()


def test_others_see_the_rows_done_while_the_import_is_writing(officer, organisation, seen_outside):
    rows = "".join(f"Seen{n},Example,11_13,{organisation.name}\n" for n in range(ROWS))
    job = imports.start(
        officer,
        import_job.YOUNG_PEOPLE_IMPORT,
        upload="first_name,last_name,age_band,organisation\n" + rows,
        label="Import",
    )
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    assert seen_outside[0] == (False, 0, ROWS)  # the total, before the import's transaction
    during = [(done, total) for open_, done, total in seen_outside if open_]
    assert any(0 < done < ROWS and total == ROWS for done, total in during), seen_outside
    job.refresh_from_db()
    assert (job.done, job.total) == (ROWS, ROWS)
    assert YoungPerson.objects.count() == ROWS
