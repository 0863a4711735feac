"""Every read of themes, groups and the engagement calendar, scoped to what the user may see."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from heard.core import years
from heard.core.disclosure import Cell, key_sum, last_complete_quarter_end, protect_cell
from heard.core.permissions import (
    can,
    is_programme_staff,
    is_theme_lead,
    reads_personal_data,
)
from heard.core.sql import DaysBetween
from heard.core.suppression import Display
from heard.groups.models import (
    Group,
    GroupTheme,
    Membership,
    StageTransition,
    Theme,
    ThemeReview,
    group_ids_led_by,
)
from heard.groups.policies import GROUP_POLICY, MEMBERSHIP_POLICY
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


def _sessions() -> Any:
    """The session model's manager, reached through the reverse relation (no upward import)."""
    return Group._meta.get_field("sessions").related_model._default_manager


def _last_contact() -> F:
    """The latest session's date, kept on the group by the participation services: a subquery
    per group here cost a probe of the session index for each of 15,000 groups (60-90 ms a
    count of the overdue groups at national scale)."""
    return F("last_session_on")


def period_for(day: datetime.date) -> str:
    """The partnership year a date falls in (years start on 1 April), as a period like 2026-27."""
    return years.year_label(years.partnership_year(day))


# --- Groups -------------------------------------------------------------------------------------


def _groups_scoped(user: Any) -> QuerySet[Group]:
    """The groups the user may see, and nothing joined or computed."""
    return GROUP_POLICY.scope(user, "view")


