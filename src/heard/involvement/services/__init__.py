"""Every write for involvement activities and evaluations: validate, check, save, audit."""

from heard.involvement.services.activities import (
    activity_delete,
    activity_record,
    activity_update,
)
from heard.involvement.services.evaluations import (
    evaluation_delete,
    evaluation_give,
    evaluation_record,
    evaluation_update,
)

__all__ = [
    "activity_delete",
    "activity_record",
    "activity_update",
    "evaluation_delete",
    "evaluation_give",
    "evaluation_record",
    "evaluation_update",
]
