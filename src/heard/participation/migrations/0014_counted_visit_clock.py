"""Refill each group's ``last_session_on`` by the visit clock's rule (issue 18): only sessions
of a kind the group's cadence counts, with staff present, move the next visit due. The rule as
it stands at this migration, written out (a historical model has no ``contact_kinds``)."""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q, Subquery

VISITS = ("visit", "group_session")
MEETING_GROUPS = (
    "advisory_group",
    "youth_council",
    "youth_cabinet",
    "primary_parliament",
    "children_in_care_council",
    "send_group",
    "young_carers_forum",
    "youth_assembly",
    "young_commissioners",
)


def fill(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    Session = apps.get_model("participation", "Session")
    alias = schema_editor.connection.alias
    staffed = Session.staff_present.through.objects.using(alias).filter(session_id=OuterRef("pk"))
    counted = Q(kind__in=VISITS) | Q(kind="meeting", group__kind__in=MEETING_GROUPS)
    latest = (
        Session.objects.using(alias)
        .filter(counted, Exists(staffed), group=OuterRef("pk"))
        .order_by("-date")
    )
    Group.objects.using(alias).update(last_session_on=Subquery(latest.values("date")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0008_alter_group_last_session_on"),
        ("participation", "0013_yearly_participant_vacuum"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
