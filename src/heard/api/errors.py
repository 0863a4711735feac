"""API errors are JSON with a clear message per field, whatever raised them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
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
