"""Heard's dependency audit: pip-audit over the lock files, npm audit over package-lock.json.

A known vulnerability in a pinned dependency fails the audit unless `.ci/audit-allowlist.toml` lists
it with a reason and a date to revisit it. An audit that could not be done is never a pass: when a
vulnerability service does not answer, or answers nothing for a package, the audit says so and
exits 2, apart from 1 for findings, so that CI can report the two differently.

Exit status: 0 every dependency audited and every finding allowed; 1 a finding not allowed, or an
allow-list entry that is invalid or past its revisit date; 2 an audit could not be done.

`make audit` runs this. With HEARD_AUDIT_RESULT set to a path, the one-line result is also written
there (`.ci/run` puts it in its summary).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = Path(__file__).resolve().parent / "audit-allowlist.toml"
LOCK_FILES = ("requirements.lock", "requirements-dev.lock")
ECOSYSTEMS = ("pypi", "npm")
ENTRY_KEYS = {"ecosystem", "id", "package", "reason", "revisit"}
# Each audit is tried this many times before it is reported as not done (a network hiccup).
ATTEMPTS = 2
RETRY_DELAY_S = 5.0
SHOWN_DETAILS = 10

PASSED, FAILED, NOT_DONE = "passed", "FAILED", "NOT DONE"
EXIT_CODES = {PASSED: 0, FAILED: 1, NOT_DONE: 2}


class AllowlistError(Exception):
    """The allow-list cannot be trusted: the audit fails rather than guess."""


@dataclass(frozen=True)
class Allowed:
    ecosystem: str
    id: str
    package: str
    reason: str
    revisit: dt.date


@dataclass
class Outcome:
    """What one audit (pip-audit or npm audit) found."""

    name: str
    state: str
    summary: str
    details: list[str] = field(default_factory=list)
    # Worth asking again (no answer at all, or a server error), unlike a service's definite refusal.
    transient: bool = False


def load_allowlist(path: Path, today: dt.date) -> list[Allowed]:
    """Every entry, checked: all fields present, a reason given, its revisit date not passed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AllowlistError(f"cannot read {path.name}: {error}") from error
    unknown = set(data) - {"vulnerability"}
    if unknown:
        raise AllowlistError(f"{path.name}: unknown table(s) {sorted(unknown)}")
    entries = data.get("vulnerability", [])
    if not isinstance(entries, list):
        raise AllowlistError(f"{path.name}: write each entry as [[vulnerability]]")
    allowed = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, entry {number}"
        if not isinstance(entry, dict) or set(entry) != ENTRY_KEYS:
            keys = sorted(entry) if isinstance(entry, dict) else entry
            raise AllowlistError(f"{where}: needs exactly {sorted(ENTRY_KEYS)}, has {keys}")
        if entry["ecosystem"] not in ECOSYSTEMS:
            raise AllowlistError(f"{where}: ecosystem must be one of {ECOSYSTEMS}")
        for key in ("id", "package", "reason"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise AllowlistError(f"{where}: {key} must be a non-empty string")
        revisit = entry["revisit"]
        if not isinstance(revisit, dt.date) or isinstance(revisit, dt.datetime):
            raise AllowlistError(f"{where}: revisit must be a date (revisit = 2027-03-31)")
        if revisit < today:
            raise AllowlistError(
                f"{where}: {entry['id']} ({entry['package']}) was to be revisited by {revisit}: "
                "upgrade the package, or review the reason and set a new date"
            )
        allowed.append(
            Allowed(
                ecosystem=entry["ecosystem"],
                id=entry["id"].strip(),
                package=entry["package"].strip().lower(),
                reason=entry["reason"].strip(),
                revisit=revisit,
            )
        )
    return allowed


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"


def pip_audit_outcome(returncode: int, report: str | None, stderr: str) -> Outcome:
    """Reads pip-audit's JSON report. pip-audit exits 0 and says "No known vulnerabilities found"
    when the service answers 404 for every package (it marks each one skipped), so a skipped
    package is reported as not audited, never as clean."""
    name = "pip-audit"
    try:
        data = json.loads(report) if report else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("dependencies"), list):
        return Outcome(
            name,
            NOT_DONE,
            f"pip-audit gave no report (exit {returncode}): {last_line(stderr)}",
            transient=True,
        )
    dependencies = data["dependencies"]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    findings = [
        f"{dep['name']} {dep.get('version', '?')}: {vuln['id']}"
        + (f" ({', '.join(vuln['aliases'])})" if vuln.get("aliases") else "")
        + (f", fixed in {', '.join(vuln['fix_versions'])}" if vuln.get("fix_versions") else "")
        for dep in dependencies
        for vuln in dep.get("vulns", [])
    ]
    if findings:
        return Outcome(
            name,
            FAILED,
            f"{len(findings)} known vulnerabilit{'y' if len(findings) == 1 else 'ies'} "
            "in Python packages not on the allow-list",
            findings,
        )
    if skipped or not dependencies:
        return Outcome(
            name,
            NOT_DONE,
            f"PyPI gave no vulnerability data for {len(skipped)} of {len(dependencies)} "
            f"Python packages (e.g. {last_line(skipped[0]['skip_reason']) if skipped else '-'})",
            [f"{dep['name']}: {dep['skip_reason']}" for dep in skipped],
        )
    return Outcome(name, PASSED, f"{len(dependencies)} Python packages, no known vulnerability")


