"""Every write for the resources library: validate, check permission, save, audit."""

from heard.resources.services.resources import resource_add, resource_delete, resource_update
from heard.resources.services.sessions import session_resource_add, session_resource_remove

__all__ = [
    "resource_add",
    "resource_delete",
    "resource_update",
    "session_resource_add",
    "session_resource_remove",
]
