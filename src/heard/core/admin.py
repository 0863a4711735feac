from typing import Any

from django.contrib import admin

from heard.core.models import AuditEntry


class ReadOnly:
    """Refuses every change: records change through services (with their permission checks and
    audit entries), never in the admin, so the admin only reads."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    """Every admin page of Heard."""


class ReadOnlyInline(ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is append-only: no one edits or deletes an entry here."""

    list_display = ("at", "actor", "event", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("event", "object_type", "object_id")
