"""Fill each group's ``last_session_on`` from the sessions already logged (the participation
services keep it from now on; participation.summaries.refresh_last_sessions)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    Session = apps.get_model("participation", "Session")
    alias = schema_editor.connection.alias
    latest = Session.objects.using(alias).filter(group=OuterRef("pk")).order_by("-date")
    Group.objects.using(alias).update(last_session_on=Subquery(latest.values("date")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0004_last_session_on"),
        ("participation", "0005_yearly_participation"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
