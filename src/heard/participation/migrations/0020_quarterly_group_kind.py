from django.db import migrations, models

POSTGRESQL = """
UPDATE participation_quarterlyparticipation AS row SET group_kind = grp.kind
FROM groups_group AS grp WHERE grp.id = row.group_id
"""

PORTABLE = """
UPDATE participation_quarterlyparticipation SET group_kind = (
    SELECT kind FROM groups_group WHERE groups_group.id = participation_quarterlyparticipation.group_id
) WHERE group_id IS NOT NULL
"""


def fill(apps, schema_editor):
    """Give the rows already summarised their group's kind (blank for individual sessions, the
    column's default)."""
    vendor = schema_editor.connection.vendor
    schema_editor.execute(POSTGRESQL if vendor == "postgresql" else PORTABLE, ())


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0008_alter_group_last_session_on"),
        ("participation", "0019_session_date_covering"),
    ]

    operations = [
        migrations.AddField(
            model_name="quarterlyparticipation",
            name="group_kind",
            field=models.CharField(blank=True, db_default="", default="", max_length=32),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="quarterlyparticipation",
            index=models.Index(
                fields=["group_kind", "quarter", "young_person"],
                name="quarterly_participation_kind",
            ),
        ),
    ]
