from django.contrib import admin
from django.http import HttpRequest

from heard.portal.models import SignInCode


@admin.register(SignInCode)
class SignInCodeAdmin(admin.ModelAdmin):
    """Read only: codes are given and revoked on the young person's page, through the services."""

    list_display = ["young_person", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["young_person__reference"]
    exclude = ["code_hash"]
    readonly_fields = [
        "young_person",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
