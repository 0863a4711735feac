"""Hooks: a lower app says something happened, a higher app acts on it, neither importing the
other's code upward.

An app above registers a handler in its ``AppConfig.ready`` (``register("feedback.recorded",
fn)``); the service below calls ``run_after_commit("feedback.recorded", feedback_id=...)`` in its
transaction, and each handler runs once that transaction commits (at once when there is none).
A transaction that rolls back runs nothing. A handler that fails is logged (Django's robust
``on_commit``) and the others still run: what was committed stays committed, and the person
who recorded it is not shown an error for a follow-up that is not theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

Handler = Callable[..., Any]

_handlers: defaultdict[str, list[Handler]] = defaultdict(list)


def register(name: str, fn: Handler) -> Handler:
    """Run ``fn(**kwargs)`` after each commit that ran the hook ``name``. Registering the same
    function again changes nothing (``ready`` may run twice)."""
    if fn not in _handlers[name]:
        _handlers[name].append(fn)
    return fn


def unregister(name: str, fn: Handler) -> None:
    if fn in _handlers[name]:
        _handlers[name].remove(fn)


def handlers(name: str) -> tuple[Handler, ...]:
    return tuple(_handlers[name])


def run_after_commit(name: str, **kwargs: Any) -> None:
    """Run every handler of ``name`` with ``kwargs`` once the current transaction commits."""
    for fn in _handlers[name]:
        transaction.on_commit(_bound(fn, kwargs), robust=True)


def _bound(fn: Handler, kwargs: dict[str, Any]) -> Callable[[], None]:
    def run() -> None:
        fn(**kwargs)

    run.__qualname__ = f"hook {getattr(fn, '__qualname__', fn)}"  # named in the log of a failure
    return run
