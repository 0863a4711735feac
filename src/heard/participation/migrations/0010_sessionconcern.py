"""The session a safeguarding concern was raised from moves up from ``Concern.session`` (a
relation from safeguarding, the lower app, up to participation) to ``SessionConcern`` here.
Each concern's session is copied; safeguarding's next migration then removes the column."""

import django.db.models.deletion
from django.db import migrations, models


def copy_sessions(apps, schema_editor):
    Concern = apps.get_model("safeguarding", "Concern")
    SessionConcern = apps.get_model("participation", "SessionConcern")
    links = Concern.objects.filter(session__isnull=False).values_list("pk", "session_id")
    SessionConcern.objects.bulk_create(
        [SessionConcern(concern_id=pk, session_id=session) for pk, session in links.iterator()],
        batch_size=1000,
    )


def copy_back(apps, schema_editor):
    Concern = apps.get_model("safeguarding", "Concern")
    SessionConcern = apps.get_model("participation", "SessionConcern")
    for concern, session in SessionConcern.objects.values_list("concern_id", "session_id"):
        Concern.objects.filter(pk=concern).update(session_id=session)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0009_session_date_not_in_future"),
        ("safeguarding", "0006_concern_times_not_in_future"),
    ]

    operations = [
        migrations.CreateModel(
            name="SessionConcern",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "concern",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="session_link",
                        to="safeguarding.concern",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="concern_links",
                        to="participation.session",
                    ),
                ),
            ],
        ),
        migrations.RunPython(copy_sessions, copy_back),
    ]
