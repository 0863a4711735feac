"""Job kinds: each kind names the function that runs it. Apps above ``heard.jobs`` add theirs
in their ``AppConfig.ready`` (``register("report_pdf", run_report_pdf)``), so this app imports
none of them.

A runner is called as ``runner(job, progress)`` (``heard.jobs.progress.Progress``) and returns
None or a :class:`Result`: a finished file on local disk, which the job then keeps through
Django's storage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A list's CSV or XLSX export (heard.jobs.exports), registered by this app itself.
EXPORT = "export"


@dataclass(frozen=True)
class Result:
    #: The finished file (deleted once stored).
    path: Path
    #: The name the requester downloads it as.
    name: str


Runner = Callable[[Any, Any], Result | None]

_RUNNERS: dict[str, Runner] = {}
#: The kinds a command may start as a system job, requested by no one (``services.start_system``):
#: the others run as their requester, so never as Heard itself.
_SYSTEM: set[str] = set()


def register(kind: str, runner: Runner, *, system: bool = False) -> None:
    _RUNNERS[kind] = runner
    if system:
        _SYSTEM.add(kind)
    else:
        _SYSTEM.discard(kind)


def runs_as_system(kind: str) -> bool:
    """Whether ``kind`` may run as a system job (its runner needs no requester)."""
    return kind in _SYSTEM


def runner_for(kind: str) -> Runner:
    """The kind's runner; KeyError for a kind nothing registered."""
    return _RUNNERS[kind]


def kinds() -> list[str]:
    return sorted(_RUNNERS)
