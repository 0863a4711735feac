"""Staff background checks and training records: kept by programme staff, read by leads too.

The two kinds of record have the same pages (a list, "record one", "edit one"), made once
from a :class:`Pages` description of each (``heard.safeguarding.kept``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import KIND
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.records import named
from heard.safeguarding import filters, forms, selectors
from heard.safeguarding.kept import CHECKS, TRAINING, Kept


@dataclass(frozen=True)
class Pages:
    """The pages of one kind of staff record (``kept``): its form, the name of its pages
    (``safeguarding:<name>-list``) and the title of the page recording one. A record names
    itself in its messages ("Enhanced DBS check for Kit Partner updated.")."""

    kept: Kept
    form: type[Any]
    name: str
    add_title: str

    @property
    def list_url(self) -> str:
        return f"safeguarding:{self.name}-list"

    def views(self) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
        """The page recording one and the page editing one."""

        @login_required
        def create(request: HttpRequest) -> HttpResponse:
            return _create(request, self)

        @login_required
        def edit(request: HttpRequest, pk: int) -> HttpResponse:
            return _edit(request, self, pk)

        return named(create, f"{self.name}_create"), named(edit, f"{self.name}_edit")


CHECK_PAGES = Pages(CHECKS, forms.BackgroundCheckForm, "check", "Record a background check")
TRAINING_PAGES = Pages(TRAINING, forms.TrainingRecordForm, "training", "Record training")


def _create(request: HttpRequest, pages: Pages) -> HttpResponse:
    user, kept = request.user, pages.kept
    require(user, kept.permission("add"))
    form = pages.form(request.POST or None, initial=request.GET.dict())
    return form_page(
        request,
        form,
        lambda: kept.record(actor=user, **form.cleaned_data),
        success=lambda record: f"{record} recorded.",
        then=pages.list_url,
        title=pages.add_title,
        submit_label=pages.add_title,
        cancel_url=reverse(pages.list_url),
    )


def _edit(request: HttpRequest, pages: Pages, pk: int) -> HttpResponse:
    user, kept = request.user, pages.kept
    require(user, kept.permission("view"))
    obj = kept.get(user, pk)
    require(user, kept.permission("change"), obj)
    initial = {name: getattr(obj, name) for name in kept.fields}
    form = pages.form(request.POST or None, initial=initial)
    history = ""
    if can(user, "core.view_history"):
        history = reverse("core:history", args=[f"safeguarding.{kept.model_name}", obj.pk])
    return form_page(
        request,
        form,
        lambda: kept.update(user, obj, **changed_values(form)),
        success=lambda record: f"{record} updated.",
        then=pages.list_url,
        title=f"Edit {obj}",
        submit_label="Save changes",
        cancel_url=reverse(pages.list_url),
        history_url=history,
    )


def _expired(field: str) -> str:
    """The red "Expired" tag after a date in the past (``today`` is in the page's context)."""
    return (
        f"{{% if row.{field} and row.{field} < today %}} "
        '<strong class="govuk-tag govuk-tag--red">Expired</strong>{% endif %}'
    )


def _edit_link(url_name: str, text: str) -> str:
    """``text`` linked to the record's edit page for those who may change it (``can_add``)."""
    return (
        f'{{% if can_add %}}<a class="govuk-link" href="{{% url "{url_name}" row.pk %}}">'
        f"{text}</a>{{% else %}}{text}{{% endif %}}"
    )


STAFF = tables.Column(gettext_lazy("Staff"), "staff.full_name")
EMAIL = tables.Column(gettext_lazy("Email"), "staff.email", in_table=False)
RENEWAL_DUE = tables.Column(
    gettext_lazy("Renewal due"),
    "renewal_due",
    cell='{{ row.renewal_due|date:"j F Y" }}' + _expired("renewal_due"),
)
#: The checks due page's table: each member of staff's latest check due soon.
CHECKS_DUE_COLUMNS = (STAFF, KIND, RENEWAL_DUE)


class _KeptListView(StaffListView):
    """The list of one kind of staff record: seen with its ``view`` permission, its rows edited
    by whoever may add one."""

    kept: Kept

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.permission_required = cls.kept.permission("view")
        cls.context_permissions = {"can_add": cls.kept.permission("add")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class BackgroundCheckListView(_KeptListView):
    kept = CHECKS
    template_name = "safeguarding/check_list.html"
    title = "Staff background checks"
    columns = (
        tables.Column(
            gettext_lazy("Staff"),
            "staff.full_name",
            cell=_edit_link("safeguarding:check-edit", "{{ row.staff.full_name }}"),
        ),
        EMAIL,
        KIND,
        tables.Column(gettext_lazy("Certificate number"), "certificate_number"),
        tables.Column(gettext_lazy("Issued on"), "issued_on"),
        RENEWAL_DUE,
    )
    filterset_class = filters.BackgroundCheckFilter
    csv_filename = "background-checks.csv"

    def get_base_queryset(self) -> Any:
        return selectors.background_checks_visible_to(self.request.user).order_by(
            "staff__full_name", "-renewal_due"
        )


class TrainingRecordListView(_KeptListView):
    kept = TRAINING
    template_name = "safeguarding/training_list.html"
    title = "Staff training"
    columns = (
        STAFF,
        EMAIL,
        tables.Column(
            gettext_lazy("Course"),
            "course",
            cell=_edit_link("safeguarding:training-edit", "{{ row.course }}"),
        ),
        tables.Column(gettext_lazy("Completed on"), "completed_on"),
        tables.Column(
            gettext_lazy("Expires on"),
            "expires_on",
            cell='{{ row.expires_on|date:"j F Y"|default:"Does not expire" }}'
            + _expired("expires_on"),
        ),
    )
    filterset_class = filters.TrainingRecordFilter
    csv_filename = "staff-training.csv"
    selector = staticmethod(TRAINING.visible_to)


@login_required
def checks_due(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.view_backgroundcheck")
    today = timezone.localdate()
    context = {
        "title": _("Checks due"),
        "today": today,
        "checks": selectors.checks_due(user=user, today=today),
        "columns": CHECKS_DUE_COLUMNS,
        "without": selectors.staff_without_current_check(user=user, today=today),
        "can_add": can(user, "safeguarding.add_backgroundcheck"),
    }
    return render(request, "safeguarding/checks_due.html", context)


check_create, check_edit = CHECK_PAGES.views()
training_create, training_edit = TRAINING_PAGES.views()
