"""The Django admin shows people records read-only: every change goes through the services."""

from typing import Any

from django.contrib import admin

from heard.people.models import Organisation, User, YoungPerson


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("full_name", "email")
    exclude = ("password",)


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "area", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)


@admin.register(YoungPerson)
class YoungPersonAdmin(ReadOnlyAdmin):
    list_display = ("reference", "age_band", "organisation", "is_active")
    list_filter = ("age_band", "is_active")
    search_fields = ("reference",)
    list_select_related = ("organisation",)
