"""``heard.core.svc_values``: what services do alike to the values a caller passed."""

from __future__ import annotations

from heard.core.svc_values import plain_texts


def test_plain_texts_strips_the_named_values_it_holds_only() -> None:
    values = {"title": "  A title ", "notes": None, "count": 3}
    plain_texts(values, ("title", "notes", "summary"))
    assert values == {"title": "A title", "notes": "", "count": 3}
