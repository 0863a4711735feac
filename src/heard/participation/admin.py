"""The admin site only reads the log: every change to a session goes through the service."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin, ReadOnlyInline
from heard.participation.models import Attendance, Method, Session


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ("young_person", "status")
    readonly_fields = ("young_person", "status")


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
