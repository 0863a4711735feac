"""The admin site only reads the log: every change to a session goes through the service."""

from typing import Any

from django.contrib import admin

from heard.participation.models import Attendance, Method, Session


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class AttendanceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Attendance
    extra = 0
    fields = ("young_person", "status")
    readonly_fields = ("young_person", "status")
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = [
        "date",
        "kind",
        "title",
        "group",
        "organisation",
        "degree",
        "monitoring_form_complete",
    ]
    list_filter = ["kind", "degree", "participation_type", "monitoring_form_complete"]
    search_fields = ["title", "notes"]
    date_hierarchy = "date"
    list_select_related = ["group", "organisation"]
    inlines = [AttendanceInline]


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The list of methods is a plain lookup list that programme staff extend here."""

    search_fields = ["name"]
