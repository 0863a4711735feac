"""Raising a concern (any member of staff) and handling it (safeguarding leads only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.confirm import confirm_page
from heard.core.forms import form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.people import selectors as people_selectors
from heard.safeguarding import filters, forms, selectors, services
from heard.safeguarding.models import Concern

# Raising a concern -------------------------------------------------------------------------------


def raise_page(
    request: HttpRequest,
    raise_concern: Callable[[forms.ConcernForm], Concern],
    *,
    young_person: Any = None,
    cancel_url: str,
    **context: Any,
) -> HttpResponse:
    """The "raise a concern" page: the form, then ``raise_concern(form)`` (a call to a service)
    and the thank-you page. Participation's page for a session's concern uses it too."""
    user = request.user
    require(user, "safeguarding.add_concern")
    form = forms.ConcernForm(request.POST or None, user=user, fixed_young_person=young_person)
    if request.method == "POST" and form.is_valid():
        try:
            concern = raise_concern(form)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            request.session["safeguarding_raised"] = concern.reference
            return redirect("safeguarding:concern-raised")
    context = {
        "form": form,
        "young_person": young_person,
        "cancel_url": cancel_url,
        "title": _("Raise a safeguarding concern"),
        **context,
    }
    return render(request, "safeguarding/concern_raise.html", context)


@login_required
def concern_raise(request: HttpRequest) -> HttpResponse:
    """Raise a concern, about a young person if one is named. One from a session is raised on
    participation's page, which records the session too: its old address leads there."""
    user = request.user
    session = request.GET.get("session", "")
    if session.isdigit():
        moved = redirect("participation:concern-raise", pk=int(session))
        moved.status_code = 307  # a POST stays a POST
        return moved
    require(user, "safeguarding.add_concern")
    source = request.POST if request.method == "POST" else request.GET
    young_person = None
    if source.get("young_person", "").isdigit():
        young_person = people_selectors.young_person_get(user, int(source["young_person"]))
    return raise_page(
        request,
        lambda form: services.concern_raise(
            actor=user,
            young_person=young_person or form.cleaned_data.get("young_person_reference"),
            **form.concern_values(),
        ),
        young_person=young_person,
        cancel_url=reverse("people:young-person-detail", args=[young_person.pk])
        if young_person is not None
        else reverse("home"),
    )


@login_required
def concern_raised(request: HttpRequest) -> HttpResponse:
    """Thank you, and what happens next. The concern itself is not shown, only its reference."""
    reference = request.session.pop("safeguarding_raised", None)
    if reference is None:
        return redirect("home")
    leads = selectors.safeguarding_leads()
    return render(
        request,
        "safeguarding/concern_raised.html",
        {"reference": reference, "leads": leads, "title": _("Concern recorded")},
    )


# Safeguarding leads: concerns --------------------------------------------------------------------


def _lead_concern(request: HttpRequest, pk: int) -> Concern:
    """The concern a lead's page is about: 403 before any lookup for everyone else."""
    if not can(request.user, "safeguarding.view_concern"):
        raise PermissionDenied
    return selectors.concern_get(request.user, pk)


def _detail_url(concern: Concern) -> str:
    return reverse("safeguarding:concern-detail", args=[concern.pk])


def _local(moment: Any, pattern: str) -> str:
    return timezone.localtime(moment).strftime(pattern) if moment else ""


#: The status of a concern as a tag: red while it waits for a decision.
STATUS_TAG = (
    '<strong class="govuk-tag{% if row.is_undecided %} govuk-tag--red{% else %} govuk-tag--grey'
    '{% endif %}">{{ row.get_status_display }}</strong>'
)


