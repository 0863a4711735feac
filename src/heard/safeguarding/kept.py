"""Staff background checks and training records: two kinds of record kept the same way.

Programme staff record and change them, safeguarding leads read them, and each is about one
active member of staff. The pages (``views.staff``) and the API (``heard.api.safeguarding``)
are made once from this description of each kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from heard.safeguarding import selectors, services


@dataclass(frozen=True)
class Kept:
    """One kind of staff record: its permissions, fields, reads and writes."""

    model_name: str  # as in the permissions: safeguarding.<action>_<model_name>
    fields: tuple[str, ...]
    visible_to: Callable[[Any], QuerySet[Any]]
    get: Callable[[Any, Any], Any]
    #: ``record(actor=, **values)`` and ``update(actor, obj, **changed)``: the services.
    record: Callable[..., Any]
    update: Callable[..., Any]

    def permission(self, action: str) -> str:
        return f"safeguarding.{action}_{self.model_name}"


CHECKS = Kept(
    model_name="backgroundcheck",
    fields=services.CHECK_FIELDS,
    visible_to=selectors.background_checks_visible_to,
    get=selectors.background_check_get,
    record=services.background_check_record,
    update=lambda actor, obj, **fields: services.background_check_update(
        actor=actor, check=obj, **fields
    ),
)

TRAINING = Kept(
    model_name="trainingrecord",
    fields=services.TRAINING_FIELDS,
    visible_to=selectors.training_records_visible_to,
    get=selectors.training_record_get,
    record=services.training_record_add,
    update=lambda actor, obj, **fields: services.training_record_update(
        actor=actor, record=obj, **fields
    ),
)
