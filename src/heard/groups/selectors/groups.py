"""Reads of groups, their stage moves and their members, scoped by the groups policies."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from heard.core.permissions import can, is_programme_staff, is_theme_lead
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, group_ids_led_by
from heard.groups.policies import GROUP_POLICY, MEMBERSHIP_POLICY
from heard.groups.querysets import GroupQuerySet


def count_of(queryset: QuerySet[Any], group_by: str) -> Any:
    """A correlated COUNT subquery (keeps the outer query free of GROUP BY and duplicate rows)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def last_contact() -> F:
    """The latest session's date, kept on the group by the participation services: a subquery
    per group here cost a probe of the session index for each of 15,000 groups (60-90 ms a
    count of the overdue groups at national scale)."""
    return F("last_session_on")


def groups_scoped(user: Any) -> GroupQuerySet:
    """The groups the user may see (``GROUP_POLICY``), and nothing joined or computed."""
    return GROUP_POLICY.scope(user, "view")


def _get(queryset: QuerySet[Any], pk: Any, what: str) -> Any:
    """One row of ``queryset``; 404 otherwise (a partner worker cannot tell others' rows exist)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No such {what}.") from exc


def groups_visible_to(user: Any) -> QuerySet[Group]:
    """Every group the user may see, with its host, leads, themes, member count and last contact."""
    members = Membership.objects.current().filter(group=OuterRef("pk"))
    return (
        groups_scoped(user)
        .select_related("host_organisation")
        .prefetch_related(
            "leads",
            Prefetch(
                "theme_links", queryset=GroupTheme.objects.select_related("theme", "theme__lead")
            ),
        )
        .annotate(
            member_count=count_of(members, "group"),
            last_contact=last_contact(),
        )
    )


def groups_plain_visible_to(user: Any) -> GroupQuerySet:
    """Visible groups with their host only (no prefetches or counts): for choosers and pickers."""
    return groups_scoped(user).select_related("host_organisation")


def group_choices(user: Any) -> QuerySet[Any]:
    """``(id, name)`` of every visible group by name: for a drop-down or a search by name.

    Only the two columns: no joins, prefetches or counts (a national partnership has 15,000 groups).
    """
    return groups_scoped(user).order_by("name", "pk").values_list("pk", "name")


def group_get(user: Any, pk: Any) -> Group:
    """One visible group; 404 otherwise (a partner worker cannot tell others' groups exist)."""
    return _get(groups_visible_to(user), pk, "group")


def group_transitions(group: Group) -> QuerySet[StageTransition]:
    return group.transitions.select_related("by").order_by("date", "id")


def group_members(user: Any, group: Group, *, current_only: bool = False) -> QuerySet[Membership]:
    """A group's memberships, for roles that may see members (never board members)."""
    if not can(user, "groups.view_membership", group):  # MEMBERSHIP_POLICY, of the group
        return Membership.objects.none()
    queryset = group.memberships.select_related("young_person").order_by(
        "left_on", "joined_on", "id"
    )
    return queryset.current() if current_only else queryset


#: Past sessions a group's page lists before its "see all" link to the sessions list.
GROUP_SESSIONS_SHOWN = 10


def group_past_sessions(
    user: Any, group: Group, *, today: datetime.date, limit: int = GROUP_SESSIONS_SHOWN
) -> tuple[list[Any], bool]:
    """The group's sessions up to ``today`` that the user may read, latest first: at most
    ``limit`` of them, and whether there are more (one query, reading one row more). Through the
    reverse relation: groups does not import the participation app."""
    sessions: Any = Group._meta.get_field("sessions").related_model._default_manager
    rows = list(
        sessions.visible_to(user)
        .filter(group=group, date__lte=today)
        .order_by("-date", "-id")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def memberships_visible_to(user: Any) -> QuerySet[Membership]:
    return MEMBERSHIP_POLICY.scope(user, "view").select_related(
        "group", "group__host_organisation", "young_person"
    )


def membership_get(user: Any, pk: Any) -> Membership:
    return _get(memberships_visible_to(user), pk, "membership")


def answered_for(user: Any, queryset: QuerySet[Group]) -> QuerySet[Group]:
    """Narrow groups to those the user answers for (see ``groups_responsible_for``); the
    calendar's "groups I answer for" filter, which only narrows anything for a theme lead."""
    if user is None or is_programme_staff(user) or not is_theme_lead(user):
        return queryset
    return queryset.filter(pk__in=group_ids_led_by(user))


def groups_responsible_for(user: Any) -> QuerySet[Group]:
    """The groups a user answers for: every visible group for the programme and readers;
    for a theme lead, groups they lead or of themes they lead; a partner worker's hosted groups."""
    return answered_for(user, groups_visible_to(user))
