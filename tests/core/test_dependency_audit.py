"""The dependency audit (.ci/audit.py, `make audit`): findings fail unless allowed with a reason,
and an audit that could not be done is never reported as a pass."""

import datetime as dt
import importlib.util
import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 4)


def load_audit():
    spec = importlib.util.spec_from_file_location("heard_ci_audit", ROOT / ".ci" / "audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


audit = load_audit()


def pip_report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


DJANGO_VULN = {
    "id": "PYSEC-2099-1",
    "fix_versions": ["5.2.20"],
    "aliases": ["CVE-2099-1", "GHSA-aaaa-bbbb-cccc"],
    "description": "...",
}
SASS_ADVISORY = {
    "source": 1100001,
    "name": "sass",
    "dependency": "sass",
    "title": "Sass reads outside the load path",
    "url": "https://github.com/advisories/GHSA-sass-sass-sass",
    "severity": "moderate",
    "range": "<1.99.1",
}


def npm_report(*advisories):
    vulnerabilities = {}
    for advisory in advisories:
        vulnerabilities[advisory["name"]] = {
            "name": advisory["name"],
            "severity": advisory["severity"],
            "via": [advisory],
            "effects": ["heard-frontend-tool"],
        }
    if advisories:
        # A package that is vulnerable only through another one names it instead of an advisory.
        vulnerabilities["heard-frontend-tool"] = {
            "name": "heard-frontend-tool",
            "severity": "moderate",
            "via": [advisory["name"] for advisory in advisories],
        }
    return json.dumps(
        {
            "auditReportVersion": 2,
            "vulnerabilities": vulnerabilities,
            "metadata": {"dependencies": {"prod": 1, "dev": 25, "total": 26}},
        }
    )


def allowlist_file(tmp_path, body):
    path = tmp_path / "audit-allowlist.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


SASS_ALLOWED = """
    [[vulnerability]]
    ecosystem = "npm"
    id = "GHSA-sass-sass-sass"
    package = "sass"
    reason = "Only compiles the stylesheet from this repository's own files."
    revisit = 2027-03-31
"""


def test_every_package_skipped_is_not_done_although_pip_audit_exits_0():
    """pip-audit prints "No known vulnerabilities found" and exits 0 when PyPI answers 404 for
    every release: that is an audit that did not happen."""
    report = pip_report(
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
    )
    outcome = audit.pip_audit_outcome(0, report, "")
    assert outcome.state == audit.NOT_DONE
    assert "1 of 2 Python packages" in outcome.summary
    assert not outcome.transient


def test_no_report_at_all_is_not_done_and_worth_retrying():
    outcome = audit.pip_audit_outcome(1, None, "Traceback ...\nrequests.exceptions.ConnectionError")
    assert outcome.state == audit.NOT_DONE
    assert "ConnectionError" in outcome.summary
    assert outcome.transient


def test_a_python_finding_fails_with_its_id_and_fix():
    report = pip_report(
        {"name": "django", "version": "5.2.19", "vulns": [DJANGO_VULN]},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
    )
    outcome = audit.pip_audit_outcome(1, report, "")
    assert outcome.state == audit.FAILED
    assert outcome.details == [
        "django 5.2.19: PYSEC-2099-1 (CVE-2099-1, GHSA-aaaa-bbbb-cccc), fixed in 5.2.20"
    ]


def test_every_package_audited_without_findings_passes():
    report = pip_report({"name": "django", "version": "5.2.19", "vulns": []})
    assert audit.pip_audit_outcome(0, report, "").state == audit.PASSED


def test_npm_refusing_the_audit_is_not_done():
    refused = json.dumps(
        {
            "message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
            "statusCode": 405,
        }
    )
    outcome = audit.npm_audit_outcome(1, refused, [])
    assert outcome.state == audit.NOT_DONE
    assert "405 Method Not Allowed" in outcome.summary
    assert not outcome.transient
    assert audit.npm_audit_outcome(1, "", []).transient


def test_npm_findings_fail_unless_allowed_for_that_package(tmp_path):
    report = npm_report(SASS_ADVISORY)
    failed = audit.npm_audit_outcome(1, report, [])
    assert failed.state == audit.FAILED
    assert failed.details == [
        "sass <1.99.1: GHSA-sass-sass-sass (moderate) Sass reads outside the load path"
    ]

    allowed = audit.load_allowlist(allowlist_file(tmp_path, SASS_ALLOWED), TODAY)
    passed = audit.npm_audit_outcome(1, report, allowed)
    assert passed.state == audit.PASSED
    assert "26 npm packages" in passed.summary
    assert "1 allowed" in passed.summary

    other_package = dict(SASS_ADVISORY, name="govuk-frontend")
    assert audit.npm_audit_outcome(1, npm_report(other_package), allowed).state == audit.FAILED


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            SASS_ALLOWED.replace(
                "Only compiles the stylesheet from this repository's own files.", " "
            ),
            "reason",
        ),
        (SASS_ALLOWED.replace("    reason = ", "    # reason = "), "needs exactly"),
        (SASS_ALLOWED.replace("2027-03-31", "2026-12-03"), "revisited by 2026-12-03"),
        (SASS_ALLOWED.replace("2027-03-31", '"soon"'), "revisit must be a date"),
        (SASS_ALLOWED.replace('"npm"', '"cargo"'), "ecosystem"),
        ("[[vulnerability]\n", "cannot read"),
    ],
)
def test_an_allowlist_entry_without_a_reason_or_past_its_date_is_refused(tmp_path, body, message):
    with pytest.raises(audit.AllowlistError, match=message):
        audit.load_allowlist(allowlist_file(tmp_path, body), TODAY)


