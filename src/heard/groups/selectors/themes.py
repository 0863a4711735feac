"""Reads of themes, their groups and reviews, and what the programme should act on."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from heard.core import years
from heard.groups.models import Group, GroupTheme, Theme, ThemeReview
from heard.groups.policies import THEME_POLICY
from heard.groups.selectors.groups import _get, groups_visible_to

#: A partnership runs 6 to 10 themes a year.
THEMES_PER_PERIOD = (6, 10)
#: Each theme, and each theme lead, works with at least two established groups.
MIN_ESTABLISHED_GROUPS = 2


def period_for(day: datetime.date) -> str:
    """The partnership year a date falls in (years start on 1 April), as a period like 2026-27."""
    return years.year_label(years.partnership_year(day))


def themes_visible_to(user: Any) -> QuerySet[Theme]:
    """Themes with their lead (their counts of groups: ``with_group_counts``)."""
    return THEME_POLICY.scope(user, "view").select_related("lead")


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
    themes = THEME_POLICY.scope(user, "view").only("id", "title", "period")
    return themes.order_by("-period", "title")


def theme_get(user: Any, pk: Any) -> Theme:
    theme: Theme = _get(themes_visible_to(user), pk, "theme")
    with_group_counts([theme])
    return theme


def theme_groups(user: Any, theme: Theme) -> QuerySet[Group]:
    """The theme's groups the user may see, each with its ``relationship`` to the theme, by name
    (and id, so a page of them is stable: the busiest theme has hundreds)."""
    relationship = GroupTheme.objects.filter(group=OuterRef("pk"), theme=theme)
    return (
        groups_visible_to(user)
        .filter(theme_links__theme=theme)
        .annotate(relationship=Subquery(relationship.values("relationship")[:1]))
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def theme_warnings(
    *, user: Any, today: datetime.date, period: str | None = None
) -> list[ThemeWarning]:
    """What the programme should act on for a period (the current partnership year by default).

    (a) a period outside 6-10 themes; (b) active themes with fewer than two established groups;
    (c) theme leads with fewer than two established groups: groups linked to a theme they lead in
    the period, or that they lead themselves. Counts only: every role that sees themes may see them.
    Runs a fixed number of queries.
    """
    if not THEME_POLICY.allows(user, "view"):
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
                    f"{theme.title} has {_plural(count, 'established group')}: "
                    f"each theme works with at least {MIN_ESTABLISHED_GROUPS}.",
                )
            )
    return warnings + _lead_warnings(active, period)


def _lead_warnings(active: list[Theme], period: str) -> list[ThemeWarning]:
    """Theme leads of ``active`` themes working with fewer than two established groups."""
    leads = {theme.lead.pk: theme.lead for theme in active if theme.lead}
    if not leads:
        return []
    groups_of: dict[int, set[int]] = defaultdict(set)
    # Pairs only, unordered (the groups' own order by name sorted thousands for nothing).
    established = Group.objects.established().order_by()
    for group_id, lead_id in established.filter(
        theme_links__theme__lead_id__in=leads, theme_links__theme__period=period
    ).values_list("pk", "theme_links__theme__lead_id"):
        groups_of[lead_id].add(group_id)
    for group_id, lead_id in established.filter(leads__in=leads).values_list("pk", "leads__id"):
        groups_of[lead_id].add(group_id)
    return [
        ThemeWarning(
            "lead_groups",
            f"{lead} works with {_plural(len(groups_of[lead_id]), 'established group')}: "
            f"each theme lead works with at least {MIN_ESTABLISHED_GROUPS}.",
        )
        for lead_id, lead in sorted(leads.items(), key=lambda item: str(item[1]))
        if len(groups_of[lead_id]) < MIN_ESTABLISHED_GROUPS
    ]
