"""The rows the migrations seed (Hear by Right standards, methods) are there in every browser test,
whichever ran before it: the live server's tests flush the database after each test, and the
serialized rollback (``_restore_seeded_rows``) puts them back. It used to do that only until
Playwright started: from then on ``django.db.connections`` (an asgiref ``Local``, which keeps its
objects per context once an event loop runs in the thread, as Playwright's sync API makes it)
gave the tests a new connection object without the serialized rows, and the restore was skipped
without a word. The crawl, which loads the demo partnership through the services, only passed
because it happened to run first."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


def _seeded() -> tuple[int, int]:
    from heard.participation.models import Method, Standard

    return Standard.objects.count(), Method.objects.count()


def test_a_browser_test_starts_with_the_seeded_rows(page):
    page.goto(reverse("core:sign-in"))
    standards, methods = _seeded()
    assert standards == 7
    assert methods > 0


def test_and_so_does_the_next_one(page):
    page.goto(reverse("core:sign-in"))
    assert _seeded()[0] == 7
