"""What every safeguarding service shares: concerns' audit entries withhold values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

WITHHELD = "(withheld)"


def _withheld(names: Iterable[str]) -> dict[str, list[str]]:
    """Audit ``changes`` for a concern: the names of the fields changed, never their values."""
    return {name: [WITHHELD, WITHHELD] for name in sorted(names)}


def _refuse(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)