def test_the_repository_allowlist_is_valid():
    audit.load_allowlist(audit.ALLOWLIST, dt.datetime.now(tz=dt.UTC).date())


def fake_tool(path: Path, script: str) -> str:
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(script), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def run_main(tmp_path, pip_json, npm_json, allowlist_body=""):
    """Runs the audit as `make audit` does, with stand-ins for pip-audit and npm that print the
    given reports and record their arguments."""
    (tmp_path / "reports").mkdir(exist_ok=True)
    (tmp_path / "reports" / "pip.json").write_text(pip_json, encoding="utf-8")
    (tmp_path / "reports" / "npm.json").write_text(npm_json, encoding="utf-8")
    pip_audit = fake_tool(
        tmp_path / "pip-audit",
        f"""
        import pathlib, sys
        args = sys.argv[1:]
        pathlib.Path({str(tmp_path)!r}, "pip-args").write_text(" ".join(args))
        report = pathlib.Path({str(tmp_path)!r}, "reports", "pip.json").read_text()
        pathlib.Path(args[args.index("--output") + 1]).write_text(report)
        """,
    )
    npm = fake_tool(
        tmp_path / "npm",
        f"""
        import pathlib, sys
        pathlib.Path({str(tmp_path)!r}, "npm-args").write_text(" ".join(sys.argv[1:]))
        print(pathlib.Path({str(tmp_path)!r}, "reports", "npm.json").read_text())
        sys.exit(1)
        """,
    )
    allowlist = allowlist_file(tmp_path, allowlist_body)
    result = tmp_path / "result"
    code = audit.main(
        [
            "--root", str(ROOT), "--allowlist", str(allowlist), "--pip-audit", pip_audit,
            "--npm", npm, "--retry-delay", "0", "--result-file", str(result),
        ]
    )  # fmt: skip
    return code, result.read_text(encoding="utf-8")


CLEAN_PIP = pip_report({"name": "django", "version": "5.2.19", "vulns": []})


