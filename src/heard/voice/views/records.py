"""Pages for views and their evidence: thin, they call selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heard.core.exports import Column
from heard.core.forms import add_service_errors, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.records import attachment
from heard.core.tables import display
from heard.participation import selectors as participation_selectors
from heard.participation.models import Attendance
from heard.voice import selectors, services
from heard.voice.consents import withheld_message
from heard.voice.filters import ViewFilter
from heard.voice.forms import (
    EvidenceForm,
    ViewEditForm,
    ViewEntryFormSet,
    themes_for_views,
)
from heard.voice.models import View
from heard.voice.views import _columns

VIEW_CSV_COLUMNS: list[Column] = [
    ("ID", "pk"),
    ("Given on", "recorded_on"),
    ("Kind", "get_kind_display"),
    ("What was said", "text"),
    ("Themes", "themes"),
    ("Group", lambda v: v.group.name if v.group else ""),
    ("Session", lambda v: v.session_id or ""),
    ("Organisation", "organisation.name"),
    ("Young people", lambda v: "; ".join(p.reference for p in v.young_people.all())),
    ("Anonymous", lambda v: "yes" if v.is_anonymous else "no"),
    ("Consent", "get_consent_display"),
    ("Status", "get_status_display"),
    ("Responded on", "responded_on"),
    ("Fed back on", "fed_back_on"),
]


class ViewListView(StaffListView):
    """Views by when they were given; who may respond ticks the open ones to answer together."""

    selector = staticmethod(selectors.views_visible_to)
    columns = _columns.VIEW_LIST
    csv_columns = VIEW_CSV_COLUMNS
    template_name = "voice/view_list.html"
    permission_required = "voice.view_view"
    filterset_class = ViewFilter
    csv_filename = "views.csv"
    title = "Views"
    context_permissions = {
        "can_respond": "voice.add_response",
        "shows_names": "people.view_youngperson_name",
    }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if not context["can_respond"]:  # no tick boxes: drop their column
            context["table_columns"] = context["table_columns"][1:]
        return context


@login_required
def view_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.view_get(request.user, pk)
    user = request.user
    context = {
        "view": view,
        "title": _("%(kind)s given on %(recorded_on)s")
        % {"kind": view.get_kind_display(), "recorded_on": display(view.recorded_on)},
        "responses": list(view.responses.all()),
        "evidence": [(item, withheld_message(item)) for item in view.evidence.all()],
        "can_change": can(user, "voice.change_view", view),
        "can_respond": view.status == View.Status.OPEN and can(user, "voice.add_response", view),
        "can_view_history": can(user, "core.view_history"),
        "shows_names": can(user, "people.view_youngperson_name"),
    }
    return render(request, "voice/view_detail.html", context)


@login_required
def view_edit(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.view_get(request.user, pk)
    require(request.user, "voice.change_view", view)
    form = ViewEditForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial=ViewEditForm.initial_for(view),
    )
    back = reverse("voice:view-detail", args=[view.pk])
    return form_page(
        request,
        form,
        lambda: services.view_update(actor=request.user, view=view, **form.cleaned_data),
        success="View updated.",
        then=back,
        title="Edit view",
        cancel_url=back,
        submit_label="Save changes",
    )


@login_required
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.view_get(request.user, pk)
    require(request.user, "voice.change_view", view)
    posted = request.method == "POST"
    form = EvidenceForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            evidence = services.evidence_attach(
                actor=request.user,
                view=view,
                file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evidence added."))
            withheld = withheld_message(selectors.evidence_get(request.user, evidence.pk))
            if withheld:
                messages.warning(
                    request,
                    _(
                        "%(withheld)s for someone who gave this view, so the photo is not "
                        "shown. It will be once everyone has a current consent to photographs."
                    )
                    % {"withheld": withheld},
                )
            return redirect("voice:view-detail", pk=view.pk)
    context = {
        "form": form,
        "title": _("Add evidence"),
        "cancel_url": reverse("voice:view-detail", args=[view.pk]),
        "submit_label": _("Upload"),
    }
    return render(request, "includes/form_page.html", context)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The only way to an evidence file: checked like its view, sent as a download. An image whose
    people lack a current consent to photographs is never sent (403, saying why)."""
    evidence = selectors.evidence_get(request.user, pk)
    withheld = withheld_message(evidence)
    if withheld:
        context = {"title": _("Photo withheld"), "message": withheld, "view": evidence.view}
        refusal = render(request, "voice/evidence_withheld.html", context, status=403)
        refusal["Cache-Control"] = "private, no-store"
        return refusal
    return attachment(evidence.file, f"evidence-{evidence.pk}", evidence.content_type)


@login_required
def session_views_create(request: HttpRequest, session_pk: int) -> HttpResponse:
    """Several views from one session at once: blank rows are skipped."""
    session = participation_selectors.session_get(request.user, session_pk)
    require(request.user, "voice.add_view", session)
    attendees = [
        attendance.young_person
        for attendance in session.attendances.all()
        if attendance.status == Attendance.Status.ATTENDED
    ]
    formset = ViewEntryFormSet(
        request.POST if request.method == "POST" else None,
        form_kwargs={
            "user": request.user,
            "session": session,
            "attendees": attendees,
            "themes": themes_for_views(request.user),
        },
        initial=[{"themes": list(session.themes.all())}] if request.method != "POST" else None,
    )
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            views = services.views_record_many(
                actor=request.user,
                session=session,
                entries=formset.entries(),  # type: ignore[attr-defined]
            )
        except ValidationError as exc:
            errors = exc.message_dict.get("entries", exc.messages)
        else:
            messages.success(
                request,
                ngettext("%(count)d view recorded.", "%(count)d views recorded.", len(views))
                % {"count": len(views)},
            )
            return redirect("participation:session-detail", pk=session.pk)
    context = {
        "formset": formset,
        "session": session,
        "service_errors": errors,
        "title": _("Add views from this session"),
        "cancel_url": reverse("participation:session-detail", args=[session.pk]),
    }
    return render(request, "voice/session_views_form.html", context)
