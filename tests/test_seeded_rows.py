"""The rows the migrations seed (standards, methods, content types) are there for every test,
including one that runs after a transactional test (tests/conftest.py's teardown hook).

pytest-django runs a module's ``db`` tests, then its transactional ones, then those that use no
database: the last test here runs right after the transactional one, whose flush emptied the
tables as it ended."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from heard.participation.models import Method, Standard
from tests.conftest import put_back_seeded_rows

SEEDED_STANDARDS = 7


@pytest.mark.django_db(transaction=True)
def test_put_back_restores_the_seeded_rows_after_a_flush():
    methods = Method.objects.count()
    assert Standard.objects.count() == SEEDED_STANDARDS
    assert methods > 0
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert Standard.objects.count() == 0
    put_back_seeded_rows()
    assert Standard.objects.count() == SEEDED_STANDARDS
    assert Method.objects.count() == methods


def test_a_test_after_a_transactional_one_finds_the_seeded_rows(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        assert Standard.objects.count() == SEEDED_STANDARDS
        assert Method.objects.exists()
