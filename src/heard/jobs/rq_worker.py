"""RQ's worker, stopping its command listener with a bounded wait (``heard worker``, REDIS_URL).

An RQ worker listens for commands (stop the job, shut down) on a Redis pubsub channel in a thread
of its own. When it stops it unsubscribes, then ``PubSubWorkerThread.stop()`` waits for that
thread to end, with no bound in redis-py 8.2 (the version pinned). If the thread reads the reply
to the unsubscribe before the stop is asked for (the worker busy elsewhere, a loaded machine), it
goes back to waiting for a subscription for its full ``sleep_time``, 60 s in RQ 3.0, and the
worker's exit waits with it: a worker in batch, as ``heard worker --batch`` runs one, took 61 s
instead of 1 in ``make test`` (tests/jobs/test_rq.py). The thread is a daemon and only listens,
so the wait is bounded here (``STOP_WAIT``); the thread ends by itself when its wait does.
"""

from __future__ import annotations

from typing import Any

from rq import Worker as RQWorker

#: Seconds a stopping worker waits for its command listener to end.
STOP_WAIT = 1.0


class StopsPromptly:
    """For a class derived from RQ's ``Worker``: ``unsubscribe`` waits at most ``STOP_WAIT``."""

    pubsub: Any
    pubsub_thread: Any

    def unsubscribe(self) -> None:
        if self.pubsub_thread:
            self.pubsub.unsubscribe()
            self.pubsub_thread.stop(timeout=STOP_WAIT)
            self.pubsub.close()


class Worker(StopsPromptly, RQWorker):
    """The worker ``heard worker`` runs on RQ: RQ's own (each job in a forked process)."""
