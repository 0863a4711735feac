"""Template tags for GOV.UK tables, so each list page names its columns instead of repeating
the header markup."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("includes/table_head.html")
def table_head(*columns: str) -> dict[str, Any]:
    """``{% table_head "Group" "Members:numeric" %}``: the table's ``<thead>``, one header cell a
    column; ``:numeric`` right-aligns a column of numbers."""
    cells = []
    for column in columns:
        label, _, kind = str(column).partition(":")
        cells.append({"label": label, "numeric": kind == "numeric"})
    return {"cells": cells}
