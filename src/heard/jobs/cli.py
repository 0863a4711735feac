"""Progress bars (tqdm) for Heard's long commands: on the command's stderr, so what a command
prints on stdout (its results, the demo logins) stays as it was and can still be piped."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from tqdm import tqdm


def _stream(wrapper: Any) -> TextIO:
    """The file under a command's ``OutputWrapper`` (which would end every write with a line
    break, where a bar redraws itself with a carriage return)."""
    found = getattr(wrapper, "_out", wrapper)
    return found if hasattr(found, "write") else sys.stderr


def bar(command: Any, *, total: int | None, desc: str, unit: str = "step") -> tqdm[Any]:
    """A progress bar for ``command`` (a ``BaseCommand``); updated by the caller."""
    return tqdm(total=total, desc=desc, unit=unit, file=_stream(command.stderr), dynamic_ncols=True)


class Steps:
    """A progress callback of messages (``progress("generated people in 1.2 s")``): each
    message is printed on stdout as before, above the bar, and a message that starts with one
    of ``counted`` moves the bar one step."""

    def __init__(
        self, command: Any, *, total: int, desc: str, counted: tuple[str, ...] = ()
    ) -> None:
        self.bar = bar(command, total=total, desc=desc)
        self.out = _stream(command.stdout)
        self.counted = counted

    def __call__(self, message: str) -> None:
        tqdm.write(message, file=self.out)
        if message.startswith(self.counted):
            self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def counter(command: Any, *, desc: str, unit: str) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback that draws a bar (a service's loop calls it), from
    its first call, closed when ``done`` reaches ``total``."""
    shown: list[tqdm[Any]] = []

    def progress(done: int, total: int) -> None:
        if not shown:
            shown.append(bar(command, total=total, desc=desc, unit=unit))
        shown[0].update(done - shown[0].n)
        if done >= total:
            shown[0].close()

    return progress
