"""Pages for groups, their stages and their members: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import HOST, JOINED, KIND, NAME, REFERENCE
from heard.core.exports import Column
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.groups import selectors, services
from heard.groups.calendar import with_calendar
from heard.groups.filters import GroupFilter
from heard.groups.forms import GroupForm, MembershipAddForm, MembershipEndForm, MoveStageForm
from heard.groups.models import Group
from heard.groups.views._common import (
    GROUP_LINK,
    NEXT_DUE,
    STAGE_TAG,
    actor,
    add_page,
    form_page_on,
    group_url,
)


def _themes_text(group: Any) -> str:
    return "; ".join(
        f"{link.theme} ({link.get_relationship_display().lower()})"
        for link in group.theme_links.all()
    )


class GroupListView(StaffListView):
    template_name = "groups/group_list.html"
    filterset_class = GroupFilter
    permission_required = "groups.view_group"
    title = "Groups"
    columns = (
        GROUP_LINK,
        KIND,
        STAGE_TAG,
        HOST,
        tables.Column(
            gettext_lazy("Themes"),
            cell="{% for link in row.theme_links.all %}{{ link.theme.title }}"
            "{% if not forloop.last %}, {% endif %}{% empty %}None{% endfor %}",
        ),
        tables.Column(gettext_lazy("Members"), "shown_member_count", numeric=True),
        NEXT_DUE,
    )

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

    selector = staticmethod(selectors.groups_visible_to)
    context_permissions = {"can_add": "groups.add_group"}

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
        return context


#: A group's members on its page (with an action to end a current membership for who may).
MEMBER_COLUMNS = (
    REFERENCE,
    NAME,
    JOINED,
    tables.Column(
        gettext_lazy("Left"), cell='{{ row.left_on|date:"j F Y"|default:"Current member" }}'
    ),
)
MEMBER_ACTION = tables.Column(
    gettext_lazy("Action"),
    cell='{% if not row.left_on %}<a class="govuk-link" href="{% url "groups:membership-end" '
    'group.pk row.pk %}">End membership<span class="govuk-visually-hidden"> of '
    "{{ row.young_person.reference }}</span></a>{% endif %}",
)
#: A group's latest sessions on its page, each date linking to its session.
SESSION_COLUMNS = (
    tables.Column(
        gettext_lazy("Date"),
        "date",
        cell='<a class="govuk-link" href="{% url "participation:session-detail" row.pk %}">'
        '{{ row.date|date:"j F Y" }}</a>',
    ),
    tables.Column(gettext_lazy("Session"), cell="{{ row.title|default:row.get_kind_display }}"),
    tables.Column(gettext_lazy("Degree of participation"), "get_degree_display"),
)


def _group_for_change(request: HttpRequest, pk: int, perm: str = "groups.change_group") -> Group:
    group = selectors.group_get(request.user, pk)
    require(request.user, perm, group)
    return group


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(request.user, pk)
    today = timezone.localdate()
    with_calendar([group], today=today)
    can_view_members = can(request.user, "groups.view_membership", group)
    can_change = can(request.user, "groups.change_group", group)
    shown_members = selectors.member_count_display(request.user)
    sessions, more_sessions = (
        selectors.group_past_sessions(request.user, group, today=today)
        if can(request.user, "participation.view_session")
        else (None, False)
    )
    context = {
        "group": group,
        "title": group.name,
        "transitions": selectors.group_transitions(group),
        "memberships": selectors.group_members(request.user, group) if can_view_members else None,
        "member_columns": (*MEMBER_COLUMNS, MEMBER_ACTION) if can_change else MEMBER_COLUMNS,
        "sessions": sessions,
        "more_sessions": more_sessions,
        "session_columns": SESSION_COLUMNS,
        "can_view_members": can_view_members,
        "member_count": shown_members(group),
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
    return add_page(
        request,
        form,
        lambda: services.group_create(actor=actor(request), **form.service_fields()),
        noun="group",
        named="name",
    )


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_change(request, pk)
    form = GroupForm(
        request.POST or None, user=request.user, group=group, initial=GroupForm.initial_for(group)
    )
    return form_page_on(
        request,
        group_url(group),
        form,
        lambda: services.group_update(actor=actor(request), group=group, **form.service_fields()),
        success="Group updated.",
        title=f"Edit {group.name}",
    )


@login_required
def group_move_stage(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_change(request, pk)
    if not Group.TRANSITIONS.get(group.stage):
        messages.info(request, _("This group is closed: it cannot move to another stage."))
        return redirect(group_url(group))
    form = MoveStageForm(request.POST or None, group=group, initial={"date": timezone.localdate()})
    return form_page_on(
        request,
        group_url(group),
        form,
        lambda: services.group_move_stage(actor=actor(request), group=group, **form.cleaned_data),
        success=lambda transition: (
            f"{group.name} moved to {transition.get_to_stage_display().lower()}."
        ),
        template="groups/move_stage.html",
        group=group,
        title=f"Move {group.name} to another stage",
        submit_label="Move stage",
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
    return form_page_on(
        request,
        group_url(group),
        form,
        lambda: services.membership_add(actor=actor(request), group=group, **form.cleaned_data),
        success=lambda membership: f"{membership.young_person} added to {group.name}.",
        title=f"Add a member to {group.name}",
        submit_label="Add member",
    )


@login_required
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    group = _group_for_change(request, pk, "groups.change_membership")
    membership = selectors.membership_get(request.user, membership_pk)
    if membership.group_id != group.pk:
        return redirect(group_url(group))
    if membership.left_on is not None:
        messages.info(
            request,
            _("%(young_person)s already left this group.")
            % {"young_person": membership.young_person},
        )
        return redirect(group_url(group))
    form = MembershipEndForm(request.POST or None, initial={"left_on": timezone.localdate()})
    return form_page_on(
        request,
        group_url(group),
        form,
        lambda: services.membership_end(
            actor=actor(request), membership=membership, **form.cleaned_data
        ),
        success=f"{membership.young_person} has left {group.name}.",
        template="groups/membership_end.html",
        group=group,
        membership=membership,
        title=f"End {membership.young_person}'s membership of {group.name}",
        submit_label="End membership",
    )
