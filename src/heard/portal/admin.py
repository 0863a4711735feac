from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin
from heard.portal.models import SignInCode


@admin.register(SignInCode)
class SignInCodeAdmin(ReadOnlyAdmin):
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
