"""The hours-per-young-person page keeps the chosen period when a filter is applied, and keeps
the filters when another period is shown."""

import re

from django.urls import reverse


def _forms(page: str) -> list[str]:
    return re.findall(r'<form method="get".*?</form>', page, flags=re.DOTALL)


def test_the_filter_form_carries_the_chosen_period(as_user, officer, organisation):
    page = as_user(officer).get(reverse("rewards:recognition-hours"), {"period": "all"})
    filters = next(form for form in _forms(page.content.decode()) if "Apply" in form)
    assert re.search(r'<input type="hidden" name="period" value="all"', filters), filters


def test_a_filtered_page_shows_the_chosen_period_after_applying(as_user, officer, organisation):
    client = as_user(officer)
    applied = client.get(
        reverse("rewards:recognition-hours"), {"period": "all", "q": "YP", "organisation": ""}
    ).content.decode()
    assert re.search(r'<option value="all" selected>All time</option>', applied)
    period_form = next(form for form in _forms(applied) if "Show the period" in form)
    assert re.search(r'<input type="hidden" name="q" value="YP"', period_form), period_form
