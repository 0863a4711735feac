"""The audit log becomes a log of domain events (ADR 0009): each entry names its event type,
keeps ``changes`` as ``{field: [old, new]}`` with anything else in ``metadata``, and carries the
operation it belongs to and on whose behalf the system acted."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

VERBS = {
    "create": "created",
    "update": "updated",
    "delete": "deleted",
    "read": "read",
    "import": "imported",
    "sign_in": "signed_in",
}


def name_events(apps, schema_editor):
    """``<model>.<verb>`` for the entries written before event types, and what was not a change
    moved from ``changes`` to ``metadata``."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    kinds = AuditEntry.objects.values_list("object_type", "action").distinct().order_by()
    for object_type, action in list(kinds):
        event = f"{object_type.rsplit('.', 1)[-1]}.{VERBS.get(action, action)}"
        AuditEntry.objects.filter(object_type=object_type, action=action).update(event=event)
    moved = []
    for entry in AuditEntry.objects.exclude(changes={}).only("pk", "changes").iterator(2000):
        pairs = {k: v for k, v in entry.changes.items() if isinstance(v, list) and len(v) == 2}
        if len(pairs) != len(entry.changes):
            rest = {k: v for k, v in entry.changes.items() if k not in pairs}
            moved.append(AuditEntry(pk=entry.pk, changes=pairs, metadata=rest))
    AuditEntry.objects.bulk_update(moved, ["changes", "metadata"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_sign_in_event"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="event",
            field=models.CharField(db_index=True, default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="metadata",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="operation",
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="on_behalf_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(name_events, migrations.RunPython.noop, elidable=True),
    ]
