"""Give every existing concern a random reference in place of the one made from its primary key.

Each change is audited as Heard's own (no actor), like any change to a concern: the audit entry
names the field, and the old and new references are kept beside the concern (``ConcernChange``),
so a safeguarding lead finds the old reference in the concern's audit trail.
"""

import secrets

from django.db import migrations

#: As ``models.REFERENCE_ALPHABET`` when this was written (a migration keeps its own copy).
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
WITHHELD = "(withheld)"


def _draw(taken: set[str]) -> str:
    while True:
        reference = "SC-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if reference not in taken:
            taken.add(reference)
            return reference


def fill_references(apps, schema_editor):
    Concern = apps.get_model("safeguarding", "Concern")
    ConcernChange = apps.get_model("safeguarding", "ConcernChange")
    AuditEntry = apps.get_model("core", "AuditEntry")
    taken = set(Concern.objects.exclude(reference=None).values_list("reference", flat=True))
    for pk in Concern.objects.filter(reference=None).order_by("pk").values_list("pk", flat=True):
        reference = _draw(taken)
        Concern.objects.filter(pk=pk).update(reference=reference)
        entry = AuditEntry.objects.create(
            actor=None,
            action="update",
            object_type="safeguarding.concern",
            object_id=str(pk),
            object_label=f"Concern {reference}",
            changes={"reference": [WITHHELD, WITHHELD]},
        )
        ConcernChange.objects.create(
            entry=entry, concern_id=pk, values={"reference": [f"SC-{pk:05d}", reference]}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_partnership_privacy_settings"),
        ("safeguarding", "0003_concern_reference"),
    ]

    operations = [
        migrations.RunPython(fill_references, migrations.RunPython.noop, elidable=False),
    ]
