from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from heard.core.permissions import can, is_staff_member

NO_PERMISSION = "You do not have permission to do that."


class IsStaffUser(BasePermission):
    """Any signed-in staff member, with the permission the viewset names for the action.

    A viewset names it in ``action_permissions``: ``{action: permission}``, or ``{action:
    {method: permission}}`` for an action that answers several methods. It is asked before the
    input is read, first without an object (may the user do this at all?), then, for a change,
    on the object ``get_object`` (or ``check_object_permissions``) finds. So a user who may not
    make a change gets 403 whatever the input says, and learns nothing from it: were the input
    read first, an unknown id would be a 400 "Invalid pk" and a real one a 403, telling which ids
    exist. Rows are narrowed by the selectors; the services ask again with the input.
    """

    message = "Sign in with a staff token to use the API."

    def _permission(self, request: Any, view: Any) -> str | None:
        named = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if isinstance(named, dict):
            return named.get(request.method)
        return named

    def has_permission(self, request: Any, view: Any) -> bool:
        if not is_staff_member(request.user):
            return False
        permission = self._permission(request, view)
        if permission is not None and not can(request.user, permission):
            self.message = NO_PERMISSION
            return False
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        permission = self._permission(request, view)
        if permission is None or request.method in SAFE_METHODS:
            return True  # reads: the selectors found only what the user may see
        if not can(request.user, permission, obj):
            self.message = NO_PERMISSION
            return False
        return True
