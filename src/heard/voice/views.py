"""Pages for views, responses, feedback and the loop figures: thin, they call selectors and
services."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from heard.core import disclosure
from heard.core.exports import Column
from heard.core.forms import add_service_errors, save_form
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.years import year_label
from heard.groups import selectors as group_selectors
from heard.participation import selectors as participation_selectors
from heard.participation.models import Attendance
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson
from heard.voice import selectors, services
from heard.voice.consents import withheld_message
from heard.voice.disclosure import (
    count_text,
    loop_figures_exact_for,
    loop_figures_shown,
    share_text,
)
from heard.voice.filters import ResponseFilter, ViewFilter
from heard.voice.forms import (
    EvidenceForm,
    FeedbackForm,
    LoopFilterForm,
    ResponseForm,
    ViewEditForm,
    ViewEntryFormSet,
    themes_for_views,
)
from heard.voice.models import Response, View
from heard.voice.readability import readability_warning, reading_age

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
RESPONSE_CSV_COLUMNS: list[Column] = [
    ("ID", "pk"),
    ("Date", "date"),
    ("Decision-maker", "decision_maker"),
    ("Outcome", "get_outcome_display"),
    ("Days waiting", "days_waiting"),
    ("Views owed feedback", lambda r: "; ".join(str(v.pk) for v in r.owed_views)),
    ("Plain language", "plain_language"),
]


# --- Views -----------------------------------------------------------------------------------


class ViewListView(StaffListView):
    template_name = "voice/view_list.html"
    permission_required = "voice.view_view"
    filterset_class = ViewFilter
    csv_columns = VIEW_CSV_COLUMNS
    csv_filename = "views.csv"
    title = "Views"

    def get_base_queryset(self) -> QuerySet[View]:
        return selectors.views_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_respond=can(user, "voice.add_response"),
            shows_names=can(user, "people.view_youngperson_name"),
        )
        return context


@login_required
def view_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.view_get(request.user, pk)
    user = request.user
    context = {
        "view": view,
        "title": f"{view.get_kind_display()} given on {view.recorded_on:%d %B %Y}",
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
    if done := save_form(
        request,
        form,
        lambda: services.view_update(actor=request.user, view=view, **form.cleaned_data),
        success="View updated.",
        then=reverse("voice:view-detail", args=[view.pk]),
    ):
        return done
    context = {
        "form": form,
        "title": "Edit view",
        "cancel_url": reverse("voice:view-detail", args=[view.pk]),
        "submit_label": "Save changes",
    }
    return render(request, "includes/form_page.html", context)


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
            messages.success(request, "Evidence added.")
            withheld = withheld_message(selectors.evidence_get(request.user, evidence.pk))
            if withheld:
                messages.warning(
                    request,
                    f"{withheld} for someone who gave this view, so the photo is not shown. "
                    "It will be once everyone has a current consent to photographs.",
                )
            return redirect("voice:view-detail", pk=view.pk)
    context = {
        "form": form,
        "title": "Add evidence",
        "cancel_url": reverse("voice:view-detail", args=[view.pk]),
        "submit_label": "Upload",
    }
    return render(request, "includes/form_page.html", context)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The only way to an evidence file: checked like its view, sent as a download. An image whose
    people lack a current consent to photographs is never sent (403, saying why)."""
    evidence = selectors.evidence_get(request.user, pk)
    withheld = withheld_message(evidence)
    if withheld:
        context = {"title": "Photo withheld", "message": withheld, "view": evidence.view}
        refusal = render(request, "voice/evidence_withheld.html", context, status=403)
        refusal["Cache-Control"] = "private, no-store"
        return refusal
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=f"evidence-{evidence.pk}{PurePath(evidence.file.name or '').suffix}",
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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
                request, f"{len(views)} view{'s' if len(views) != 1 else ''} recorded."
            )
            return redirect("participation:session-detail", pk=session.pk)
    context = {
        "formset": formset,
        "session": session,
        "service_errors": errors,
        "title": "Add views from this session",
        "cancel_url": reverse("participation:session-detail", args=[session.pk]),
    }
    return render(request, "voice/session_views_form.html", context)


