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


@register.simple_tag(takes_context=True)
def table_rows(context: Any, rows: Any, columns: Any) -> Any:
    """``{% table_rows object_list table_columns %}``: the body rows of a table drawn from its
    columns (``heard.core.tables.Column``)."""
    from heard.core.tables import rows_html

    return rows_html(context, rows, columns)


@register.filter
def display(value: Any) -> str:
    """``{{ value|display }}``: a value as every page shows it ("4 December 2026", "Yes", "-")."""
    from heard.core.tables import display as display_value

    return display_value(value)


@register.simple_tag
def page_items(page: Any) -> list[int | None]:
    """``{% page_items page_obj as items %}``: the page numbers pagination shows (None a gap)."""
    from heard.core.lists import page_items as items

    return items(page)


@register.filter
def counted(value: Any, nouns: str) -> str:
    """``{{ count|counted:"ballot,ballots" }}``: a count and its noun, whether the count is exact
    ("1 ballot", "1,200 ballots") or protected ("fewer than 5 ballots", heard.core.disclosure),
    where Django's ``pluralize`` would drop the noun's ending for the words."""
    singular, _, plural = nouns.partition(",")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,} {singular if value == 1 else plural}"
    return f"{value} {plural}"
