"""What the audits selectors share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404


def get_one(queryset: QuerySet[Any], pk: Any) -> Any:
    """The row ``pk`` of ``queryset``; Http404 otherwise (also for malformed ids)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = 0
    return get_object_or_404(queryset, pk=pk)
