"""How deep the statistical tests go: ``HEARD_TEST_DEPTH`` (docs/testing.md).

``standard`` (the default, ``make test``) runs them at a depth that still catches every bug they
are known to catch; ``deep`` (``make test-postgres``, which CI runs after ``make test``) runs more
cases. pytest prints the depth and what it sets in its header and closing summary, so a run never
goes shallower without saying so. Any other value is refused.
"""

from __future__ import annotations

import os

STANDARD = "standard"
DEEP = "deep"

NAME = os.environ.get("HEARD_TEST_DEPTH", "").strip().lower() or STANDARD
if NAME not in (STANDARD, DEEP):
    raise RuntimeError(f"HEARD_TEST_DEPTH must be {STANDARD!r} or {DEEP!r}, not {NAME!r}")

#: What each depth sets: (standard, deep) and why the standard depth is enough.
SETTINGS: dict[str, tuple[int, int, str]] = {
    "disclosure_runs": (
        40,
        120,
        "runs of the cross-request simulation over Heard's output families "
        "(tests/core/test_disclosure_policy.py); exact figures under the threshold, the policy "
        "before ADR 0008, are pinned in the 2nd run",
    ),
    "crawl_axe_at_1280": (
        0,
        1,
        "axe-core at 1280 px as well as 320 px in the browser crawl "
        "(tests/browser/test_crawl.py); width and server errors are checked at both always, and "
        "axe at 320 px, where the stacked tables, folded navigation and date boxes are",
    ),
    "crawl_axe_every_role": (
        0,
        1,
        "axe-core on every role's copy of a page pattern at 320 px in the browser crawl, not "
        "only on the first role's to reach it (tests/browser/test_crawl.py; at 1280 px once a "
        "pattern); every role's pages are opened and "
        "checked for width and server errors always, and every pattern gets axe once: the "
        "templates are shared, and what differs between roles (buttons, columns, counts) is "
        "checked in CI's deep run",
    ),
}


def value(name: str) -> int:
    standard, deep, _ = SETTINGS[name]
    return deep if NAME == DEEP else standard


def summary() -> str:
    """One line for pytest's header and closing summary."""
    chosen = ", ".join(f"{name}={value(name)}" for name in SETTINGS)
    other = DEEP if NAME == STANDARD else STANDARD
    return f"test depth: {NAME} ({chosen}; HEARD_TEST_DEPTH={other} for the {other} depth)"
