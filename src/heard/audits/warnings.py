"""The warning an audit's or a review's form gives, once saved, about young people who took part
without being trained and current (M21): it warns, it never refuses."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from heard.audits import selectors
from heard.core.tables import display


def warn_untrained(
    request: HttpRequest,
    young_people: Iterable[Any],
    day: datetime.date,
    kinds: Collection[str] = selectors.AUDIT_KINDS,
) -> None:
    missing = selectors.untrained(young_people, day, kinds)
    if missing:
        references = ", ".join(person.reference for person in missing)
        messages.warning(
            request,
            _(
                "Not trained and current on %(day)s: %(references)s. "
                "The record is saved; arrange their training."
            )
            % {"day": display(day), "references": references},
        )
