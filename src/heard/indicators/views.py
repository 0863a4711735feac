"""The staff home page: a role-appropriate summary and the things to do next."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import HOST
from heard.core.permissions import can, is_board_member
from heard.indicators import selectors
from heard.indicators.disclosure import home_counts_shown
from heard.plans import selectors as plans_selectors
from heard.safeguarding import selectors as safeguarding_selectors

#: (label, url name, permission the user needs) for the quick links, in order. Logging a
#: session is the start button above them, not a link among them.
QUICK_LINKS = [
    ("Add a young person", "people:young-person-create", "people.add_youngperson"),
    ("Young people", "people:young-person-list", "people.view_youngperson"),
    ("Groups", "groups:group-list", "groups.view_group"),
    ("Engagement calendar", "groups:calendar", "groups.view_group"),
    ("Themes", "groups:theme-list", "groups.view_theme"),
    ("Sessions", "participation:session-list", "participation.view_session"),
    ("Import sessions", "participation:session-import", "participation.import_session"),
    ("Views", "voice:view-list", "voice.view_view"),
    ("Still owed feedback", "voice:feedback-owed", "voice.view_response"),
    ("Loop figures", "voice:loop-figures", "voice.view_loop_figures"),
]


_GROUP_LINK = (
    '<a class="govuk-link" href="{% url "groups:group-detail" row.pk %}">{{ row.name }}</a>'
)
#: The overdue visits table: the groups whose visit or meeting is overdue, most overdue first.
OVERDUE_COLUMNS = (
    tables.Column(gettext_lazy("Group"), "name", cell=_GROUP_LINK),
    HOST,
    tables.Column(gettext_lazy("Last contact"), lambda group: group.last_contact or "None yet"),
    tables.Column(gettext_lazy("Was due"), "next_due"),
    tables.Column(gettext_lazy("Days overdue"), "days_overdue", numeric=True),
)


def overdue_caption(listed: int, overdue: int) -> str:
    caption = "Groups whose visit or meeting is overdue, most overdue first"
    if overdue > listed:
        caption += f" (the first {listed} of {overdue})"
    return caption


def quick_links(user: Any) -> list[dict[str, str]]:
    links = []
    for label, url_name, perm in QUICK_LINKS:
        if not can(user, perm):
            continue
        try:
            links.append({"label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return links


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.get_role_display() if getattr(user, "role", "") else "staff"  # type: ignore[union-attr]
    today = timezone.localdate()
    context = selectors.home_page(user=user, today=today)
    context["counts"] = home_counts_shown(context["counts"], user=user, today=today)
    context["counts_protected"] = context["counts"]["protected"]
    context.update(
        title=f"Home: {str(role).lower()}",
        quick_links=[] if is_board_member(user) else quick_links(user),
        can_log_session=can(user, "participation.add_session"),
        counts_only=is_board_member(user),
        overdue_columns=OVERDUE_COLUMNS,
        overdue_caption=overdue_caption(
            len(context["overdue_groups"]), context["counts"]["overdue_visits"]
        ),
        # Action plan actions this member of staff leads, past due and not done (M10).
        overdue_plan_actions=plans_selectors.actions_overdue_for(user, today=today),
    )
    if can(user, "safeguarding.view_concern"):
        # Flagged to every safeguarding lead: concerns still undecided after 24 hours.
        context["waiting_concerns"] = safeguarding_selectors.concerns_waiting(
            user=user, now=timezone.now()
        )
        context["shows_concerns"] = True
    return render(request, "indicators/home.html", context)