class ConcernListView(StaffListView):
    template_name = "safeguarding/concern_list.html"
    permission_required = "safeguarding.view_concern"
    title = "Safeguarding concerns"
    columns = (
        tables.Column(
            gettext_lazy("Reference"),
            "reference",
            cell='<a class="govuk-link" href="{% url "safeguarding:concern-detail" row.pk %}">'
            "{{ row.reference }}</a>{% if row.is_urgent %} "
            '<strong class="govuk-tag govuk-tag--red">Urgent</strong>{% endif %}',
        ),
        tables.Column(
            gettext_lazy("Raised"),
            lambda c: _local(c.created_at, "%Y-%m-%d %H:%M"),
            cell='{{ row.created_at|date:"j F Y, H:i" }}',
        ),
        tables.Column(
            gettext_lazy("Young person"),
            lambda c: c.young_person.reference if c.young_person else "",
            cell='{{ row.young_person.reference|default:"Not recorded" }}',
        ),
        tables.Column(gettext_lazy("Status"), "get_status_display", cell=STATUS_TAG),
        tables.Column(
            gettext_lazy("Assigned to"),
            lambda c: c.assigned_to.full_name if c.assigned_to else "",
            cell='{{ row.assigned_to.full_name|default:"Nobody yet" }}',
        ),
        tables.Column(gettext_lazy("Decision"), "get_decision_display", in_table=False),
        tables.Column(gettext_lazy("Referral date"), "referral_date", in_table=False),
        tables.Column(
            gettext_lazy("Closed"), lambda c: _local(c.closed_at, "%Y-%m-%d"), in_table=False
        ),
        tables.Column(
            gettext_lazy("Urgent"), lambda c: "Yes" if c.is_urgent else "No", in_table=False
        ),
        tables.Column(gettext_lazy("How it was raised"), "get_source_display", in_table=False),
    )
    filterset_class = filters.ConcernFilter
    csv_filename = "safeguarding-concerns.csv"
    selector = staticmethod(selectors.concerns_urgent_first)

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        export_format = request.GET.get("format")
        if export_format in ("csv", "xlsx"):  # every download of the list is audited
            services.concerns_list_read(
                actor=request.user, concerns=list(self.get_queryset()), via=export_format
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        services.concerns_list_read(actor=self.request.user, concerns=context["object_list"])
        context["waiting"] = selectors.concerns_waiting(user=self.request.user, now=timezone.now())
        return context


#: Entries of a concern's audit trail shown on each page of it.
TRAIL_PAGE_SIZE = 50
#: The trail's table: each entry's time, who and what, with every change from what to what.
TRAIL_COLUMNS = (
    tables.Column(gettext_lazy("When"), "at", cell='{{ row.at|date:"j F Y, H:i:s" }}'),
    tables.Column(gettext_lazy("Who"), "actor_name"),
    tables.Column(
        gettext_lazy("What"),
        "description",
        cell='{{ row.description }}{% if row.changes %}<ul class="govuk-list">'
        "{% for change in row.changes %}<li><strong>{{ change.label }}</strong>: "
        '{% if change.recorded %}{{ change.old|default:"(empty)" }} '
        '<span aria-hidden="true">&rarr;</span><span class="govuk-visually-hidden">changed to'
        '</span> {{ change.new|default:"(empty)" }}{% else %}changed (the values were not kept)'
        "{% endif %}</li>{% endfor %}</ul>{% endif %}",
    ),
)


@login_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The concern, its handling and its audit trail (who read it and when, every change), for
    safeguarding leads; opening it is audited first, so the trail shows this read too."""
    user = request.user
    if not can(user, "safeguarding.view_concern"):
        raise PermissionDenied
    concern = services.concern_read(actor=user, pk=pk)
    trail = Paginator(selectors.concern_trail(user, concern), TRAIL_PAGE_SIZE)
    page = trail.get_page(request.GET.get("page"))
    context = {
        "concern": concern,
        "title": _("Concern %(reference)s") % {"reference": concern.reference},
        "waiting": concern in selectors.concerns_waiting(user=user, now=timezone.now()),
        "page_obj": page,
        "trail": selectors.concern_trail_rows(page.object_list),
        "trail_columns": TRAIL_COLUMNS,
        "trail_caption": _("Audit trail of concern %(reference)s, newest first")
        % {"reference": concern.reference},
    }
    return render(request, "safeguarding/concern_detail.html", context)


#: The words of each lead's form about one concern: its title, its button and the message once
#: saved, each with ``{reference}`` for the concern's.
HANDLING_WORDS = {
    "assign": ("Assign concern {reference}", "Assign", "Concern {reference} assigned."),
    "decide": (
        "Record the decision on concern {reference}",
        "Record decision",
        "Decision recorded for concern {reference}.",
    ),
}


def _handling_page(
    request: HttpRequest,
    pk: int,
    action: str,
    form_class: type[Any],
    service: Callable[..., Concern],
) -> HttpResponse:
    """A lead's form about one concern (``action``: assign it, record the decision), filled
    with the concern's values (a concern nobody handles yet goes to the lead by default); then
    ``service(actor=, concern=, **form.cleaned_data)`` and back to the concern."""
    user = request.user
    concern = _lead_concern(request, pk)
    initial = {name: getattr(concern, name) for name in form_class.base_fields}
    if "assigned_to" in initial:
        initial["assigned_to"] = concern.assigned_to_id or user.pk
    form = form_class(request.POST or None, initial=initial)
    title, submit_label, success = (
        words.format(reference=concern.reference) for words in HANDLING_WORDS[action]
    )
    return form_page(
        request,
        form,
        lambda: service(actor=user, concern=concern, **form.cleaned_data),
        success=success,
        then=_detail_url(concern),
        title=title,
        submit_label=submit_label,
        cancel_url=_detail_url(concern),
    )


@login_required
def concern_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _handling_page(request, pk, "assign", forms.ConcernAssignForm, services.concern_assign)


@login_required
def concern_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _handling_page(request, pk, "decide", forms.ConcernDecisionForm, services.concern_decide)


@login_required
def concern_close(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then close: a closed concern cannot be changed."""
    user = request.user
    concern = _lead_concern(request, pk)
    return confirm_page(
        request,
        lambda: services.concern_close(actor=user, concern=concern),
        success=lambda: f"Concern {concern.reference} closed.",
        then=lambda: _detail_url(concern),
        template="safeguarding/concern_close.html",
        context=lambda: {
            "concern": concern,
            "title": _("Close concern %(reference)s") % {"reference": concern.reference},
        },
        error_status=200,
    )
