from django.db import migrations, models

import heard.safeguarding.models


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0004_fill_concern_references"),
    ]

    operations = [
        migrations.AlterField(
            model_name="concern",
            name="reference",
            field=models.CharField(
                default=heard.safeguarding.models.new_concern_reference,
                editable=False,
                help_text="Random, like SC-7K3MQ2XP: it counts nothing.",
                max_length=11,
                unique=True,
            ),
        ),
    ]
