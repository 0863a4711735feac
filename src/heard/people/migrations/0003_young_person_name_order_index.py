"""An index in the young people list's order (lower-cased first name, last name, reference):
a page is the index's first rows. The duplicate check's index on the first name alone made
PostgreSQL read and sort every row of the first first name (1,793 rows, 11 ms at national
scale) for a page of 25."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_young_person_search_text"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="youngperson",
            index=models.Index(
                django.db.models.functions.text.Lower("first_name"),
                django.db.models.functions.text.Lower("last_name"),
                models.F("reference"),
                name="yp_name_idx",
            ),
        ),
    ]