def npm_advisory_ids(advisory: dict) -> set[str]:
    """An npm advisory is named by its GitHub advisory id (the end of its url) and its number."""
    ids = {str(advisory.get("source", ""))}
    url = str(advisory.get("url", ""))
    if "/advisories/" in url:
        ids.add(url.rstrip("/").rsplit("/", 1)[-1])
    return {advisory_id for advisory_id in ids if advisory_id}


def npm_audit_outcome(returncode: int, stdout: str, allowed: list[Allowed]) -> Outcome:
    """Reads `npm audit --json`. A package listed only through another one (`via` names a package,
    not an advisory) is covered by that package's advisories."""
    name = "npm audit"
    try:
        data = json.loads(stdout) if stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or "auditReportVersion" not in data:
        message = "no JSON report"
        status = data.get("statusCode") if isinstance(data, dict) else None
        if isinstance(data, dict):
            error = data.get("error")
            message = str(
                data.get("message")
                or (error.get("summary") if isinstance(error, dict) else error)
                or message
            )
        return Outcome(
            name,
            NOT_DONE,
            f"the npm registry's audit service gave no report (exit {returncode}): {message}",
            transient=not isinstance(status, int) or status >= 500,
        )
    allowed_ids = {(entry.package, entry.id) for entry in allowed if entry.ecosystem == "npm"}
    advisories: dict[str, dict] = {}
    for vulnerability in (data.get("vulnerabilities") or {}).values():
        for advisory in vulnerability.get("via", []):
            if isinstance(advisory, dict):
                key = str(advisory.get("source") or advisory.get("url") or advisory.get("title"))
                advisories[key] = advisory
    findings = []
    allowed_count = 0
    for advisory in advisories.values():
        package = str(advisory.get("name", "?")).lower()
        ids = npm_advisory_ids(advisory)
        if any((package, advisory_id) in allowed_ids for advisory_id in ids):
            allowed_count += 1
            continue
        shown = sorted(ids, key=lambda advisory_id: not advisory_id.startswith("GHSA"))
        findings.append(
            f"{package} {advisory.get('range', '')}: {shown[0] if shown else '?'} "
            f"({advisory.get('severity', '?')}) {advisory.get('title', '')}".strip()
        )
    total = (data.get("metadata") or {}).get("dependencies", {})
    packages = total.get("total", "?") if isinstance(total, dict) else total
    if findings:
        return Outcome(
            name,
            FAILED,
            f"{len(findings)} known vulnerabilit{'y' if len(findings) == 1 else 'ies'} "
            "in npm packages not on the allow-list",
            findings,
        )
    suffix = f" ({allowed_count} allowed by the allow-list)" if allowed_count else ""
    return Outcome(name, PASSED, f"{packages} npm packages, no known vulnerability{suffix}")


