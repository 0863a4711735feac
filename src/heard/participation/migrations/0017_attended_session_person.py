from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0016_sessions_beyond_groups"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(
                condition=models.Q(("status", "attended")),
                fields=["session", "young_person"],
                name="attended_session_person",
            ),
        ),
    ]
