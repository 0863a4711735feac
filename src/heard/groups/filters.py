"""Search and filter forms for the theme, group and calendar lists (the web pages and the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, yes_no
from heard.groups import selectors
from heard.groups.models import Group, Membership, Theme
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, User

#: Up to this many visible groups are offered in a drop-down; with more (a national partnership
#: has 15,000) the page would carry every one as an <option>, so the filter is a name search.
GROUP_CHOICES_MAX = 200


def group_dropdown_choices(request: Any) -> list[tuple[str, str]] | None:
    """The visible groups as drop-down choices, or None when there are too many to list.

    One query of ids and names, at most ``GROUP_CHOICES_MAX + 1`` rows.
    """
    if request is None:
        return []
    return few_group_choices(selectors.group_choices(getattr(request, "user", None)))


def few_group_choices(pairs: QuerySet[Any]) -> list[tuple[str, str]] | None:
    """``(id, name)`` pairs as choices when there are at most ``GROUP_CHOICES_MAX``, else None."""
    rows = list(pairs[: GROUP_CHOICES_MAX + 1])
    if len(rows) > GROUP_CHOICES_MAX:
        return None
    return [(str(pk), name) for pk, name in rows]


class GroupIdOrNameFilter(django_filters.CharFilter):
    """A group by its id (the drop-down, links and the API) or by part of its name.

    ``paths`` are the lookups that lead to the group (a view's own group or its session's);
    a row matches through any of them. Only rows the user may see are filtered, so an id of
    someone else's group finds nothing.
    """

    def __init__(self, *args: Any, paths: tuple[str, ...] = ("group",), **kwargs: Any) -> None:
        kwargs.setdefault("label", "Group")
        if not issubclass(self.field_class, forms.ChoiceField):
            kwargs.setdefault("max_length", 200)
            kwargs.setdefault("help_text", "Part of the group's name.")
        super().__init__(*args, **kwargs)
        self.paths = paths

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        value = (value or "").strip()
        if not value:
            return qs
        match = Q()
        for path in self.paths:
            if value.isdigit():
                match |= Q(**{f"{path}_id": int(value)})
            else:
                match |= Q(**{f"{path}__name__icontains": value})
        return qs.filter(match)


class GroupDropDownFilter(GroupIdOrNameFilter):
    """The same filter shown as a drop-down of the visible groups, when they are few enough."""

    field_class = forms.ChoiceField


def offer_group_dropdown(filterset: FilterSet, name: str = "group") -> None:
    """Turn ``filterset``'s group name search into a drop-down when the user sees few groups
    (on a page: the API's filters take an id or a name and show no form)."""
    if not filterset.shown:
        return
    choices = group_dropdown_choices(filterset.request)
    if choices is None:
        return
    search = filterset.filters[name]
    if not isinstance(search, GroupIdOrNameFilter):
        raise TypeError(f"{name} must be a GroupIdOrNameFilter to become a drop-down.")
    dropdown = GroupDropDownFilter(
        label=search.label, paths=search.paths, choices=[("", "Any group"), *choices]
    )
    dropdown.model, dropdown.parent = filterset.queryset.model, filterset
    filterset.filters[name] = dropdown


class GroupDropdownFilterSet(FilterSet):
    """A list's filters whose ``group`` search is a drop-down when the user sees few groups
    (:func:`offer_group_dropdown`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_group_dropdown(self)


def _organisations(request: Any) -> QuerySet[Organisation]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return people_selectors.organisations_for_young_people_filter(user)


def _themes(request: Any) -> QuerySet[Theme]:
    return Theme.objects.order_by("-period", "title")


def _theme_leads(request: Any) -> QuerySet[User]:
    return User.objects.filter(led_themes__isnull=False).distinct().order_by("full_name")


def _periods() -> list[tuple[str, str]]:
    """The periods that have themes, newest first (read when the form is shown, not at import)."""
    periods = Theme.objects.order_by("-period").values_list("period", flat=True).distinct()
    return [(period, period) for period in periods]


def _search(queryset: QuerySet[Any], fields: tuple[str, ...], value: str) -> QuerySet[Any]:
    query = Q()
    for term in value.split():
        term_query = Q()
        for field in fields:
            term_query |= Q(**{f"{field}__icontains": term})
        query &= term_query
    return queryset.filter(query)


class ThemeFilter(FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    period = django_filters.ChoiceFilter(label="Period", choices=_periods, empty_label="Any period")
    status = django_filters.ChoiceFilter(choices=Theme.Status.choices, empty_label="Any status")
    lead = django_filters.ModelChoiceFilter(
        label="Theme lead", queryset=_theme_leads, empty_label="Any lead"
    )

    class Meta:
        model = Theme
        fields = ["q", "period", "status", "lead"]

    def search(self, queryset: QuerySet[Theme], name: str, value: str) -> QuerySet[Theme]:
        return _search(queryset, ("title", "description"), value)


class _GroupsFilter(FilterSet):
    """The filters the group list and the calendar share; each lists its own in ``Meta.fields``,
    in the order its form shows them."""

    host_organisation = django_filters.ModelChoiceFilter(
        label="Host organisation", queryset=_organisations, empty_label="Any organisation"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=_themes, method="by_theme", empty_label="Any theme"
    )
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, empty_label="Any kind")
    host_label = "Host organisation"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        filters: dict[str, Any] = self.filters  # type: ignore[has-type]
        filters["host_organisation"].label = self.host_label
        self.filters = {name: filters[name] for name in self._meta.fields}

    def by_theme(
        self, queryset: QuerySet[Group], name: str, value: Theme | None
    ) -> QuerySet[Group]:
        if value is None:
            return queryset
        return queryset.filter(pk__in=value.group_links.values("group_id"))


class GroupFilter(_GroupsFilter):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    stage = django_filters.ChoiceFilter(choices=Group.Stage.choices, empty_label="Any stage")
    cadence = django_filters.ChoiceFilter(choices=Group.Cadence.choices, empty_label="Any cadence")

    class Meta:
        model = Group
        fields = ["q", "kind", "stage", "host_organisation", "theme", "cadence"]

    def search(self, queryset: QuerySet[Group], name: str, value: str) -> QuerySet[Group]:
        return _search(queryset, ("name", "description", "host_organisation__name"), value)


class CalendarFilter(_GroupsFilter):
    """The calendar's filters, on the rows ``group_calendar`` annotates in the database."""

    host_label = "Organisation"

    overdue = yes_no(
        "Show", "only_overdue", yes="Overdue groups only", no=None, either="All groups"
    )
    mine = yes_no(
        "Whose groups",
        "only_mine",
        yes="Groups I answer for",
        no=None,
        either="Every group I can see",
    )

    class Meta:
        model = Group
        fields = ["host_organisation", "theme", "kind", "overdue", "mine"]

    def only_overdue(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(is_overdue=True) if value == "yes" else queryset

    def only_mine(self, queryset: QuerySet[Group], name: str, value: Any) -> QuerySet[Group]:
        if value != "yes":
            return queryset
        return selectors.answered_for(getattr(self.request, "user", None), queryset)


class MembershipFilter(FilterSet):
    group = django_filters.NumberFilter(field_name="group_id", label="Group id")
    young_person = django_filters.NumberFilter(
        field_name="young_person_id", label="Young person id"
    )
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label="Current members only"
    )

    class Meta:
        model = Membership
        fields = ["group", "young_person", "current"]