def run_pip_audit(command: list[str], root: Path, allowed: list[Allowed]) -> Outcome:
    ignores = [
        arg for entry in allowed if entry.ecosystem == "pypi" for arg in ("--ignore-vuln", entry.id)
    ]
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "pip-audit.json"
        args = [
            *command,
            *(arg for lock in LOCK_FILES for arg in ("--requirement", str(root / lock))),
            "--require-hashes",
            "--disable-pip",
            "--vulnerability-service",
            "pypi",
            "--format",
            "json",
            "--output",
            str(report),
            "--progress-spinner",
            "off",
            *ignores,
        ]
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                args, cwd=root, capture_output=True, text=True, timeout=600, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return Outcome(
                "pip-audit", NOT_DONE, f"pip-audit could not run: {error}", transient=True
            )
        text = report.read_text(encoding="utf-8") if report.exists() else None
        return pip_audit_outcome(done.returncode, text, done.stderr)


def run_npm_audit(command: list[str], root: Path, allowed: list[Allowed]) -> Outcome:
    args = [*command, "audit", "--json", "--package-lock-only", "--include=dev"]
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            args, cwd=root, capture_output=True, text=True, timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Outcome("npm audit", NOT_DONE, f"npm audit could not run: {error}", transient=True)
    return npm_audit_outcome(done.returncode, done.stdout, allowed)


def with_retries(audit, attempts: int, delay: float) -> Outcome:
    outcome = audit()
    for _ in range(attempts - 1):
        if not outcome.transient:
            break
        time.sleep(delay)
        outcome = audit()
    return outcome


def overall(outcomes: list[Outcome], seconds: float) -> tuple[str, str]:
    """One state and one line for the whole audit: a finding outranks a service that did not
    answer, which outranks a pass."""
    states = {outcome.state for outcome in outcomes}
    state = FAILED if FAILED in states else NOT_DONE if NOT_DONE in states else PASSED
    line = "; ".join(f"{outcome.name}: {outcome.summary}" for outcome in outcomes)
    if state == NOT_DONE:
        line += " (this is not a pass: the dependencies were not checked)"
    return state, f"{state}: {line} ({seconds:.0f}s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--allowlist", type=Path, default=ALLOWLIST)
    parser.add_argument(
        "--pip-audit", default=str(Path(sys.executable).parent / "pip-audit"), dest="pip_audit"
    )
    parser.add_argument("--npm", default="npm")
    parser.add_argument("--attempts", type=int, default=ATTEMPTS)
    parser.add_argument("--retry-delay", type=float, default=RETRY_DELAY_S)
    parser.add_argument("--result-file", type=Path, default=os.environ.get("HEARD_AUDIT_RESULT"))
    args = parser.parse_args(argv)

    started = time.monotonic()
    today = dt.datetime.now(tz=dt.UTC).date()
    try:
        allowed = load_allowlist(args.allowlist, today)
    except AllowlistError as error:
        outcomes = [Outcome("allow-list", FAILED, str(error))]
    else:
        outcomes = [
            with_retries(
                lambda: run_pip_audit([args.pip_audit], args.root, allowed),
                args.attempts,
                args.retry_delay,
            ),
            with_retries(
                lambda: run_npm_audit([args.npm], args.root, allowed),
                args.attempts,
                args.retry_delay,
            ),
        ]
    for outcome in outcomes:
        print(f"{outcome.name}: {outcome.state}: {outcome.summary}")
        for detail in outcome.details[:SHOWN_DETAILS]:
            print(f"    {detail}")
        if len(outcome.details) > SHOWN_DETAILS:
            print(f"    ... and {len(outcome.details) - SHOWN_DETAILS} more")
    state, line = overall(outcomes, time.monotonic() - started)
    print(f"\nDependency audit {line}")
    if state == FAILED:
        print(
            "Upgrade the package in the lock file, or list the finding in "
            f"{args.allowlist.name} with a reason and a date to revisit it."
        )
    elif state == NOT_DONE:
        print(
            "A vulnerability service did not answer: pip-audit asks PyPI's JSON API "
            "(pypi.org/pypi/<name>/<version>/json), npm audit asks the npm registry's advisory "
            "endpoint. Run `make audit` again where both answer."
        )
    if args.result_file:
        Path(args.result_file).write_text(line + "\n", encoding="utf-8")
    return EXIT_CODES[state]


if __name__ == "__main__":
    sys.exit(main())
