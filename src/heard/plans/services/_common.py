"""What the plans services share: a record deleted with its label kept in the audit entry."""

from __future__ import annotations

from typing import Any

from django.db import models

from heard.core import audit
from heard.core.updates import Removal


class LabelledRemoval(Removal):
    """A plan's record deleted as ``Removal`` says, its entry keeping the record's label in the
    metadata (``was``) instead of its fields."""

    def write(self, record: models.Model, *, actor: Any) -> None:
        metadata = {"was": str(record)[:200]}
        audit.record(actor=actor, event=self.event, obj=record, metadata=metadata)
        record.delete()
