"""A session's headcount: young people not on the register, counted by age band (and school or
organisation where known), added and removed by whoever may change the session, audited on the
session. The yearly participation summaries are untouched: a headcount is nobody's journey."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import lock
from heard.participation.events import HEADCOUNT_ADDED, HEADCOUNT_REMOVED
from heard.participation.headcounts import NOT_NEGATIVE, WHOLE_NUMBER, Headcount
from heard.participation.models import Session
from heard.people.models import Organisation

_WHOLE = re.compile(r"^-?\d+$")


def whole_number(value: Any) -> int:
    """A headcount's number, read from a whole number or its text; never a fraction, a
    true/false or a negative number."""
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, bool) or not (
        isinstance(text, int) or (isinstance(text, str) and _WHOLE.match(text))
    ):
        raise ValidationError({"count": _(WHOLE_NUMBER)})
    number = int(text)
    if number < 0:
        raise ValidationError({"count": _(NOT_NEGATIVE)})
    return number


def headcount_state(headcount: Headcount) -> str:
    """The headcount as its audit entry shows it."""
    return f"{headcount.count} {headcount.age_band} {headcount.place}".strip()


@transaction.atomic
def headcount_add(
    *,
    actor: Any,
    session: Session,
    age_band: str,
    count: Any,
    organisation: Organisation | None = None,
    school: str = "",
) -> Headcount:
    """Count young people not on the register who took part in ``session``."""
    require(actor, "participation.change_session", session)
    session = lock(session)
    if organisation is not None and not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": _("Choose an organisation on the register.")})
    headcount = Headcount(
        session=session,
        age_band=age_band,
        count=whole_number(count),
        organisation=organisation,
        school=(school or "").strip(),
    )
    headcount.full_clean()
    headcount.save()
    audit.record(
        actor=actor,
        event=HEADCOUNT_ADDED,
        obj=session,
        changes={"headcount": [None, headcount_state(headcount)]},
    )
    return headcount


@transaction.atomic
def headcount_remove(*, actor: Any, headcount: Headcount) -> None:
    """Remove one headcount row from its session."""
    session = headcount.session
    require(actor, "participation.change_session", session)
    lock(session)
    state = headcount_state(headcount)
    headcount.delete()
    audit.record(
        actor=actor, event=HEADCOUNT_REMOVED, obj=session, changes={"headcount": [state, None]}
    )
