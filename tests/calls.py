"""Counting the Python calls a piece of code makes, for tests that pin "a fixed number of calls
whatever the number of rows" (the drop-downs' option writer, tests/core/test_quick_select.py)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any


def python_calls(run: Callable[[], Any]) -> int:
    """How many Python functions ``run`` calls. The garbage collector is off meanwhile: a
    collection could run finalizers and weakref callbacks of other tests' objects, whose calls
    would be counted only when the larger case happens to allocate enough to trigger one."""
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    enabled = gc.isenabled()
    gc.disable()
    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
        if enabled:
            gc.enable()
    return calls
