"""Every write to indicators: set one, change it, delete it (participation lead), audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import Change, Removal, audited_create
from heard.indicators import events
from heard.indicators.models import FILTER_FIELDS, Indicator

#: What a user gives an indicator: everything it has but its timestamps.
FIELDS = ("name", "measure", "period", "target", "amber_within", *FILTER_FIELDS)


@transaction.atomic
def indicator_create(
    *, actor: Any, name: str, measure: str, target: int, **fields: Any
) -> Indicator:
    """Set a new indicator: a measure from the library, its filters, a target and its rule."""
    require(actor, "indicators.add_indicator")
    indicator = Indicator(name=(name or "").strip(), measure=measure, target=target)
    for field, value in fields.items():
        if field not in FIELDS:
            raise TypeError(f"indicator_create() cannot set {field}")
        setattr(indicator, field, value)
    errors: dict[str, Any] = {}
    return audited_create(
        indicator, actor=actor, event=events.INDICATOR_CREATED, fields=FIELDS, errors=errors
    )


_INDICATOR_UPDATE = Change("indicator_update", events.INDICATOR_CHANGED, FIELDS)


def indicator_update(*, actor: Any, indicator: Indicator, **fields: Any) -> Indicator:
    """Change an indicator's name, measure, filters, target or rule; only what changed."""
    require(actor, "indicators.change_indicator", indicator)
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
    return _INDICATOR_UPDATE.apply(indicator, actor=actor, fields=fields)


_INDICATOR_DELETE = Removal("indicators.delete_indicator", events.INDICATOR_DELETED, FIELDS)


def indicator_delete(*, actor: Any, indicator: Indicator) -> None:
    """Delete an indicator (nothing else goes with it: its figures are the records')."""
    _INDICATOR_DELETE.apply(indicator, actor=actor)
