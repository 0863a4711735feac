"""A report reads its indicators side by side on PostgreSQL (heard.core.concurrent): the same
figures as one after the other, each thread on a connection of its own, closed after. Outside
PostgreSQL or inside a transaction the reads stay in the caller's thread.

Transactional (the threads' connections must see committed rows): a file of its own."""

import threading

import pytest
import time_machine
from django.db import connection

from heard.core import concurrent
from heard.indicators.reports import build as build_module
from heard.indicators.reports.build import build
from tests.indicators.indicator_helpers import indicator
from tests.indicators.reports.helpers import QUARTER, TODAY, records


def test_map_reads_keeps_the_order_and_raises_the_first_error():
    assert concurrent.map_reads(lambda n: n * n, list(range(20)), threads=3) == [
        n * n for n in range(20)
    ]

    def fails(n):
        if n == 7:
            raise ValueError("seven")
        return n

    with pytest.raises(ValueError, match="seven"):
        concurrent.map_reads(fails, list(range(10)), threads=2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="side by side on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_reports_indicators_read_side_by_side_are_the_figures_read_in_turn(
    lead, organisation, settings, monkeypatch
):
    with time_machine.travel(TODAY, tick=False):
        records(organisation)
        for number in range(6):
            indicator(name=f"Groups {number}", measure="groups", target=number + 1)
        assert concurrent.reads_may_run_side_by_side()
        threads = set()
        real = build_module._point

        def point(*args, **kwargs):
            threads.add(threading.get_ident())
            return real(*args, **kwargs)

        monkeypatch.setattr(build_module, "_point", point)
        side_by_side = build(user=lead, period=QUARTER, organisation=None)
        # Worker threads read them (two, unless one drained the queue before the other began).
        assert threads and threading.get_ident() not in threads
        settings.HEARD_REPORT_THREADS = 1
        threads.clear()
        in_turn = build(user=lead, period=QUARTER, organisation=None)
        assert threads == {threading.get_ident()}
    assert side_by_side == in_turn
    (table,) = [t for t in in_turn["tables"] if t["key"] == "indicators"]
    assert len(table["rows"]) == 8
