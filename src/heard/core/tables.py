"""One definition of a list's columns, for its HTML table and its CSV export.

A list page names its columns once (``columns = (Column("Name", "full_name"), ...)``);
``includes/table.html`` draws the GOV.UK table from them (on a narrow screen each row stacks into a
card, every value under its column's label) and the CSV export writes the same columns. A cell
whose HTML is more than its value (a link, a tag) gives a Django template fragment in ``cell``,
rendered with the page's context and ``row``; ``value`` stays what the CSV holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.template import Context, Template
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: How a date reads everywhere in Heard: "4 December 2026".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"


@dataclass(frozen=True)
class Column:
    """A column of a list: its header, how to read its value from a row (an attribute path such
    as ``"organisation.name"``, or a function), and optionally the HTML of its cell."""

    #: Marked for translation (``gettext_lazy``): the page shows it in the page's language.
    label: StrOrPromise
    value: str | Callable[[Any], Any] = ""
    #: A template fragment for the HTML cell: ``'<a href="{% url "x" row.pk %}">{{ row }}</a>'``.
    cell: str = ""
    numeric: bool = False
    #: False for a column only the CSV has (an id, a long text).
    in_table: bool = True
    #: False for a column only the page has (a tick box, an action link).
    in_csv: bool = True
    #: The row's header (``<th scope="row">``): what each figure along the row is about.
    row_header: bool = False

    @cached_property
    def heading(self) -> str:
        """The label in English, whatever the page's language: an export's heading is a data
        format that the imports read back, never translated."""
        with translation.override("en"):
            return str(self.label)

    def __iter__(self) -> Any:
        """A column unpacks as ``(heading, value)``, the CSV export's pair."""
        return iter((self.heading, self.value))


def _active(record: Any) -> str:
    return "Yes" if record.is_active else "No"


def model_columns(
    model: type[Model], *names: str | Column, csv_only: Iterable[str] = ()
) -> list[Column]:
    """Columns for the fields ``names`` of ``model``, each headed by the field's own label: a
    choice reads as its label, a related record by its name, ``is_active`` as Yes or No. A
    :class:`Column` stands as it is; a field in ``csv_only`` is left out of the page's table."""
    csv_only = set(csv_only)
    columns: list[Column] = []
    for name in names:
        if isinstance(name, Column):
            columns.append(name)
            continue
        in_table = name not in csv_only
        if name == "is_active":
            columns.append(Column(gettext_lazy("Active"), _active, in_table=in_table))
            continue
        field: Any = model._meta.get_field(name)
        value: str = name
        if field.choices:
            value = f"get_{name}_display"
        elif field.is_relation:
            value = f"{name}.name"
        label = capfirst(field.verbose_name)
        columns.append(Column(label, value, in_table=in_table))
    return columns


def table_columns(columns: Iterable[Column]) -> list[Column]:
    return [column for column in columns if column.in_table]


def csv_columns(columns: Iterable[Column]) -> list[Column]:
    return [column for column in columns if column.in_csv]


@lru_cache(maxsize=512)
def _fragment(source: str) -> Template:
    return Template("{% load heard_tables %}" + source)


def display(value: Any) -> str:
    """A value as a page shows it: dates as "4 December 2026", yes/no, nothing as "-"."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return formats.date_format(value, DATE_FORMAT)
    if hasattr(value, "all"):
        return ", ".join(str(item) for item in value.all()) or "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "-"
    return str(value)


def read(row: Any, getter: str | Callable[[Any], Any]) -> Any:
    """The raw value of one column for one row (not yet text)."""
    if callable(getter):
        return getter(row)
    value = row
    for part in getter.split("."):
        if value is None:
            return None
        value = getattr(value, part, None)
        if callable(value) and not hasattr(value, "all"):
            value = value()
    return value


def render_cell(context: Context, row: Any, column: Column) -> str:
    if column.cell:
        with context.push(row=row):
            return _fragment(column.cell).render(context)
    return conditional_escape(display(read(row, column.value)))


def rows_html(context: Context, rows: Sequence[Any], columns: Sequence[Column]) -> SafeString:
    """The ``<tr>`` of every row, each cell labelled for the narrow screen's stacked layout."""
    parts: list[str] = []
    for row in rows:
        parts.append('<tr class="govuk-table__row">')
        for column in columns:
            numeric = " govuk-table__cell--numeric" if column.numeric else ""
            tag, kind = ("th", "header") if column.row_header else ("td", "cell")
            scope = ' scope="row"' if column.row_header else ""
            parts.append(
                f'<{tag}{scope} class="govuk-table__{kind}{numeric.replace("cell", kind)}" '
                f'data-label="{conditional_escape(column.label)}">'
                f"{render_cell(context, row, column)}</{tag}>"
            )
        parts.append("</tr>")
    return SafeString("".join(parts))


__all__ = [
    "DATE_FORMAT",
    "Column",
    "csv_columns",
    "display",
    "model_columns",
    "read",
    "rows_html",
    "table_columns",
]
