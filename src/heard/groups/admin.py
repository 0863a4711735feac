"""Read-only admin pages: every change goes through the services (and the audit log)."""

from heard.core.admin import ReadOnlyInline, read_only
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview


class GroupThemeInline(ReadOnlyInline):
    model = GroupTheme
    extra = 0


class StageTransitionInline(ReadOnlyInline):
    model = StageTransition
    extra = 0


read_only(
    Theme, ("title", "period", "status", "lead"), filters=("period", "status"), search=("title",)
)
read_only(ThemeReview, ("theme", "date", "decision", "reviewed_by"), filters=("decision",))
read_only(
    Group,
    ("name", "kind", "stage", "host_organisation", "cadence"),
    filters=("kind", "stage", "cadence"),
    search=("name",),
    inlines=(GroupThemeInline, StageTransitionInline),
)
read_only(
    Membership,
    ("young_person", "group", "joined_on", "left_on"),
    list_select_related=("young_person", "group"),
)
