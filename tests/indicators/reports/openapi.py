"""The requests tests/api/test_openapi.py makes of the reports API (M22): an issued report to
read, and a body to issue one."""

from __future__ import annotations

from typing import Any

from heard.indicators.reports import periods, services


def report_requests(admin: Any, today: Any) -> tuple[dict[str, int], dict[Any, Any]]:
    quarter = periods.offered(periods.QUARTER, today)[1]
    report = services.report_issue(actor=admin, period=quarter)
    ids = {"/api/v1/reports/": report.pk}
    bodies = {("post", "/api/v1/reports/"): {"kind": "quarter", "start": quarter.value}}
    return ids, bodies
