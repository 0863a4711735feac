"""Every write for recognitions, session hours, expense claims and partner invoices: validate,
check, save, audit."""

from heard.rewards.services.claims import (
    claim_approve,
    claim_delete,
    claim_pay,
    claim_reject,
    claim_submit,
    claim_update,
    item_add,
    item_delete,
)
from heard.rewards.services.hours import hours_default_set, session_hours_set
from heard.rewards.services.invoices import (
    invoice_approve,
    invoice_delete,
    invoice_pay,
    invoice_record,
    invoice_reject,
    invoice_update,
)
from heard.rewards.services.recognitions import (
    recognition_delete,
    recognition_give,
    recognition_update,
)

__all__ = [
    "claim_approve",
    "claim_delete",
    "claim_pay",
    "claim_reject",
    "claim_submit",
    "claim_update",
    "hours_default_set",
    "invoice_approve",
    "invoice_delete",
    "invoice_pay",
    "invoice_record",
    "invoice_reject",
    "invoice_update",
    "item_add",
    "item_delete",
    "recognition_delete",
    "recognition_give",
    "recognition_update",
    "session_hours_set",
]
