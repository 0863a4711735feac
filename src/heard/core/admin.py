from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db.models import Model

from heard.core.models import AuditEntry
from heard.core.page_routes import caller_module


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


def read_only(
    model: type[Model],
    list_display: Sequence[str],
    *,
    filters: Sequence[str] = (),
    search: Sequence[str] = (),
    **attributes: Any,
) -> type[ReadOnlyAdmin]:
    """``model``'s read-only admin page, registered: ``<Model>Admin`` listing the fields
    ``list_display``, filtered by ``filters`` and searched in ``search``; ``attributes`` as for
    a ``ModelAdmin`` (``inlines``, ``exclude``, ``list_select_related``)."""
    page = type(
        f"{model.__name__}Admin",
        (ReadOnlyAdmin,),
        {
            "__module__": caller_module(__name__),
            "list_display": tuple(list_display),
            "list_filter": tuple(filters),
            "search_fields": tuple(search),
            **attributes,
        },
    )
    admin.site.register(model, page)
    return page


class ReadOnlyInline(ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is append-only: no one edits or deletes an entry here."""

    list_display = ("at", "actor", "event", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("event", "object_type", "object_id")
