"""Fuzz every operation of the served OpenAPI document as every role that has a token: file 4 of
``fuzzing.SHARES`` (``tests/api/fuzzing.py`` says how and why)."""

from __future__ import annotations

import pytest

from tests.api import fuzzing

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.mark.parametrize("label", fuzzing.share(3))
def test_operation_as_every_role(label, make_user, organisation):
    fuzzing.fuzz(label, make_user, organisation)
