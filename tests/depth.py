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
}


def value(name: str) -> int:
    standard, deep, _ = SETTINGS[name]
    return deep if NAME == DEEP else standard


def summary() -> str:
    """One line for pytest's header and closing summary."""
    chosen = ", ".join(f"{name}={value(name)}" for name in SETTINGS)
    other = DEEP if NAME == STANDARD else STANDARD
    return f"test depth: {NAME} ({chosen}; HEARD_TEST_DEPTH={other} for the {other} depth)"
