"""Form widgets."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

#: What ``django.utils.html.escape`` replaces, for ``str.translate``: the same text in one C call.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape(value: Any) -> str:
    """``conditional_escape``, for what is not a plain ``str`` (safe text, lazy text, numbers)."""
    return str(conditional_escape(value))


def _record_rows(choices: Any) -> list[tuple[Any, Any]] | None:
    """A model drop-down's choices as rows: its first choices (the empty label, django-filter's
    null label) as its iterator gives them, then ``(pk, label)`` read with ``values_list``.

    Only when the label is the record's ``LABEL_FIELD`` (a model declares it where ``__str__``
    returns exactly that field), the value is the primary key, and neither the field nor its
    iterator changes how a record becomes a choice; else None, and the choices are iterated as
    Django does.
    """
    if not isinstance(choices, ModelChoiceIterator):
        return None
    field, queryset = choices.field, choices.queryset
    label_field = getattr(queryset.model, "LABEL_FIELD", None)
    if (
        label_field is None
        or field.to_field_name
        or type(field).label_from_instance is not ModelChoiceField.label_from_instance
        or type(field).prepare_value is not ModelChoiceField.prepare_value
        or type(choices).choice is not ModelChoiceIterator.choice
    ):
        return None
    head = copy.copy(choices)
    head.queryset = queryset.none()
    # The label is a column: a prefetch could change nothing in it (and values_list refuses one)
    return [*head, *queryset.prefetch_related(None).values_list("pk", label_field)]


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
    use it for every plain select (``core.filters.FilterSet``). It is always a GOV.UK select
    (``govuk-select``, 40 px tall): crispy-forms-gds gives that class only to Django's own
    ``Select``, and the filters' drop-downs were bare browser controls 19 px tall (issue 17).
    With an error it is ``govuk-select--error`` (as Django's select, ``select.html``).
    """

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        attrs = dict(attrs or {})
        classes = attrs.get("class", "").split()
        attrs["class"] = " ".join(
            classes if "govuk-select" in classes else [*classes, "govuk-select"]
        )
        super().__init__(attrs, choices)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if final_attrs.get("aria-invalid") == "true" and "govuk-select" in final_attrs.get(
            "class", ""
        ):
            final_attrs["class"] += " govuk-select--error"
        selected = set(self.format_value(value))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(final_attrs),
            mark_safe(self._write(self.choices, selected)),  # noqa: S308 - escaped below
        )

    def _write(self, choices: Iterable[Any], selected: set[str]) -> str:
        """Every option, in a number of Python calls that does not grow with the options.

        Under CPython 3.11 a Python call made where the frame stack ends at the edge of a
        data-stack chunk allocates and frees the chunk (an ``mmap`` and a ``munmap``) each time:
        8 to 15 us instead of about 1. The list pages draw their filters deep in templates, at
        such depths, and an organisation drop-down has 600 options at national scale: written a
        call or more per option it took 33 ms of a 48 ms page (issue 16). Here the options are
        written by comprehensions of C calls (``str.translate`` escapes as Django's ``escape``),
        and the records of a model drop-down whose label is one of their fields
        (``LABEL_FIELD``) are read as ``(pk, label)`` rows, not built as model instances.
        Grouped choices keep ``_options``.
        """
        rows = _record_rows(choices)
        if rows is None:
            # Through iter(): list() asks a ModelChoiceIterator for its length first, a COUNT.
            rows = list(iter(choices))
        if [label for _value, label in rows if isinstance(label, list | tuple)]:
            return "".join(self._options(rows, selected))
        values = ["" if value is None else str(value) for value, _label in rows]
        chosen = [index for index, text in enumerate(values) if text in selected]
        if not self.allow_multiple_selected:
            chosen = chosen[:1]
        marks = [""] * len(values)
        for index in chosen:
            marks[index] = " selected"
        texts = [
            value.translate(_ESCAPES) if type(value) is str else _escape(value) for value in values
        ]
        labels = [
            label.translate(_ESCAPES) if type(label) is str else _escape(label)
            for _value, label in rows
        ]
        return "".join(
            [
                f'\n  <option value="{text}"{mark}>{label}</option>'
                for text, mark, label in zip(texts, marks, labels, strict=True)
            ]
        )

    def _options(self, choices: Iterable[Any], selected: set[str]) -> Iterator[str]:
        """As Django's ``optgroups``, for grouped choices: only the first option with a chosen
        value is selected (unless several may be)."""
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
            yield (
                f'\n  <option value="{conditional_escape(text)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )


class DateParts(str):
    """What a date input's three boxes sent: the day, month and year as typed, and as a string
    ("year-month-day") that any ``DateField`` can read, so a form that still declares a plain
    ``forms.DateField`` with ``GovUKDateInput`` works too. ``GovUKDateField`` reads the parts and
    says which box is wrong."""

    day: str
    month: str
    year: str

    def __new__(cls, day: str = "", month: str = "", year: str = "") -> DateParts:
        day, month, year = (str(part or "").strip() for part in (day, month, year))
        parts = super().__new__(cls, f"{year}-{month}-{day}" if day or month or year else "")
        parts.day, parts.month, parts.year = day, month, year
        return parts

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        return (self.day, self.month, self.year)


#: The date input's boxes: (part, label, GOV.UK width class, autocomplete for a date of birth).
DATE_PARTS = (
    ("day", "Day", "govuk-input--width-2", "bday-day"),
    ("month", "Month", "govuk-input--width-2", "bday-month"),
    ("year", "Year", "govuk-input--width-4", "bday-year"),
)


class GovUKDateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes (``<name>_day``, ``<name>_month``,
    ``<name>_year``, ids likewise), drawn by ``django/forms/widgets/govuk_date.html``.

    It also reads one ISO value under the field's own name (``?date_from=2026-01-01``), so links
    and the API's filters keep working; the page always shows the three boxes. The field puts
    the names of the wrong boxes in ``error_parts``; with an error and none named (a service's
    error, an ISO value that is not a date) every box is highlighted.

    ``birthday=True`` adds the ``bday-*`` autocomplete tokens (WCAG 1.3.5).
    """

    template_name = "django/forms/widgets/govuk_date.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None, *, birthday: bool = False) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            f"_{part}": forms.TextInput() for part, *_rest in DATE_PARTS
        }
        super().__init__(widgets, attrs)
        self.birthday = birthday
        self.error_parts: tuple[str, ...] = ()

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, DateParts):
            return [value.day, value.month, value.year]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value:
            try:
                day = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return ["", "", ""]
            return [str(day.day), str(day.month), str(day.year)]
        return ["", "", ""]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = [data.get(f"{name}_{part}") for part, *_rest in DATE_PARTS]
        if any(parts) or (name not in data and any(part is not None for part in parts)):
            return DateParts(*parts)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part, *_r in DATE_PARTS)

    def use_required_attribute(self, initial: Any) -> bool:
        return False

    def id_for_label(self, id_: str) -> str:
        """The day box: where a label or an error summary's link takes the reader."""
        return f"{id_}_day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        attrs = dict(context["widget"]["attrs"])
        invalid = attrs.pop("aria-invalid", None) == "true"
        attrs.pop("required", None)
        id_ = attrs.pop("id", None) or f"id_{name}"
        wrong = set(self.error_parts) if invalid and self.error_parts else set()
        if invalid and not wrong:
            wrong = {part for part, *_rest in DATE_PARTS}
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        classes = attrs.pop("class", "")
        context["widget"]["id"] = id_
        context["widget"]["attrs"] = attrs
        context["widget"]["parts"] = [
            {
                "name": f"{name}_{part}",
                "id": f"{id_}_{part}",
                "label": label,
                "value": "" if box is None else str(box),
                "class": " ".join(
                    filter(
                        None,
                        (
                            "govuk-input govuk-date-input__input",
                            width,
                            "govuk-input--error" if part in wrong else "",
                            classes,
                        ),
                    )
                ),
                "autocomplete": autocomplete if self.birthday else "",
                "invalid": part in wrong,
            }
            for (part, label, width, autocomplete), box in zip(DATE_PARTS, values, strict=False)
        ]
        return context
