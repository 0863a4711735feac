"""Every write of the audits app: validate, check permission, save and audit, in one
transaction."""

from heard.audits.services.audits import AUDIT_FIELDS, audit_delete, audit_record, audit_update

__all__ = ["AUDIT_FIELDS", "audit_delete", "audit_record", "audit_update"]
