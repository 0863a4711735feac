from django.db import migrations, models


class Migration(migrations.Migration):
    """The log's date index carries the columns the reports count sessions by (PostgreSQL
    only: SQLite keeps the keys, as before)."""

    dependencies = [
        ("participation", "0018_quarterly_participation"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="session", name="session_date_id"),
        migrations.AddIndex(
            model_name="session",
            index=models.Index(
                fields=["date", "id"],
                include=("degree", "participation_type", "kind", "group", "organisation"),
                name="session_date_id",
            ),
        ),
    ]
