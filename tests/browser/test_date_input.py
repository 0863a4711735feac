"""GOV.UK's date input in a real browser (issue 17): a worker types a date that cannot be, sees
the error named and only the wrong box highlighted, follows the error summary to the day box,
corrects it and saves; at 320 px the three boxes fit and each is a 24 px target or larger."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.groups.models import ThemeReview
from tests import factories
from tests.browser.helpers import assert_accessible, assert_no_script_errors, submit_form

pytestmark = pytest.mark.browser


def _box(page, part: str):
    return page.get_by_role("group", name="Date of the review").get_by_label(part, exact=True)


def test_a_worker_corrects_a_date_that_cannot_be(logged_in_page, lead):
    theme = factories.ThemeFactory(lead=lead, title="Transport")
    page = logged_in_page(lead)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(reverse("groups:theme-review-add", args=[theme.pk]))

    group = page.get_by_role("group", name="Date of the review")
    assert "For example, 27 3 2026" in group.inner_text()
    assert page.locator('input[type="date"]').count() == 0
    for part in ("Day", "Month", "Year"):
        box = _box(page, part).bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 24, part
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    _box(page, "Day").fill("31")
    _box(page, "Month").fill("4")
    _box(page, "Year").fill("2026")
    page.get_by_label("Summary").fill("Two groups met and planned the bus survey.")
    page.get_by_label("Continue", exact=True).check()
    submit_form(page)

    summary = page.locator(".govuk-error-summary")
    assert "Date of the review must be a real date" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert "govuk-input--error" in (_box(page, "Day").get_attribute("class") or "")
    assert "govuk-input--error" not in (_box(page, "Month").get_attribute("class") or "")
    assert "govuk-input--error" not in (_box(page, "Year").get_attribute("class") or "")
    # What was typed is kept.
    assert _box(page, "Day").input_value() == "31"
    assert _box(page, "Year").input_value() == "2026"
    summary.get_by_role("link", name="Date of the review must be a real date").click()
    assert page.evaluate("document.activeElement.id") == "id_date_day"
    assert_accessible(page)

    _box(page, "Day").fill("30")
    submit_form(page)

    assert page.url.endswith(reverse("groups:theme-detail", args=[theme.pk]))
    assert ThemeReview.objects.get(theme=theme).date == datetime.date(2026, 4, 30)
    assert_no_script_errors(page)


@pytest.mark.parametrize(
    "url_name", ["participation:session-list", "voice:view-list", "privacy:target-add"]
)
def test_filter_and_form_controls_are_24_px_targets(logged_in_page, lead, url_name):
    """The filters' drop-downs and date boxes, and the reach target's number box, were bare
    browser controls 19-21 px tall (issue 17); each is a GOV.UK control at least 24 px square."""
    page = logged_in_page(lead)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(reverse(url_name))
    details = page.locator("main details.govuk-details")
    if details.count():
        details.first.locator("summary").click()
    controls = page.locator(
        "main form select, main form textarea, main form input:not([type=hidden])"
    ).locator("visible=true")
    assert controls.count() >= 3
    small = []
    for index in range(controls.count()):
        control = controls.nth(index)
        box = control.bounding_box()
        if box is None or box["height"] < 24 or box["width"] < 24:
            small.append((control.get_attribute("name"), box))
    assert not small, small
