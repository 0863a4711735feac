"""What happens to recognitions, session hours, expense claims and partner invoices, in the
audit log's words."""

from __future__ import annotations

from heard.core.events import UPDATE, event, lifecycle_events, record_events

RECOGNITION_GIVEN, RECOGNITION_CHANGED, RECOGNITION_DELETED = lifecycle_events(
    "recognition", "recognition", added=("given", "Gave the")
)
SESSION_HOURS_SET, SESSION_HOURS_CHANGED = record_events(
    "session_hours", "session hours", added=("set", "Set the")
)
HOURS_DEFAULT_SET, HOURS_DEFAULT_CHANGED = record_events(
    "hours_default", "default session hours", added=("set", "Set the")
)
CLAIM_SUBMITTED, CLAIM_CHANGED, CLAIM_DELETED = lifecycle_events(
    "expense_claim", "expense claim", added=("submitted", "Submitted the")
)
CLAIM_APPROVED = event("expense_claim.approved", "Approved the expense claim", action=UPDATE)
CLAIM_REJECTED = event("expense_claim.rejected", "Rejected the expense claim", action=UPDATE)
CLAIM_PAID = event("expense_claim.paid", "Paid the expense claim", action=UPDATE)
ITEM_ADDED, ITEM_CHANGED, ITEM_DELETED = lifecycle_events("expense_item", "expense item")
INVOICE_RECEIVED, INVOICE_CHANGED, INVOICE_DELETED = lifecycle_events(
    "partner_invoice", "partner invoice", added=("received", "Received the")
)
INVOICE_APPROVED = event("partner_invoice.approved", "Approved the partner invoice", action=UPDATE)
INVOICE_REJECTED = event("partner_invoice.rejected", "Rejected the partner invoice", action=UPDATE)
INVOICE_PAID = event("partner_invoice.paid", "Paid the partner invoice", action=UPDATE)
