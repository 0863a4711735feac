"""Every read of themes, groups and the engagement calendar, scoped to what the user may see."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from heard.core.permissions import (
    can,
    is_partner_worker,
    is_programme_staff,
    is_theme_lead,
    reads_personal_data,
)
from heard.groups.calendar import with_calendar
from heard.groups.models import (
    Group,
    GroupTheme,
    Membership,
    StageTransition,
    Theme,
    ThemeReview,
)
from heard.people.models import User

#: A partnership runs 6 to 10 themes a year.
THEMES_PER_PERIOD = (6, 10)
#: Each theme, and each theme lead, works with at least two established groups.
MIN_ESTABLISHED_GROUPS = 2


def _count(queryset: QuerySet[Any], group_by: str) -> Any:
    """A correlated COUNT subquery (keeps the outer query free of GROUP BY and duplicate rows)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _last_contact() -> Subquery:
    """The latest session date, through the reverse relation ``sessions`` (no upward import)."""
    latest = (
        Group.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .values("pk")
        .annotate(latest=Max("sessions__date"))
        .values("latest")
    )
    return Subquery(latest)


def period_for(day: datetime.date) -> str:
    """The partnership year a date falls in (years start on 1 April), as a period like 2026-27."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


# --- Groups -------------------------------------------------------------------------------------


def groups_visible_to(user: Any) -> QuerySet[Group]:
    """Every group the user may see, with its host, leads, themes, member count and last contact."""
    if not can(user, "groups.view_group"):
        return Group.objects.none()
    queryset = Group.objects.all()
    if user is not None and is_partner_worker(user):
        queryset = queryset.filter(host_organisation_id=user.organisation_id)
    return (
        queryset.select_related("host_organisation")
        .prefetch_related(
            "leads",
            Prefetch(
                "theme_links", queryset=GroupTheme.objects.select_related("theme", "theme__lead")
            ),
        )
        .annotate(
            member_count=_count(
                Membership.objects.filter(group=OuterRef("pk"), left_on__isnull=True), "group"
            ),
            last_contact=_last_contact(),
        )
    )


def group_get(user: Any, pk: Any) -> Group:
    """One visible group; 404 otherwise (a partner worker cannot tell others' groups exist)."""
    try:
        return groups_visible_to(user).get(pk=pk)
    except (Group.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such group.") from exc


def group_transitions(group: Group) -> QuerySet[StageTransition]:
    return group.transitions.select_related("by").order_by("date", "id")


def group_members(user: Any, group: Group, *, current_only: bool = False) -> QuerySet[Membership]:
    """A group's memberships, for roles that may see members (never board members)."""
    if not can(user, "groups.view_membership", group):
        return Membership.objects.none()
    queryset = group.memberships.select_related("young_person").order_by(
        "left_on", "joined_on", "id"
    )
    if current_only:
        queryset = queryset.filter(left_on__isnull=True)
    return queryset


def memberships_visible_to(user: Any) -> QuerySet[Membership]:
    if not can(user, "groups.view_membership"):
        return Membership.objects.none()
    queryset = Membership.objects.select_related(
        "group", "group__host_organisation", "young_person"
    )
    if user is not None and is_partner_worker(user):
        queryset = queryset.filter(group__host_organisation_id=user.organisation_id)
    return queryset


def membership_get(user: Any, pk: Any) -> Membership:
    try:
        return memberships_visible_to(user).get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such membership.") from exc


# --- Themes -------------------------------------------------------------------------------------


def themes_visible_to(user: Any) -> QuerySet[Theme]:
    """Themes with their lead and counts of linked groups and of established ones."""
    if not can(user, "groups.view_theme"):
        return Theme.objects.none()
    links = GroupTheme.objects.filter(theme=OuterRef("pk"))
    return Theme.objects.select_related("lead").annotate(
        group_count=_count(links, "theme"),
        established_group_count=_count(
            links.filter(group__stage__in=Group.ESTABLISHED_STAGES), "theme"
        ),
    )


def theme_get(user: Any, pk: Any) -> Theme:
    try:
        return themes_visible_to(user).get(pk=pk)
    except (Theme.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such theme.") from exc


def theme_groups(user: Any, theme: Theme) -> QuerySet[Group]:
    """The theme's groups the user may see, each with its ``relationship`` to the theme."""
    return (
        groups_visible_to(user)
        .filter(theme_links__theme=theme)
        .annotate(
            relationship=Subquery(
                GroupTheme.objects.filter(group=OuterRef("pk"), theme=theme).values("relationship")[
                    :1
                ]
            )
        )
    )


def theme_reviews(theme: Theme) -> QuerySet[ThemeReview]:
    return theme.reviews.select_related("reviewed_by")


def theme_periods() -> list[str]:
    return list(Theme.objects.order_by("-period").values_list("period", flat=True).distinct())


@dataclass(frozen=True)
class ThemeWarning:
    kind: str  # "theme_count", "theme_groups" or "lead_groups"
    message: str


def theme_warnings(
    *, user: Any, today: datetime.date, period: str | None = None
) -> list[ThemeWarning]:
    """What the programme should act on for a period (the current partnership year by default).

    (a) a period outside 6-10 themes; (b) active themes with fewer than two established groups;
    (c) theme leads with fewer than two established groups: groups linked to a theme they lead in
    the period, or that they lead themselves. Counts only: every role that sees themes may see them.
    Runs a fixed number of queries.
    """
    if not can(user, "groups.view_theme"):
        return []
    period = period or period_for(today)
    warnings: list[ThemeWarning] = []
    themes = list(themes_visible_to(user).filter(period=period).order_by("title"))
    low, high = THEMES_PER_PERIOD
    if not low <= len(themes) <= high:
        warnings.append(
            ThemeWarning(
                "theme_count",
                f"A partnership runs {low} to {high} themes a year: {period} has {len(themes)}.",
            )
        )
    active = [theme for theme in themes if theme.status == Theme.Status.ACTIVE]
    for theme in active:
        count: int = getattr(theme, "established_group_count", 0)
        if count < MIN_ESTABLISHED_GROUPS:
            warnings.append(
                ThemeWarning(
                    "theme_groups",
                    f"{theme.title} has {count} established group{'s' if count != 1 else ''}: "
                    f"each theme works with at least {MIN_ESTABLISHED_GROUPS}.",
                )
            )
    leads: dict[int, User] = {theme.lead.pk: theme.lead for theme in active if theme.lead}
    if leads:
        groups_of: dict[int, set[int]] = defaultdict(set)
        established = Group.objects.filter(stage__in=Group.ESTABLISHED_STAGES)
        for group_id, lead_id in established.filter(
            theme_links__theme__lead_id__in=leads, theme_links__theme__period=period
        ).values_list("pk", "theme_links__theme__lead_id"):
            groups_of[lead_id].add(group_id)
        for group_id, lead_id in established.filter(leads__in=leads).values_list("pk", "leads__id"):
            groups_of[lead_id].add(group_id)
        for lead_id, lead in sorted(leads.items(), key=lambda item: str(item[1])):
            count = len(groups_of[lead_id])
            if count < MIN_ESTABLISHED_GROUPS:
                warnings.append(
                    ThemeWarning(
                        "lead_groups",
                        f"{lead} works with {count} established group{'s' if count != 1 else ''}: "
                        f"each theme lead works with at least {MIN_ESTABLISHED_GROUPS}.",
                    )
                )
    return warnings


# --- The engagement calendar --------------------------------------------------------------------


def group_calendar(
    *, user: Any, today: datetime.date, groups: QuerySet[Group] | None = None
) -> list[Group]:
    """Groups that are not closed, each with ``last_contact``, ``next_due`` and ``is_overdue``.

    Ordered by when the next visit is due (groups with nothing due last). ``groups`` narrows the
    list (a filtered ``groups_visible_to(user)``); it is always scoped to the user.
    """
    queryset = groups if groups is not None else groups_visible_to(user)
    if groups is not None:
        queryset = queryset.filter(pk__in=groups_visible_to(user).values("pk"))
    rows = with_calendar(queryset.exclude(stage=Group.Stage.CLOSED), today=today)
    return sorted(rows, key=lambda g: (g.next_due is None, g.next_due or today, g.name))


def groups_responsible_for(user: Any) -> QuerySet[Group]:
    """The groups a user answers for: every visible group for the programme and readers;
    for a theme lead, groups they lead or of themes they lead; a partner worker's hosted groups."""
    queryset = groups_visible_to(user)
    if user is None or is_programme_staff(user):
        return queryset
    if is_theme_lead(user):
        return queryset.filter(
            pk__in=Group.objects.filter(Q(leads=user) | Q(theme_links__theme__lead=user)).values(
                "pk"
            )
        )
    return queryset


def overdue_groups(*, user: Any, today: datetime.date) -> list[Group]:
    """Groups whose next visit or meeting is overdue, most overdue first."""
    rows = with_calendar(
        groups_responsible_for(user).filter(stage__in=Group.VISITED_STAGES), today=today
    )
    overdue = [group for group in rows if group.is_overdue]
    return sorted(overdue, key=lambda g: (g.next_due, g.name))


def calendar_feed(*, user: Any, today: datetime.date, group: Group | None = None) -> list[Group]:
    """Visible groups (or one) for the iCalendar export, with calendar attributes and
    ``past_sessions`` (sessions up to today; empty for roles that never see sessions)."""
    queryset = groups_visible_to(user)
    if group is not None:
        queryset = queryset.filter(pk=group.pk)
    if reads_personal_data(user):
        sessions = Group._meta.get_field("sessions").related_model._default_manager
        queryset = queryset.prefetch_related(
            Prefetch(
                "sessions",
                queryset=sessions.filter(date__lte=today).order_by("date", "id"),
                to_attr="past_sessions",
            )
        )
    rows = with_calendar(queryset, today=today)
    for row in rows:
        if not hasattr(row, "past_sessions"):
            setattr(row, "past_sessions", [])  # noqa: B010
    return rows
