"""A hook after a real commit: one handler failing does not stop the others. Transactional, so
apart from tests/messaging/test_hooks_and_config.py (make test sends whole files to its workers;
a file mixing plain and transactional tests would empty the seeded tables before other files'
plain tests)."""

import pytest
from django.db import transaction

from heard.core import hooks


@pytest.mark.django_db(transaction=True)
def test_a_failing_handler_does_not_stop_the_others(caplog):
    calls = []

    def failing(**kwargs):
        raise RuntimeError("down")

    def working(**kwargs):
        calls.append(kwargs)

    hooks.register("test.failing", failing)
    hooks.register("test.failing", working)
    try:
        with transaction.atomic():
            hooks.run_after_commit("test.failing", thing=3)
    finally:
        hooks.unregister("test.failing", failing)
        hooks.unregister("test.failing", working)
    assert calls == [{"thing": 3}]
    assert "hook " in caplog.text and "failing" in caplog.text
