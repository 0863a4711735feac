"""Finding a child by name on a phone (issue 17): at 320 px a worker types part of a name in the
young people list's own search box, submits, finds the child first, and opens their record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.browser.helpers import assert_accessible, assert_no_script_errors

pytestmark = pytest.mark.browser


def test_a_worker_finds_a_child_by_part_of_their_name(logged_in_page, partner_worker, organisation):
    for _ in range(30):  # more than a page: she is not on the first page unsearched
        factories.YoungPersonFactory(organisation=organisation, first_name="Aaron")
    child = factories.YoungPersonFactory(
        organisation=organisation, first_name="Ottilie", last_name="Zane", preferred_name="Tilly"
    )
    factories.YoungPersonFactory(organisation=organisation, first_name="Zoe", last_name="Ottiwell")
    page = logged_in_page(partner_worker)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(reverse("people:young-person-list"))

    box = page.get_by_role("searchbox", name="Search by name or reference")
    assert box.is_visible()  # not folded away in the filters' panel
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("link", name="Ottilie Zane").count() == 0
    assert_accessible(page)

    box.fill("otti")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()

    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    first = rows.first
    assert "Ottilie Zane, known as Tilly" in first.inner_text()
    assert child.reference in first.inner_text()
    assert box.input_value() == "otti"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    with page.expect_navigation():
        first.get_by_role("link", name="Ottilie Zane").click()
    assert page.url.endswith(reverse("people:young-person-detail", args=[child.pk]))
    assert page.get_by_role("heading", level=1).inner_text().startswith(child.reference)
    assert_no_script_errors(page)
