import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, DateField, F
from django.db.models.functions import TruncQuarter

ACTIVE = ("adult_initiated_shared", "cyp_initiated_shared", "cyp_initiated_directed")


def fill(apps, schema_editor):
    """Summarise the active attendances already logged (as participation.quarters.rebuild
    does)."""
    Attendance = apps.get_model("participation", "Attendance")
    connection = schema_editor.connection
    rows = (
        Attendance.objects.using(connection.alias)
        .filter(status="attended", session__degree__in=ACTIVE)
        .annotate(
            s_quarter=TruncQuarter("session__date", output_field=DateField()),
            s_young_person=F("young_person_id"),
            s_group=F("session__group_id"),
            s_organisation=F("session__organisation_id"),
        )
        .values("s_quarter", "s_young_person", "s_group", "s_organisation")
        .annotate(s_active=Count("pk"))
        .order_by()
    )
    sql, params = rows.query.sql_with_params()
    columns = "quarter, young_person_id, group_id, organisation_id, active_sessions"
    selected = "s_quarter, s_young_person, s_group, s_organisation, s_active"
    statement = f"INSERT INTO participation_quarterlyparticipation ({columns}) SELECT {selected} FROM ({sql}) grouped"  # noqa: S608
    schema_editor.execute(statement, params)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("people", "0001_initial"),
        ("participation", "0017_attended_session_person"),
    ]

    operations = [
        migrations.CreateModel(
            name="QuarterlyParticipation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quarter", models.DateField()),
                ("active_sessions", models.PositiveIntegerField()),
                (
                    "group",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="groups.group",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.organisation",
                    ),
                ),
                (
                    "young_person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.youngperson",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["organisation", "quarter", "young_person"],
                        name="quarterly_participation_org",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("quarter", "young_person", "group", "organisation"),
                        name="quarterly_participation_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
