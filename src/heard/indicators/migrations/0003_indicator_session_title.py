from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_issuedreport"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="session_title",
            field=models.CharField(
                blank=True,
                help_text="Only sessions whose title contains these words (Takeover Day, say).",
                max_length=100,
                verbose_name="sessions titled",
            ),
        ),
    ]
