"""Hooks: a lower app says something happened, a higher app acts on it, neither importing the
other's code upward.

An app above registers a handler in its ``AppConfig.ready`` (``register("feedback.recorded",
fn)``); the service below calls ``run_after_commit("feedback.recorded", feedback_id=...)`` in its
transaction, and each handler runs once that transaction commits (at once when there is none).
A transaction that rolls back runs nothing.
"""

from __future__ import annotations

import functools
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
        transaction.on_commit(functools.partial(fn, **kwargs))
