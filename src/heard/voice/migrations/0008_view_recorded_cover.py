from django.db import migrations, models

import heard.core.validators


class Migration(migrations.Migration):
    """The views' date index carries the status, id and feedback day the loop figures count
    (PostgreSQL only: SQLite keeps the key), in place of the date's own index."""

    dependencies = [
        ("voice", "0007_response_reading_age_not_in_future"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="view",
            index=models.Index(
                fields=["recorded_on"],
                include=("status", "id", "fed_back_on"),
                name="voice_view_recorded",
            ),
        ),
        migrations.AlterField(
            model_name="view",
            name="recorded_on",
            field=models.DateField(
                help_text="When the view was given.",
                validators=[
                    heard.core.validators.NotInFuture(
                        "The date the view was given cannot be in the future."
                    )
                ],
            ),
        ),
    ]
