"""An issued report and a report's page whose stored strings are payloads (the organisation's
name, a published view and its response), for the stored-markup crawl
(tests/core/test_form_markup.py): the ids and queries its pages need."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from heard.indicators.reports import periods, services
from tests import factories


def report_pages(
    organisation: Any, payload: Callable[[str], str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    quarter = periods.offered(periods.QUARTER, timezone.localdate())[0]
    view = factories.ViewFactory(
        session=None,
        organisation=organisation,
        recorded_on=quarter.start,
        consent="publish",
        text=payload("Highlight"),
    )
    factories.ResponseFactory(views=[view], plain_language=payload("We did"))
    report = services.report_issue(actor=None, period=quarter, organisation=organisation)
    query = f"?kind=quarter&start={quarter.value}&organisation={organisation.pk}"
    return (
        {"indicators:report-detail": {"pk": report.pk}},
        {
            "indicators:report-view": [query, f"{query}&version=young"],
            "indicators:report-detail": ["", "?version=young"],
        },
    )
