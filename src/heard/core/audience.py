"""Who a record is for, checked the same way by every service that keeps an audience: the age
bands (in ``AgeBand`` order) and the areas (one line each, without repeats)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from heard.core.roles import AgeBand
from heard.core.updates import plain_text

AREA_MAX_LENGTH = 100


def chosen(value: Any) -> list[Any]:
    """What a form or the API gave: a list of several, one value alone, or nothing."""
    return list(value) if isinstance(value, list | tuple | set) else [value] if value else []


def age_bands(value: Any, errors: dict[str, Any], field: str = "age_bands") -> list[str]:
    """The age bands chosen, in their order; a message in ``errors`` for one not in the list."""
    bands = chosen(value)
    if any(item not in AgeBand.values for item in bands):
        errors[field] = _("Choose age bands from the list.")
        return []
    return [band for band in AgeBand.values if band in bands]


def areas(value: Any, errors: dict[str, Any], *, message: str, blank_ok: bool = True) -> list[str]:
    """The areas given, stripped, each once (whatever its case); ``message`` in ``errors`` for
    one that is not one line of ``AREA_MAX_LENGTH`` characters (or is blank, unless
    ``blank_ok``: a blank one is then left out)."""
    out: list[str] = []
    for item in chosen(value):
        area = plain_text(item)
        too_long = len(area) > AREA_MAX_LENGTH or "\n" in area
        if not isinstance(item, str) or too_long or not (area or blank_ok):
            errors["areas"] = message
            return []
        if area and area.casefold() not in {known.casefold() for known in out}:
            out.append(area)
    return out
