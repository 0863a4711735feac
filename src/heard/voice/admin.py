"""Read-only admin for voice records: every change goes through the services (and the audit)."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin
from heard.voice.models import Evidence, Feedback, Rating, Response, View


@admin.register(View)
class ViewAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "recorded_on", "organisation", "status", "consent")
    list_filter = ("status", "kind", "consent")
    search_fields = ("text",)


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("id", "outcome", "date", "decision_maker")
    list_filter = ("outcome",)


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("id", "response", "date", "channel")


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ("id", "response", "value", "created_at")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("id", "view", "kind", "content_type", "size")
