"""An indicator and request bodies for the documented-answers test (tests/api/test_openapi.py)."""

from __future__ import annotations

from heard.indicators.services import indicator_create


def indicator_requests() -> tuple[dict, dict]:
    indicator = indicator_create(
        actor=None,
        name="Young people actively participating",
        measure="active_young_people",
        target=300,
    )
    ids = {"/api/v1/indicators/": indicator.pk}
    bodies = {
        ("post", "/api/v1/indicators/"): {
            "name": "Active this year",
            "measure": "active_young_people",
            "target": 100,
        },
        ("patch", "/api/v1/indicators/{id}/"): {"target": 350},
    }
    return ids, bodies