def test_make_audit_passes_when_every_finding_is_allowed(tmp_path):
    pypi_allowed = SASS_ALLOWED.replace('"npm"', '"pypi"').replace(
        "GHSA-sass-sass-sass", "PYSEC-2099-1"
    )
    code, result = run_main(
        tmp_path, CLEAN_PIP, npm_report(SASS_ADVISORY), SASS_ALLOWED + pypi_allowed
    )
    assert code == 0
    assert result.startswith("passed: pip-audit: 1 Python packages, no known vulnerability;")
    pip_args = (tmp_path / "pip-args").read_text()
    for expected in (
        "--requirement " + str(ROOT / "requirements.lock"),
        "--requirement " + str(ROOT / "requirements-dev.lock"),
        "--require-hashes --disable-pip --vulnerability-service pypi",
        "--ignore-vuln PYSEC-2099-1",
    ):
        assert expected in pip_args
    assert (tmp_path / "npm-args").read_text() == "audit --json --package-lock-only --include=dev"


def test_make_audit_fails_on_a_finding_not_allowed(tmp_path):
    code, result = run_main(tmp_path, CLEAN_PIP, npm_report(SASS_ADVISORY))
    assert code == 1
    assert result.startswith("FAILED: ")
    assert "1 known vulnerability in npm packages not on the allow-list" in result


def test_make_audit_is_not_a_pass_when_a_service_does_not_answer(tmp_path):
    refused = json.dumps({"message": "405 Method Not Allowed", "statusCode": 405})
    code, result = run_main(tmp_path, CLEAN_PIP, refused)
    assert code == 2
    assert result.startswith("NOT DONE: ")
    assert "this is not a pass" in result


def test_a_finding_outranks_a_service_that_did_not_answer(tmp_path):
    skipped = pip_report({"name": "django", "skip_reason": "not found"})
    code, result = run_main(tmp_path, skipped, npm_report(SASS_ADVISORY))
    assert code == 1
    assert result.startswith("FAILED: ")


@pytest.mark.parametrize(
    ("audit_exit", "audit_line", "required", "ci_exit"),
    [
        (0, "passed: pip-audit: 118 Python packages, no known vulnerability", "", 0),
        (2, "FAILED: npm audit: 1 known vulnerability in npm packages", "", 1),
        (2, "NOT DONE: npm audit: 405 (this is not a pass)", "", 0),
        (2, "NOT DONE: npm audit: 405 (this is not a pass)", "1", 1),
    ],
)
def test_ci_puts_the_audit_in_its_summary_and_fails_on_findings(
    tmp_path, audit_exit, audit_line, required, ci_exit
):
    """.ci/run runs `make audit` after `make test`: a finding fails CI; an audit that could not
    be done is NOT DONE in the summary, and fails CI only with HEARD_AUDIT_REQUIRED=1."""
    calls = tmp_path / "calls"
    make = tmp_path / "make"
    make.write_text(
        textwrap.dedent(
            f"""\
            #!/usr/bin/env bash
            echo "$1" >> {calls}
            case "$1" in
              test|test-postgres) echo "===== 3 passed in 0.1s =====";;
              audit) echo "{audit_line}" > "$HEARD_AUDIT_RESULT"; exit {audit_exit};;
            esac
            """
        ),
        encoding="utf-8",
    )
    make.chmod(make.stat().st_mode | stat.S_IXUSR)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "MAKE": str(make),
        "HEARD_CHROMIUM": "/bin/true",
        "HEARD_AUDIT_REQUIRED": required,
    }
    done = subprocess.run(  # noqa: S603 - the repository's own script
        ["/bin/bash", str(ROOT / ".ci" / "run")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == ci_exit, done.stdout + done.stderr
    ran = calls.read_text(encoding="utf-8").split()
    assert ran[0] == "test" and ran[-1] == "audit"
    summary = done.stdout.split("CI summary", 1)[1]
    assert f"Audit:      {audit_line}" in summary
    assert ("CI passed." if ci_exit == 0 else "CI FAILED.") in summary