# --- Responses and feedback --------------------------------------------------------------------


@login_required
def response_create(request: HttpRequest) -> HttpResponse:
    """Respond to the open views chosen on the views list or a view's page."""
    require(request.user, "voice.add_response")
    source = request.POST if request.method == "POST" else request.GET
    views = selectors.views_open_for_response(request.user, source.getlist("views"))
    if not views:
        messages.error(request, "Choose one or more open views to respond to.")
        return redirect(reverse("voice:view-list") + "?status=open")
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_record(
                actor=request.user, views=views, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Response recorded for {len(views)} view{'s' if len(views) != 1 else ''}."
            )
            warning = getattr(response, "readability_warning", None)
            if warning:
                messages.warning(request, warning)
            return redirect("voice:response-detail", pk=response.pk)
    context = {
        "form": form,
        "views": views,
        "title": "Respond to views",
        "cancel_url": reverse("voice:view-list"),
        "shows_names": can(request.user, "people.view_youngperson_name"),
    }
    return render(request, "voice/response_form.html", context)


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = selectors.response_get(request.user, pk)
    context = {
        "response": response,
        "title": f"Response: {response.get_outcome_display()}",
        "views": list(response.views.all()),
        "feedback": list(response.feedback.all()),
        "reading_age": reading_age(response.plain_language),
        "readability_warning": readability_warning(response.plain_language),
        "can_feed_back": can(request.user, "voice.add_feedback", response),
        "can_view_history": can(request.user, "core.view_history"),
        "shows_names": can(request.user, "people.view_youngperson_name"),
    }
    return render(request, "voice/response_detail.html", context)


