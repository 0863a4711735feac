"""Read-only admin pages: every change goes through the services (and the audit log)."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin, ReadOnlyInline
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview


class GroupThemeInline(ReadOnlyInline):
    model = GroupTheme
    extra = 0


class StageTransitionInline(ReadOnlyInline):
    model = StageTransition
    extra = 0


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ("title", "period", "status", "lead")
    list_filter = ("period", "status")
    search_fields = ("title",)


@admin.register(ThemeReview)
class ThemeReviewAdmin(ReadOnlyAdmin):
    list_display = ("theme", "date", "decision", "reviewed_by")
    list_filter = ("decision",)


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "stage", "host_organisation", "cadence")
    list_filter = ("kind", "stage", "cadence")
    search_fields = ("name",)
    inlines = (GroupThemeInline, StageTransitionInline)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("young_person", "group", "joined_on", "left_on")
    list_select_related = ("young_person", "group")
