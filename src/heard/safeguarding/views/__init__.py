"""Safeguarding pages: thin, they call selectors and services.

Anyone on the staff may raise a concern (from a young person's page, or from a session through
participation's page, ``heard.participation.concern_views``); after saving they see a thank-you
page and can never open the concern again. Only safeguarding leads reach the concern pages:
everyone else gets 403 before any lookup. Every concern a lead sees, in the list, its CSV or on
its own page, is audited. Programme staff keep staff checks and training (``staff``).
"""

from heard.safeguarding.views.concerns import (
    ConcernListView,
    concern_assign,
    concern_close,
    concern_decide,
    concern_detail,
    concern_raise,
    concern_raised,
    raise_page,
)
from heard.safeguarding.views.staff import (
    BackgroundCheckListView,
    TrainingRecordListView,
    check_create,
    check_edit,
    checks_due,
    training_create,
    training_edit,
)

__all__ = [
    "BackgroundCheckListView",
    "ConcernListView",
    "TrainingRecordListView",
    "check_create",
    "check_edit",
    "checks_due",
    "concern_assign",
    "concern_close",
    "concern_decide",
    "concern_detail",
    "concern_raise",
    "concern_raised",
    "raise_page",
    "training_create",
    "training_edit",
]
