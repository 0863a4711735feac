"""Pages for themes and their reviews: selectors read, services write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DATE, DESCRIPTION_CSV, HOST, PERIOD, choice_tag
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.groups import selectors, services
from heard.groups.filters import ThemeFilter
from heard.groups.forms import ThemeForm, ThemeReviewForm
from heard.groups.models import Theme
from heard.groups.views._common import (
    GROUP_LINK,
    STAGE_TAG,
    actor,
    add_page,
    form_page_on,
    theme_url,
)


class ThemeListView(StaffListView):
    template_name = "groups/theme_list.html"
    filterset_class = ThemeFilter
    permission_required = "groups.view_theme"
    title = "Themes"
    columns = (
        tables.Column(
            gettext_lazy("Title"),
            "title",
            cell='<a class="govuk-link" href="{% url "groups:theme-detail" row.pk %}">'
            "{{ row.title }}</a>",
        ),
        PERIOD,
        choice_tag(
            gettext_lazy("Status"),
            "status",
            {"active": "green", "proposed": "grey"},
            other="orange",
        ),
        tables.Column(
            gettext_lazy("Theme lead"),
            "lead.full_name",
            cell='{{ row.lead.full_name|default:"No lead yet" }}',
        ),
        tables.Column(gettext_lazy("Groups"), "group_count", numeric=True),
        tables.Column(gettext_lazy("Established groups"), "established_group_count", numeric=True),
        DESCRIPTION_CSV,
    )

    selector = staticmethod(selectors.themes_visible_to)
    context_permissions = {"can_add": "groups.add_theme"}

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
        return context


#: A theme's groups, and its reviews, on its page.
THEME_GROUP_COLUMNS = (
    GROUP_LINK,
    tables.Column(
        gettext_lazy("Relationship"),
        cell='{% if row.relationship == "working_on" %}Working on{% else %}Affected by{% endif %}',
    ),
    HOST,
    STAGE_TAG,
)
REVIEW_COLUMNS = (
    DATE,
    tables.Column(gettext_lazy("Summary"), cell="{{ row.summary|linebreaksbr }}"),
    tables.Column(gettext_lazy("Decision"), "get_decision_display"),
    tables.Column(
        gettext_lazy("Reviewed by"), cell='{{ row.reviewed_by.full_name|default:"System" }}'
    ),
)

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
        "group_columns": THEME_GROUP_COLUMNS,
        "reviews": selectors.theme_reviews(theme),
        "review_columns": REVIEW_COLUMNS,
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
    return add_page(
        request,
        form,
        lambda: services.theme_create(actor=actor(request), **form.cleaned_data),
        noun="theme",
        named="title",
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
    return _on_theme(
        request, theme, form, services.theme_update, success="Theme updated.", title=f"Edit {theme}"
    )


@login_required
def theme_review_add(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_get(request.user, pk)
    require(request.user, "groups.add_themereview", theme)
    form = ThemeReviewForm(request.POST or None, initial={"date": timezone.localdate()})
    return _on_theme(
        request,
        theme,
        form,
        services.theme_review_add,
        success="Review added.",
        title=f"Review {theme}",
        submit_label="Add review",
    )


def _on_theme(
    request: HttpRequest, theme: Theme, form: Any, service: Any, **options: Any
) -> HttpResponse:
    """A form page on one theme: saved, ``service`` is called with the actor, the theme and the
    form's values; saved or cancelled, it goes back to the theme's page."""
    return form_page_on(
        request,
        theme_url(theme),
        form,
        lambda: service(actor=actor(request), theme=theme, **form.cleaned_data),
        **options,
    )
