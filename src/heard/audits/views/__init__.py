"""The audits app's pages."""

from heard.audits.views.audits import (
    AuditListView,
    KiteMarkListView,
    audit_create,
    audit_delete,
    audit_detail,
    audit_edit,
)

__all__ = [
    "AuditListView",
    "KiteMarkListView",
    "audit_create",
    "audit_delete",
    "audit_detail",
    "audit_edit",
]
