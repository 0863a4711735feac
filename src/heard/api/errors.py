"""API errors are JSON with a clear message per field, whatever raised them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from heard.core import database


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if database.unavailable(exc):
        # The database restarted or dropped the connection: a 503 to retry, not a 500.
        database.note(exc, context.get("request"))
        headers = {"Retry-After": str(database.RETRY_AFTER), "Cache-Control": "no-store"}
        return Response({"detail": database.MESSAGE}, status=503, headers=headers)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {
                ("non_field_errors" if field == "__all__" else field): [
                    str(message) for error in errors for message in error.messages
                ]
                for field, errors in exc.error_dict.items()
            }
        else:
            detail = {"non_field_errors": list(exc.messages)}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    return drf_exception_handler(exc, context)
