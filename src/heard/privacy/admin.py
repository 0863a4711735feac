"""Read-only admin views: every change goes through the services (and the pages)."""

from typing import Any

from django.contrib import admin

from heard.privacy.models import Anonymisation, BenchmarkShare, LeastHeardTarget


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(BenchmarkShare)
class BenchmarkShareAdmin(ReadOnlyAdmin):
    list_display = ["characteristic", "value", "area", "share"]
    list_filter = ["characteristic"]


@admin.register(LeastHeardTarget)
class LeastHeardTargetAdmin(ReadOnlyAdmin):
    list_display = ["group", "name", "target", "start", "end"]


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    list_display = ["young_person", "reason", "anonymised_at"]
