"""``heard.core.svc_imports``: what the CSV imports report alike."""

from __future__ import annotations

from heard.core.svc_imports import ImportReport


def test_an_import_report_is_ok_until_it_holds_a_problem() -> None:
    report: ImportReport[tuple[int, str, str], object] = ImportReport(total_rows=2)
    assert report.ok and report.dry_run and report.created == []
    report.errors.append((2, "name", "Enter a name."))
    assert not report.ok
