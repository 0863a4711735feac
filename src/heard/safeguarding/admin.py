"""The admin site only reads staff checks and training; concerns are not in the admin at all, so
nobody but a safeguarding lead (through Heard's own audited pages) can read one."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin
from heard.safeguarding.models import BackgroundCheck, TrainingRecord


@admin.register(BackgroundCheck)
class BackgroundCheckAdmin(ReadOnlyAdmin):
    list_display = ("staff", "kind", "issued_on", "renewal_due")
    search_fields = ("staff__full_name", "staff__email")


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ReadOnlyAdmin):
    list_display = ("staff", "course", "completed_on", "expires_on")
    search_fields = ("staff__full_name", "course")
