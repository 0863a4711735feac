from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_partnership"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="parent_consent_under_age",
            field=models.PositiveIntegerField(
                default=13,
                help_text="A parent's or carer's consent is needed for a young person under this "
                "age (for anything other than taking part).",
            ),
        ),
        migrations.AddField(
            model_name="partnership",
            name="retention_years_after_last_involvement",
            field=models.PositiveIntegerField(
                default=6,
                help_text="Records are anonymised this many years after a young person's last "
                "involvement.",
            ),
        ),
    ]