def groups_visible_to(user: Any) -> QuerySet[Group]:
    """Every group the user may see, with its host, leads, themes, member count and last contact."""
    return (
        _groups_scoped(user)
        .select_related("host_organisation")
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


def groups_plain_visible_to(user: Any) -> QuerySet[Group]:
    """Visible groups with their host only (no prefetches or counts): for choosers and pickers."""
    return _groups_scoped(user).select_related("host_organisation")


def group_choices(user: Any) -> QuerySet[Any]:
    """``(id, name)`` of every visible group by name: for a drop-down or a search by name.

    Only the two columns: no joins, prefetches or counts (a national partnership has 15,000 groups).
    """
    return _groups_scoped(user).order_by("name", "pk").values_list("pk", "name")


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
    return MEMBERSHIP_POLICY.scope(user, "view").select_related(
        "group", "group__host_organisation", "young_person"
    )


def membership_get(user: Any, pk: Any) -> Membership:
    try:
        return memberships_visible_to(user).get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such membership.") from exc


# --- Themes -------------------------------------------------------------------------------------


def themes_visible_to(user: Any) -> QuerySet[Theme]:
    """Themes with their lead (their counts of groups: ``with_group_counts``)."""
    if not can(user, "groups.view_theme"):
        return Theme.objects.none()
    return Theme.objects.select_related("lead")


def with_group_counts(themes: Sequence[Theme]) -> Sequence[Theme]:
    """Sets each theme's ``group_count`` (linked groups) and ``established_group_count``, from
    one grouped query for them all: a page of a list, the API's page, a theme's own page.

    As a correlated count in each row the established groups were joined once per theme (at
    national scale the planner hash-joined the 9,065 established groups for each: 43 ms for a
    page of 50 themes, against 11 ms grouped)."""
    counts: dict[int, tuple[int, int]] = {
        theme_id: (total, established)
        for theme_id, total, established in GroupTheme.objects.filter(
            theme__in=[theme.pk for theme in themes]
        )
        .order_by()
        .values("theme")
        .annotate(
            total=Count("id"),
            established=Count("id", filter=Q(group__stage__in=Group.ESTABLISHED_STAGES)),
        )
        .values_list("theme", "total", "established")
    }
    for theme in themes:
        total, established = counts.get(theme.pk, (0, 0))
        theme.group_count = total  # type: ignore[attr-defined]
        theme.established_group_count = established  # type: ignore[attr-defined]
    return themes


def theme_choices(user: Any) -> QuerySet[Theme]:
    """Visible themes with only what their label needs, newest period first: for a drop-down."""
    if not can(user, "groups.view_theme"):
        return Theme.objects.none()
    return Theme.objects.only("id", "title", "period").order_by("-period", "title")


def theme_get(user: Any, pk: Any) -> Theme:
    try:
        theme = themes_visible_to(user).get(pk=pk)
    except (Theme.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such theme.") from exc
    with_group_counts([theme])
    return theme


def theme_groups(user: Any, theme: Theme) -> QuerySet[Group]:
    """The theme's groups the user may see, each with its ``relationship`` to the theme, by name
    (and id, so a page of them is stable: the busiest theme has hundreds)."""
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
        .order_by("name", "pk")
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
    with_group_counts(active)
    for theme in active:
        count: int = theme.established_group_count  # type: ignore[attr-defined]
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
        # Pairs only, unordered (the groups' own order by name sorted thousands for nothing).
        established = Group.objects.filter(stage__in=Group.ESTABLISHED_STAGES).order_by()
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
#
# ``Group.next_due`` states the rule for one group. The calendar, the overdue list and the home
# counts apply it to thousands of groups, so the same rule is the stored generated column
# ``Group.due_on``: the database computes, filters, orders and counts, and a page loads only the
# rows it shows.
# ``tests/groups/test_calendar_sql.py`` checks the two agree.


def with_next_due(queryset: QuerySet[Group], *, today: datetime.date) -> QuerySet[Any]:
    """Annotate ``last_contact``, ``next_due``, ``is_overdue`` and ``days_overdue``, in SQL.

    ``Group.next_due``'s rule: in a visited stage with a set cadence, the cadence's days after the
    last session, or else after the start date, or else after the day the stage last changed.
    ``next_due`` then shadows the model method on these rows (a date, as ``with_calendar`` sets).
    """
    rows: QuerySet[Any] = queryset  # annotated rows: ``next_due`` shadows the model method
    if "last_contact" not in rows.query.annotations:
        rows = rows.annotate(last_contact=_last_contact())
    # The rule is the stored ``Group.due_on`` (from ``last_session_on``, the last contact).
    rows = rows.annotate(next_due=F("due_on"))
    return rows.annotate(
        is_overdue=Case(
            When(next_due__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        days_overdue=Case(
            When(next_due__lt=today, then=DaysBetween(Value(today), "next_due")),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def group_calendar(
    *, user: Any, today: datetime.date, groups: QuerySet[Group] | None = None
) -> QuerySet[Group]:
    """Groups that are not closed, each with ``last_contact``, ``next_due``, ``is_overdue`` and
    ``days_overdue``, ordered by when the next visit is due (nothing due last), then by name.

    ``groups`` narrows the list (a filtered queryset of groups); it is always scoped to the user.
    Lazy: filter it further (``is_overdue=True``), page it or stream it.
    """
    if groups is None:
        queryset = groups_plain_visible_to(user)
    else:
        queryset = groups.filter(pk__in=_groups_scoped(user).values("pk"))
    return with_next_due(queryset.exclude(stage=Group.Stage.CLOSED), today=today).order_by(
        F("next_due").asc(nulls_last=True), "name", "pk"
    )


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


def overdue_groups(*, user: Any, today: datetime.date) -> QuerySet[Group]:
    """Groups the user answers for whose next visit or meeting is overdue, most overdue first.

    Computed, filtered and ordered in the database: count it, or slice the first few.
    """
    queryset = answered_for(user, groups_plain_visible_to(user)).filter(
        stage__in=Group.VISITED_STAGES
    )
    # On the stored date itself, so the count and the first page are a range of its index.
    return with_next_due(queryset.filter(due_on__lt=today), today=today).order_by(
        "due_on", "name", "pk"
    )


def calendar_feed(
    *, user: Any, today: datetime.date, group: Group | None = None
) -> QuerySet[Group]:
    """Visible groups (or one) for the iCalendar export, with the calendar annotations and
    ``past_sessions`` (sessions up to today; empty for roles that never see sessions).

    Lazy: stream it with ``.iterator(chunk_size=...)``, which prefetches a chunk at a time.
    """
    queryset = groups_plain_visible_to(user)
    if group is not None:
        queryset = queryset.filter(pk=group.pk)
    sessions = _sessions()
    past = (
        sessions.filter(date__lte=today).order_by("date", "id")
        if reads_personal_data(user)
        else sessions.none()
    )
    return (
        with_next_due(queryset, today=today)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("sessions", queryset=past, to_attr="past_sessions"))
    )


def reported_member_cells(group_ids: Any, *, on: datetime.date) -> dict[int, Cell]:
    """Each group's members on day ``on`` (joined by then, not left by then), with the sum of
    their young people's record keys: the cells of protected member counts (ADR 0008)."""
    rows = (
        Membership.objects.filter(group_id__in=group_ids, joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"), keys=key_sum("young_person", "young_person_id"))
    )
    return {row["group_id"]: Cell(row["n"], row["keys"] or 0) for row in rows}


class ProtectedMemberCounts:
    """A group's member count as a protected reader reads it (ADR 0008): its members at the end
    of the last complete quarter (a fixed reporting date, so the count does not move day by
    day), perturbed by the cell key of those young people. ``prefetch`` reads a page's groups in
    one query; the first group not prefetched is read on its own (a group's page), and the next
    miss reads every group's at once (a CSV of every group, the API's pages: two queries, not one
    a group)."""

    def __init__(self, today: datetime.date) -> None:
        self.on = last_complete_quarter_end(today)
        self.cells: dict[int, Cell] = {}
        self.everything = False
        self.misses = 0

    def _read_all(self) -> None:
        found = reported_member_cells(Group.objects.values("pk"), on=self.on)
        self.cells = dict.fromkeys(Group.objects.values_list("pk", flat=True), Cell(0))
        self.cells.update(found)
        self.everything = True

    def prefetch(self, groups: Any) -> None:
        ids = [group.pk for group in groups if group.pk not in self.cells]
        if ids:
            found = reported_member_cells(ids, on=self.on)
            for pk in ids:
                self.cells[pk] = found.get(pk, Cell(0))

    def __call__(self, group: Any) -> Display:
        if group.pk not in self.cells:
            self.misses += 1
            if self.misses > 1 and not self.everything:
                self._read_all()
            if group.pk not in self.cells:
                self.prefetch([group])
        return protect_cell(self.cells[group.pk])


def member_count_display(user: Any) -> Callable[[Any], Display]:
    """How a group's member count reads for the user: exact (current members) for roles that can
    open the members (a partner worker lists only their own groups); protected otherwise (board
    members: an aggregate leaving records they cannot see), ``ProtectedMemberCounts``."""
    if can(user, "groups.view_membership"):
        return lambda group: group.member_count
    return ProtectedMemberCounts(timezone.localdate())
