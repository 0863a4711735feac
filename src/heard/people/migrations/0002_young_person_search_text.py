"""A young person's search text (issue 17): names and reference without accents, case or
apostrophes, filled for the rows already on the register in batches, and on PostgreSQL a
trigram index so a search for any part of a name reads the index, not 200,000 rows.

SQLite has no trigram index: there the search scans the table, as it did before.
"""

from typing import Any

from django.db import migrations, models

from heard.people.search import fill_search_text

INDEX = "yp_search_text_trgm_idx"


def fill(apps: Any, schema_editor: Any) -> None:
    fill_search_text(apps.get_model("people", "YoungPerson"), schema_editor.connection)


def add_trigram_index(apps: Any, schema_editor: Any) -> None:
    """pg_trgm and a GIN index on the search text, then fresh statistics for the planner."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_youngperson "
        "USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute("ANALYZE people_youngperson")


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="youngperson",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Names and reference as search compares them (heard.people.search); "
                "kept by save().",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
