"""The coverage floors `make test` enforces (issue 16): line and branch coverage of 100% for
every services, selectors and policies module, and 95% for Heard as a whole.

Reads the JSON report pytest-cov wrote (``build/coverage.json``), prints one summary line and
each module under its floor, and exits 1 when a floor is not met. A line that cannot run under
test carries ``# pragma: no cover - <reason>`` (pyproject.toml, [tool.coverage.report]).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOTAL_FLOOR = 95.0
#: Modules (or packages) held to 100%: where the domain's writes, reads and rules live.
FULL = ("services", "selectors", "policies")


def held_to_full(path: str) -> bool:
    parts = Path(path).with_suffix("").parts
    return any(part in FULL for part in parts[-2:])


def main(report: str = "build/coverage.json") -> int:
    data = json.loads(Path(report).read_text())
    total = data["totals"]["percent_covered"]
    short: list[str] = []
    full_modules = 0
    for path, info in sorted(data["files"].items()):
        if not held_to_full(path):
            continue
        full_modules += 1
        summary = info["summary"]
        if summary["percent_covered"] < 100.0:
            missing = info.get("missing_lines", [])
            branches = info.get("missing_branches", [])
            short.append(
                f"  {path}: {summary['percent_covered']:.1f}% "
                f"(lines {missing[:12]}{' ...' if len(missing) > 12 else ''}, "
                f"{len(branches)} branches)"
            )
    print(
        f"Coverage: {total:.1f}% of Heard (floor {TOTAL_FLOOR:.0f}%); "
        f"{full_modules - len(short)} of {full_modules} services, selectors and policies "
        "modules at 100%."
    )
    failed = False
    if total < TOTAL_FLOOR:
        print(f"Coverage floor not met: {total:.1f}% < {TOTAL_FLOOR:.0f}%.")
        failed = True
    if short:
        print("Under the 100% floor:")
        print("\n".join(short))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
