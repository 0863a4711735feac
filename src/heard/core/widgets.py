"""Form widgets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As Django's ``attrs.html``: in order, ``True`` as a bare name, ``False`` left out."""
    return mark_safe(  # noqa: S308 - every value is escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """Django's ``Select`` with its options written out in Python: the same markup as Django's
    template (``core/templates/django/forms/widgets/select.html``), without building a context
    dictionary and attributes per option.

    At national scale a list page's filter offers 600 organisations; Django's per-option work took
    70 ms of a 190 ms page (in-process, bench/README.md) and this takes about 3 ms. Filter forms
    use it for every plain select (``core.filters.FilterSet``).
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(final_attrs),
            mark_safe("".join(self._options(self.choices, selected))),  # noqa: S308 - escaped below
        )

    def _options(self, choices: Iterable[Any], selected: set[str]) -> Iterator[str]:
        """As Django's ``optgroups``: only the first option with a chosen value is selected
        (unless several may be)."""
        for option_value, label in choices:
            if isinstance(label, list | tuple):
                yield format_html(
                    '\n  <optgroup label="{}">{}\n  </optgroup>',
                    option_value,
                    mark_safe("".join(self._options(label, selected))),  # noqa: S308 - escaped
                )
                continue
            text = "" if option_value is None else str(option_value)
            chosen = text in selected
            if chosen and not self.allow_multiple_selected:
                selected.clear()
            # Escaped as format_html escapes, in an f-string: half the time of format_html for
            # each of 600 organisations (1.4 against 3.1 ms a select, national scale).
            yield (
                f'\n  <option value="{conditional_escape(text)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )
