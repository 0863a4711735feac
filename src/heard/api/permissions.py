from typing import Any

from rest_framework.permissions import BasePermission

from heard.core.permissions import is_staff_member


class IsStaffUser(BasePermission):
    """Any signed-in staff member; object rules are asked by selectors and services."""

    message = "Sign in with a staff token to use the API."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(is_staff_member(request.user))
