from django.db import migrations

STANDARDS = [
    "shared_values",
    "strategy",
    "structures",
    "systems",
    "staff",
    "skills_knowledge",
    "style_of_leadership",
]

METHODS = [
    "Art and drawing",
    "Discussion",
    "Drama and role play",
    "Games",
    "Graffiti wall",
    "Interview panel",
    "Mapping",
    "Photography and film",
    "Questionnaire or survey",
    "Ranking and voting",
    "Residential",
    "Visit to a service",
]


def seed(apps, schema_editor):
    Standard = apps.get_model("participation", "Standard")
    Method = apps.get_model("participation", "Method")
    for code in STANDARDS:
        Standard.objects.get_or_create(code=code)
    for name in METHODS:
        Method.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
