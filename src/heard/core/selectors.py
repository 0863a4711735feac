"""Reads every app's selectors share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404


def one_or_404(queryset: QuerySet[Any], pk: Any, noun: str) -> Any:
    """The row ``pk`` of ``queryset`` (the rows a user may see), or "No such <noun>." as a 404,
    also for an id that is not a whole number."""
    found = queryset.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404(f"No such {noun}.")
    return found


def get_or_404(queryset: QuerySet[Any], pk: Any) -> Any:
    """The row ``pk`` of ``queryset``; Http404 otherwise (also for malformed ids)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = 0
    return get_object_or_404(queryset, pk=pk)
