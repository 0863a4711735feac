"""Recognition and expenses over the API (issue 19, M16): recognitions given to young people,
session hours and their defaults per kind, expense claims with their items and the approve,
reject and pay actions, and partner invoices. Receipts are uploaded on the web pages (their
files are checked there); the API reads whether an item has one."""

from heard.api.rewards.money import ClaimViewSet, InvoiceViewSet
from heard.api.rewards.recognitions import (
    HoursDefaultViewSet,
    RecognitionViewSet,
    SessionHoursViewSet,
)

__all__ = [
    "ClaimViewSet",
    "HoursDefaultViewSet",
    "InvoiceViewSet",
    "RecognitionViewSet",
    "SessionHoursViewSet",
]
