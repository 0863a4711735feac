from django.db import migrations, models

import heard.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0005_concern_reference_unique"),
    ]

    operations = [
        migrations.AlterField(
            model_name="concern",
            name="happened_at",
            field=models.DateTimeField(
                validators=[
                    heard.core.validators.NotInFuture(
                        "The time it happened cannot be in the future."
                    )
                ],
                verbose_name="When it happened",
            ),
        ),
        migrations.AlterField(
            model_name="trainingrecord",
            name="completed_on",
            field=models.DateField(
                validators=[
                    heard.core.validators.NotInFuture(
                        "The date the training was completed cannot be in the future."
                    )
                ]
            ),
        ),
    ]
