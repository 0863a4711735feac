from django.db import migrations, models


class Migration(migrations.Migration):
    """Concern references were the primary key (SC-00012), which told anyone who raised one how
    many concerns there were. Add a stored reference, empty at first: the next migration fills it
    with a random one for every concern, the one after makes it required and unique."""

    dependencies = [
        ("safeguarding", "0002_concernchange"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="reference",
            field=models.CharField(editable=False, max_length=11, null=True),
        ),
    ]
