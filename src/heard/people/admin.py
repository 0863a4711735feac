"""The Django admin shows people records read-only: every change goes through the services."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin
from heard.people.models import Organisation, User, YoungPerson


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
