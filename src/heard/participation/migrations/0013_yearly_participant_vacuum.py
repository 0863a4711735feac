"""A fresh visibility map and statistics for ``YearlyParticipant`` after 0012 rewrote every row.

The protected home counts read the new indexes alone (an index-only scan), which needs the
table's pages marked all-visible; on a database with autovacuum off (the benchmark's) the
rewritten rows would otherwise send every count back to the heap, and the planner would plan
with the statistics of the table before. Outside a transaction, as VACUUM must run; nothing to
do on SQLite.
"""

from django.db import migrations


def vacuum(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    table = connection.ops.quote_name(
        apps.get_model("participation", "YearlyParticipant")._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {table}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("participation", "0012_yearly_participant_first_dates"),
    ]

    operations = [
        migrations.RunPython(vacuum, migrations.RunPython.noop, atomic=False, elidable=True),
    ]
