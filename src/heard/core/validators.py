"""Validators shared by every app's models."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

#: Line and paragraph separators are not control characters to Unicode, but break a line too.
_LINE_BREAKS = {"\u2028", "\u2029", "\x85"}


def is_single_line(text: str) -> bool:
    """No line break, tab or other control character (Unicode category Cc) in ``text``."""
    return not any(ch in _LINE_BREAKS or unicodedata.category(ch) == "Cc" for ch in text)


def one_line(text: str) -> str:
    """``text`` with each line break or control character made a space: for rows stored before
    names were checked, wherever a line break would break the output (iCalendar, headers)."""
    if is_single_line(text):
        return text
    return "".join(
        " " if ch in _LINE_BREAKS or unicodedata.category(ch) == "Cc" else ch for ch in text
    )


def validate_single_line(obj: Any, fields: Iterable[str]) -> None:
    """For a model's ``clean()``: names, titles and other one-line fields hold one line.

    Raises one ValidationError naming each field that does not, so a page shows the message at
    the field and the API answers 400 with it.
    """
    errors: dict[str, str] = {}
    for name in fields:
        value = getattr(obj, name, None)
        if isinstance(value, str) and not is_single_line(value):
            label = str(obj._meta.get_field(name).verbose_name)
            errors[name] = _(
                "Enter the %(label)s on one line: remove line breaks, tabs and other control "
                "characters."
            ) % {"label": label}
    if errors:
        raise ValidationError(errors)


@deconstructible
class NotInFuture:
    """A field validator: a date (or moment) that has happened, not one still to come.

    Django runs it in ``full_clean`` (``heard.core.updates`` and every create), so the message
    reaches the field on a page and the API's 400 alike: one rule where eight services each
    wrote it. ``message`` names the field in the reader's words."""

    def __init__(self, message: str = "This cannot be in the future.") -> None:
        self.message = message

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, datetime.datetime):
            future = value > timezone.now()
        else:
            future = isinstance(value, datetime.date) and value > timezone.localdate()
        if future:
            raise ValidationError(self.message, code="future")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotInFuture) and other.message == self.message

    def __hash__(self) -> int:
        return hash(self.message)


#: The earliest moment a record may name. Nothing Heard keeps is older, and London's clocks kept
#: local mean time before 1847, 75 s behind GMT: such a moment is shown with the offset -00:01:15,
#: which RFC 3339 (the API's date-times) cannot write.
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


@deconstructible
class NotBefore1900:
    """A field validator for a moment a person enters (an opportunity's start, when a concern
    happened): from 1 January 1900 on."""

    message = "Enter a date and time from 1 January 1900 onwards."

    def __call__(self, value: Any) -> None:
        if isinstance(value, datetime.datetime) and timezone.is_aware(value) and value < EARLIEST:
            raise ValidationError(self.message, code="too_early")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotBefore1900)

    def __hash__(self) -> int:
        return hash(self.message)
