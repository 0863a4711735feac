"""Dates as Heard's messages and history lines write them."""

from __future__ import annotations

import datetime


def long_date(value: datetime.date) -> str:
    """A date as a message reads it: 1 April 2026."""
    return f"{value.day} {value:%B %Y}"
