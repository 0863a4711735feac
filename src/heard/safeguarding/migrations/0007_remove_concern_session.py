"""A concern's session now lives in participation (``SessionConcern``), the app above: the
participation migration copied each concern's session there before this removes the column."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0006_concern_times_not_in_future"),
        ("participation", "0010_sessionconcern"),
    ]

    operations = [
        migrations.RemoveField(model_name="concern", name="session"),
    ]
