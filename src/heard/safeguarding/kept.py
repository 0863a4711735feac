"""Staff background checks and training records: two kinds of record kept the same way.

Programme staff record and change them, safeguarding leads read them, and each is about one
active member of staff. The pages (``views.staff``) and the API (``heard.api.safeguarding``)
are made once from this description of each kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from heard.core.events import EventType
from heard.safeguarding import events, selectors, services
from heard.safeguarding.models import BackgroundCheck, TrainingRecord


@dataclass(frozen=True)
class Kept:
    """One kind of staff record: its model, the fields a user gives, the service recording one
    (``record(actor=, **values)``) and the audit event of a change."""

    model: type[Model]
    fields: tuple[str, ...]
    record: Callable[..., Any]
    changed: EventType

    @property
    def model_name(self) -> str:  # as in the permissions: safeguarding.<action>_<model_name>
        return str(self.model._meta.model_name)

    def permission(self, action: str) -> str:
        return f"safeguarding.{action}_{self.model_name}"

    def visible_to(self, user: Any) -> QuerySet[Any]:
        return selectors.staff_records_visible_to(user, self.model)

    def get(self, user: Any, pk: Any) -> Any:
        return selectors.staff_record_get(user, self.model, pk)

    def update(self, actor: Any, obj: Any, **fields: Any) -> Any:
        return services.staff_record_update(actor, obj, fields, self.changed, self.fields)


CHECKS = Kept(
    BackgroundCheck,
    services.CHECK_FIELDS,
    services.background_check_record,
    events.BACKGROUND_CHECK_CHANGED,
)
TRAINING = Kept(
    TrainingRecord, services.TRAINING_FIELDS, services.training_record_add, events.TRAINING_CHANGED
)
