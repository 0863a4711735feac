import datetime

import pytest
import time_machine

#: Safeguarding tests run at noon on 15 October 2026 (UTC).
NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 10, 15)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield
