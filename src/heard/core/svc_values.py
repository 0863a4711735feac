"""What services do alike to the values a caller passed, before they check them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from heard.core.updates import plain_text


def plain_texts(values: dict[str, Any], names: Iterable[str]) -> None:
    """Make each of ``names`` that ``values`` holds plain text (``plain_text``), in place."""
    for name in names:
        if name in values:
            values[name] = plain_text(values[name])
