"""What the rewards pages share."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpResponse

from heard.core import disclosure

#: The period choices: "all" (exact readers only) or "<start>_<end>" of a reporting period.
ALL_TIME = "all"


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def period_choices(user: Any, today: datetime.date) -> list[tuple[str, str]]:
    """The periods a reader may choose: all time first for one who reads every record, then
    the fixed reporting periods (all a protected reader may have)."""
    periods = [
        (f"{period.start.isoformat()}_{period.end.isoformat()}", period.label)
        for period in disclosure.reporting_periods(today)
    ]
    if disclosure.reads_every_record(user):
        return [(ALL_TIME, "All time"), *periods]
    return periods


def chosen_period(
    user: Any, value: str | None, today: datetime.date
) -> tuple[str, datetime.date | None, datetime.date | None]:
    """The period asked for, when it is one of the reader's choices, else their first."""
    choices = period_choices(user, today)
    key = value if value in dict(choices) else choices[0][0]
    if key == ALL_TIME:
        return key, None, None
    start, end = key.split("_")
    return key, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
