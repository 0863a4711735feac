"""What happens to a job (started, finished, failed, tried again), told to whoever listens.

``heard.jobs`` is the bottom layer: it cannot write the audit log (``heard.core.audit``) itself.
``heard.core.events`` declares the event types (``job.started``, ...) and listens here; the
services call :func:`tell` inside the transaction that changes the job, so the entry is written
with the change or not at all (never from a signal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STARTED = "job.started"
FINISHED = "job.finished"
FAILED = "job.failed"
RETRIED = "job.retried"

#: ``listener(name, job, actor=..., on_behalf_of=..., metadata=...)``.
Listener = Callable[..., Any]

_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Call ``listener`` for every job event; listening twice changes nothing."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def tell(name: str, job: Any, *, actor: Any = None, metadata: dict[str, Any]) -> None:
    """``name`` happened to ``job``: done by ``actor``, or by Heard's worker (None) for the
    job's requester. ``metadata`` never holds personal data (kinds, counts, class names)."""
    on_behalf_of = None if actor is not None else job.requested_by_id
    for listener in _listeners:
        listener(name, job, actor=actor, on_behalf_of=on_behalf_of, metadata=metadata)
