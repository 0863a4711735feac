"""Pages for themes, groups, members and the engagement calendar: selectors read, services write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from heard.core.exports import Column
from heard.core.forms import save_form
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.groups import selectors, services
from heard.groups.calendar import stream_ics, with_calendar
from heard.groups.filters import CalendarFilter, GroupFilter, ThemeFilter
from heard.groups.forms import (
    GroupForm,
    MembershipAddForm,
    MembershipEndForm,
    MoveStageForm,
    ThemeForm,
    ThemeReviewForm,
)
from heard.groups.models import Group, Theme
from heard.people.models import User


def _actor(request: HttpRequest) -> User:
    """The signed-in staff member acting (every page here requires sign-in)."""
    return cast(User, request.user)


def _form_page(request: HttpRequest, context: dict[str, Any], template: str = "") -> HttpResponse:
    return render(request, template or "includes/form_page.html", context)


def _themes_text(group: Any) -> str:
    return "; ".join(
        f"{link.theme} ({link.get_relationship_display().lower()})"
        for link in group.theme_links.all()
    )


# --- Themes -------------------------------------------------------------------------------------


class ThemeListView(StaffListView):
    template_name = "groups/theme_list.html"
    filterset_class = ThemeFilter
    permission_required = "groups.view_theme"
    title = "Themes"
    csv_filename = "themes.csv"
    csv_columns: list[Column] = [
        ("Title", "title"),
        ("Period", "period"),
        ("Status", "get_status_display"),
        ("Theme lead", "lead.full_name"),
        ("Groups", "group_count"),
        ("Established groups", "established_group_count"),
        ("Description", "description"),
    ]

    def get_base_queryset(self) -> QuerySet[Theme]:
        return selectors.themes_visible_to(self.request.user)

    def csv_rows(self, queryset: QuerySet[Theme]) -> Iterable[Theme]:
        # A partnership runs 6 to 10 themes a year: all of them at once, counted in one query.
        return selectors.with_group_counts(list(queryset))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object_list"] = selectors.with_group_counts(list(context["object_list"]))
        period = None
        if self.filterset is not None and self.filterset.is_bound and self.filterset.is_valid():
            period = self.filterset.form.cleaned_data.get("period") or None
        context["warnings"] = selectors.theme_warnings(
            user=self.request.user, today=timezone.localdate(), period=period
        )
        context["can_add"] = can(self.request.user, "groups.add_theme")
        return context


#: Groups a theme's page lists at a time (as the other list pages: ``StaffListView``).
THEME_GROUPS_PER_PAGE = StaffListView.paginate_by


@login_required
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_get(request.user, pk)
    can_review = can(request.user, "groups.add_themereview", theme)
    page = Paginator(selectors.theme_groups(request.user, theme), THEME_GROUPS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "theme": theme,
        "title": str(theme),
        "page_obj": page,
        "groups": page.object_list,
        "reviews": selectors.theme_reviews(theme),
        "review_form": ThemeReviewForm(initial={"date": timezone.localdate()})
        if can_review
        else None,
        "can_review": can_review,
        "can_change": can(request.user, "groups.change_theme", theme),
        "can_view_history": can(request.user, "core.view_history"),
    }
    return render(request, "groups/theme_detail.html", context)


@login_required
def theme_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "groups.add_theme")
    form = ThemeForm(request.POST or None)
    if done := save_form(
        request,
        form,
        lambda: services.theme_create(actor=_actor(request), **form.cleaned_data),
        success=lambda theme: f"Theme “{theme.title}” added.",
        then=lambda theme: reverse("groups:theme-detail", args=[theme.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": "Add a theme",
            "submit_label": "Add theme",
            "cancel_url": reverse("groups:theme-list"),
        },
    )


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_get(request.user, pk)
    require(request.user, "groups.change_theme", theme)
    initial = {
        "title": theme.title,
        "period": theme.period,
        "lead": theme.lead_id,
        "status": theme.status,
        "description": theme.description,
    }
    form = ThemeForm(request.POST or None, initial=initial)
    if done := save_form(
        request,
        form,
        lambda: services.theme_update(actor=_actor(request), theme=theme, **form.cleaned_data),
        success="Theme updated.",
        then=reverse("groups:theme-detail", args=[theme.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": f"Edit {theme}",
            "cancel_url": reverse("groups:theme-detail", args=[theme.pk]),
        },
    )


@login_required
def theme_review_add(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_get(request.user, pk)
    require(request.user, "groups.add_themereview", theme)
    form = ThemeReviewForm(request.POST or None, initial={"date": timezone.localdate()})
    if done := save_form(
        request,
        form,
        lambda: services.theme_review_add(actor=_actor(request), theme=theme, **form.cleaned_data),
        success="Review added.",
        then=reverse("groups:theme-detail", args=[theme.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": f"Review {theme}",
            "submit_label": "Add review",
            "cancel_url": reverse("groups:theme-detail", args=[theme.pk]),
        },
    )


# --- Groups -------------------------------------------------------------------------------------


class GroupListView(StaffListView):
    template_name = "groups/group_list.html"
    filterset_class = GroupFilter
    permission_required = "groups.view_group"
    title = "Groups"
    csv_filename = "groups.csv"

    @property
    def csv_columns(self) -> list[Column]:  # type: ignore[override]
        return [
            ("Name", "name"),
            ("Kind", "get_kind_display"),
            ("Stage", "get_stage_display"),
            ("Host organisation", "host_organisation.name"),
            ("Leads", lambda g: "; ".join(user.full_name for user in g.leads.all())),
            ("Themes", _themes_text),
            ("Cadence", "get_cadence_display"),
            ("Start date", "start_date"),
            ("Planned end date", "planned_end_date"),
            ("Current members", selectors.member_count_display(self.request.user)),
            ("Last contact", "last_contact"),
            ("Next due", lambda g: Group.next_due(g, g.last_contact)),
        ]

    def get_base_queryset(self) -> QuerySet[Group]:
        return selectors.groups_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["object_list"] = with_calendar(context["object_list"], today=today)
        shown = selectors.member_count_display(self.request.user)
        if isinstance(shown, selectors.ProtectedMemberCounts):
            shown.prefetch(context["object_list"])  # the page's groups in one query
            context["members_on"] = shown.on
        for group in context["object_list"]:
            group.shown_member_count = shown(group)
        context["warnings"] = selectors.theme_warnings(user=self.request.user, today=today)
        context["can_add"] = can(self.request.user, "groups.add_group")
        return context


def _group_for_change(request: HttpRequest, pk: int, perm: str = "groups.change_group") -> Group:
    group = selectors.group_get(request.user, pk)
    require(request.user, perm, group)
    return group


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(request.user, pk)
    with_calendar([group], today=timezone.localdate())
    can_view_members = can(request.user, "groups.view_membership", group)
    can_change = can(request.user, "groups.change_group", group)
    context = {
        "group": group,
        "title": group.name,
        "transitions": selectors.group_transitions(group),
        "memberships": selectors.group_members(request.user, group) if can_view_members else None,
        "can_view_members": can_view_members,
        "member_count": (shown_members := selectors.member_count_display(request.user))(group),
        "members_on": getattr(shown_members, "on", None),
        "can_change": can_change,
        "can_move": can_change and bool(Group.TRANSITIONS.get(group.stage)),
        "can_add_member": can_change and group.stage != Group.Stage.CLOSED,
        "can_log_session": group.stage != Group.Stage.CLOSED
        and can(request.user, "participation.add_session", group),
        "can_view_history": can(request.user, "core.view_history"),
    }
    return render(request, "groups/group_detail.html", context)


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "groups.add_group")
    form = GroupForm(request.POST or None, user=request.user)
    if done := save_form(
        request,
        form,
        lambda: services.group_create(actor=_actor(request), **form.service_fields()),
        success=lambda group: f"Group “{group.name}” added.",
        then=lambda group: reverse("groups:group-detail", args=[group.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": "Add a group",
            "submit_label": "Add group",
            "cancel_url": reverse("groups:group-list"),
        },
    )


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_change(request, pk)
    form = GroupForm(
        request.POST or None, user=request.user, group=group, initial=GroupForm.initial_for(group)
    )
    if done := save_form(
        request,
        form,
        lambda: services.group_update(actor=_actor(request), group=group, **form.service_fields()),
        success="Group updated.",
        then=reverse("groups:group-detail", args=[group.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": f"Edit {group.name}",
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
    )


@login_required
def group_move_stage(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_change(request, pk)
    if not Group.TRANSITIONS.get(group.stage):
        messages.info(request, "This group is closed: it cannot move to another stage.")
        return redirect("groups:group-detail", pk=group.pk)
    form = MoveStageForm(request.POST or None, group=group, initial={"date": timezone.localdate()})
    if done := save_form(
        request,
        form,
        lambda: services.group_move_stage(actor=_actor(request), group=group, **form.cleaned_data),
        success=lambda transition: (
            f"{group.name} moved to {transition.get_to_stage_display().lower()}."
        ),
        then=reverse("groups:group-detail", args=[group.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "group": group,
            "title": f"Move {group.name} to another stage",
            "submit_label": "Move stage",
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
        "groups/move_stage.html",
    )


@login_required
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_change(request, pk, "groups.add_membership")
    form = MembershipAddForm(
        request.POST or None,
        user=request.user,
        group=group,
        initial={"joined_on": timezone.localdate()},
    )
    if done := save_form(
        request,
        form,
        lambda: services.membership_add(actor=_actor(request), group=group, **form.cleaned_data),
        success=lambda membership: f"{membership.young_person} added to {group.name}.",
        then=reverse("groups:group-detail", args=[group.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "title": f"Add a member to {group.name}",
            "submit_label": "Add member",
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
    )


@login_required
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    group = _group_for_change(request, pk, "groups.change_membership")
    membership = selectors.membership_get(request.user, membership_pk)
    if membership.group_id != group.pk:
        return redirect("groups:group-detail", pk=group.pk)
    if membership.left_on is not None:
        messages.info(request, f"{membership.young_person} already left this group.")
        return redirect("groups:group-detail", pk=group.pk)
    form = MembershipEndForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if done := save_form(
        request,
        form,
        lambda: services.membership_end(
            actor=_actor(request), membership=membership, **form.cleaned_data
        ),
        success=f"{membership.young_person} has left {group.name}.",
        then=reverse("groups:group-detail", args=[group.pk]),
    ):
        return done
    return _form_page(
        request,
        {
            "form": form,
            "group": group,
            "membership": membership,
            "title": f"End {membership.young_person}'s membership of {group.name}",
            "submit_label": "End membership",
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
        "groups/membership_end.html",
    )


# --- The engagement calendar --------------------------------------------------------------------


class CalendarView(StaffListView):
    """Every open group by when its next visit is due: computed, filtered and paged in SQL."""

    template_name = "groups/calendar.html"
    filterset_class = CalendarFilter
    permission_required = "groups.view_group"
    title = "Engagement calendar"
    csv_filename = "engagement-calendar.csv"
    csv_columns: list[Column] = [
        ("Group", "name"),
        ("Kind", "get_kind_display"),
        ("Stage", "get_stage_display"),
        ("Host organisation", "host_organisation.name"),
        ("Cadence", "get_cadence_display"),
        ("Last contact", "last_contact"),
        ("Next due", "next_due"),
        ("Overdue", lambda g: "Yes" if g.is_overdue else "No"),
        ("Days overdue", "days_overdue"),
    ]

    def get_base_queryset(self) -> QuerySet[Group]:
        return selectors.group_calendar(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


#: Groups read at a time for the iCalendar export (each chunk prefetches its past sessions).
ICS_CHUNK = 500


def _ics_response(rows: QuerySet[Group], filename: str, name: str) -> StreamingHttpResponse:
    content = stream_ics(rows.iterator(chunk_size=ICS_CHUNK), now=timezone.now(), name=name)
    response = StreamingHttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def calendar_ics(request: HttpRequest) -> StreamingHttpResponse:
    require(request.user, "groups.view_group")
    rows = selectors.calendar_feed(user=request.user, today=timezone.localdate())
    return _ics_response(rows, "heard-engagement-calendar.ics", "Heard engagement calendar")


@login_required
def group_calendar_ics(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    group = selectors.group_get(request.user, pk)
    rows = selectors.calendar_feed(user=request.user, today=timezone.localdate(), group=group)
    return _ics_response(rows, f"group-{group.pk}.ics", f"Heard: {group.name}")
