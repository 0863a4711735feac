"""An indicator whose stored strings are payloads (its name, and its theme's and organisation's
names), for the stored-markup crawl (tests/core/test_form_markup.py), and the ids its pages
need."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heard.indicators import services


def indicator_pages(theme: Any, organisation: Any, payload: Callable[[str], str]) -> dict[str, Any]:
    indicator = services.indicator_create(
        actor=None,
        name=payload("Indicator"),
        measure="active_young_people",
        target=10,
        theme=theme,
        organisation=organisation,
    )
    return {
        "indicators:indicator-detail": {"pk": indicator.pk},
        "indicators:indicator-edit": {"pk": indicator.pk},
        "indicators:indicator-delete": {"pk": indicator.pk},
    }
