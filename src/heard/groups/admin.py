"""Read-only admin pages: every change goes through the services (and the audit log)."""

from typing import Any

from django.contrib import admin

from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class GroupThemeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = GroupTheme
    extra = 0


class StageTransitionInline(admin.TabularInline):  # type: ignore[type-arg]
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