@login_required
def feedback_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a response was told to those who gave its views (they are preselected)."""
    response = selectors.response_get(request.user, pk)
    require(request.user, "voice.add_feedback", response)
    people_ids, group_ids = services.givers_of(response)
    people = people_selectors.young_people_visible_to(request.user).filter(pk__in=people_ids)
    groups = group_selectors.groups_visible_to(request.user).filter(pk__in=group_ids)
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        people=people.order_by("reference"),
        groups=groups.order_by("name"),
        initial={
            "date": timezone.localdate(),
            "young_people": [] if group_ids else list(people),
            "groups": list(groups),
        },
    )
    if done := save_form(
        request,
        form,
        lambda: services.feedback_record(
            actor=request.user, response=response, **form.cleaned_data
        ),
        success="Feedback recorded.",
        then=reverse("voice:response-detail", args=[response.pk]),
    ):
        return done
    context = {
        "form": form,
        "title": "Record feedback",
        "cancel_url": reverse("voice:response-detail", args=[response.pk]),
        "submit_label": "Record feedback",
        "response": response,
    }
    return render(request, "voice/feedback_form.html", context)


class FeedbackOwedView(StaffListView):
    template_name = "voice/feedback_owed.html"
    permission_required = "voice.view_response"
    filterset_class = ResponseFilter
    csv_columns = RESPONSE_CSV_COLUMNS
    csv_filename = "feedback-owed.csv"
    title = "Still owed feedback"

    def get_base_queryset(self) -> QuerySet[Response]:
        return selectors.feedback_owed(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["feed_back_within_days"] = selectors.partnership_settings().feed_back_within_days
        context["shows_names"] = can(self.request.user, "people.view_youngperson_name")
        return context


# --- Loop figures and a young person's journey -------------------------------------------------


def figures_for_display(figures: dict[str, Any], *, exact: bool) -> list[tuple[str, str]]:
    """The loop figures as (label, value), as ``voice.disclosure`` lets them leave Heard."""
    shown = loop_figures_shown(figures, exact=exact)
    median = shown["median_days_view_to_feedback"]
    ratings = shown["ratings"]
    return [
        ("Views recorded", count_text(shown["views_recorded"])),
        ("Views not yet responded to", count_text(shown["views_not_responded"])),
        ("Views responded to", count_text(shown["views_responded"])),
        ("Share responded to", share_text(shown["share_responded"])),
        (
            "Views responded to, not yet fed back",
            count_text(shown["views_responded_not_fed_back"]),
        ),
        ("Views fed back", count_text(shown["views_fed_back"])),
        ("Share fed back", share_text(shown["share_fed_back"])),
        (
            "Median days from view to feedback",
            share_text(median) if not isinstance(median, float) else f"{median:g}",
        ),
        ("Responses", count_text(shown["responses"])),
        ("Responses \u201cnot possible\u201d", count_text(shown["not_possible_responses"])),
        (
            "Share of \u201cnot possible\u201d responses that give a reason (must be 100%)",
            share_text(shown["not_possible_with_reason_share"]),
        ),
        ("Ratings", count_text(ratings["total"])),
        ("Rated helpful", count_text(ratings["helpful"])),
        ("Rated not sure", count_text(ratings["not_sure"])),
        ("Rated not helpful", count_text(ratings["not_helpful"])),
    ]


@login_required
def loop_figures(request: HttpRequest) -> HttpResponse:
    require(request.user, "voice.view_loop_figures")
    user = request.user
    form = LoopFilterForm(
        request.GET or None,
        # Plain querysets for the choices: the list selectors count members and young people.
        themes=group_selectors.theme_choices(user),
        groups=group_selectors.groups_plain_visible_to(user),
        organisations=people_selectors.organisations_for_young_people_filter(user),
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    filtered = bool(filters)
    exact = loop_figures_exact_for(user)
    if not exact:
        # ADR 0008: a protected reader's figures cover a fixed reporting period only.
        today = timezone.localdate()
        if not filters.get("start") and not filters.get("end"):
            filters["start"], filters["end"] = disclosure.default_period(today)
        elif not disclosure.is_reporting_period(
            filters.get("start") or datetime.date.min, filters.get("end") or today, today=today
        ):
            form.add_error("start", disclosure.PERIOD_REFUSED)
            filters["start"], filters["end"] = disclosure.default_period(today)
    figures = selectors.loop_figures(user=user, cells=not exact, **filters)
    context = {
        "form": form,
        "title": "Loop figures",
        "figures": figures,
        "rows": figures_for_display(figures, exact=exact),
        "filtered": filtered,
        "exact": exact,
        "period": (filters.get("start"), filters.get("end")),
        "periods": [] if exact else disclosure.reporting_periods(timezone.localdate()),
        "partnership": selectors.partnership_settings(),
    }
    return render(request, "voice/loop_figures.html", context)


#: The partnership years a journey page may be asked for (``year_bounds`` needs the next year).
JOURNEY_YEARS = range(1900, 9999)


def _journey_year_asked(raw: str | None) -> int | None:
    """The partnership year in ``?year=``, or None when it is missing or not a year."""
    if raw and re.fullmatch(r"[0-9]{4}", raw) and int(raw) in JOURNEY_YEARS:
        return int(raw)
    return None


@login_required
def young_person_journey(request: HttpRequest, pk: int) -> HttpResponse:
    """One partnership year of their journey at a time (the latest with entries unless
    ``?year=`` asks for another), with links to every year that has entries."""
    young_person: YoungPerson = people_selectors.young_person_get(request.user, pk)
    require(request.user, "people.view_youngperson", young_person)
    years = selectors.young_person_journey_years(user=request.user, young_person=young_person)
    default = selectors.journey_default_year(years, timezone.localdate())
    raw = request.GET.get("year")
    year = _journey_year_asked(raw)
    year_error = ""
    if year is None:
        year = default
        if raw is not None:
            year_error = (
                f"“{raw[:20]}” is not a partnership year (give the year it starts in, such as "
                f"{default}). Showing {year_label(year)}."
            )
    items = selectors.young_person_journey(user=request.user, young_person=young_person, year=year)
    context = {
        "young_person": young_person,
        "items": items,
        "year": year,
        "year_label": year_label(year),
        "year_error": year_error,
        "years": years,
        "earlier": next((y for y in reversed(years) if y.year < year), None),
        "later": next((y for y in years if y.year > year), None),
        "title": f"Journey of {young_person.reference}, {year_label(year)}",
        "shows_names": can(request.user, "people.view_youngperson_name", young_person),
    }
    return render(request, "voice/journey.html", context)
