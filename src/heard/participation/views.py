"""Pages of the participation log: thin, they call the selectors and services."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from heard.core import tables
from heard.core.columns import ATTENDED, DATE, NAME, ORGANISATION, REFERENCE
from heard.core.exports import Column
from heard.core.forms import form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.groups.models import Group
from heard.jobs import imports
from heard.participation import import_job, selectors, services
from heard.participation.filters import SessionFilter
from heard.participation.forms import SessionForm, SessionImportForm, SessionSubjectForm
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson

SESSION_CSV_COLUMNS: list[Column] = [
    ("ID", "pk"),
    ("Date", "date"),
    ("Kind", "get_kind_display"),
    ("Title", "title"),
    ("Group", "group.name"),
    ("Young person", "young_person.reference"),
    ("Organisation", "organisation.name"),
    ("Attendees", "attendee_count"),
    ("Staff present", "staff_present"),
    ("Partner staff present", "partner_staff_present"),
    ("Methods", "methods"),
    ("Degree of participation", "get_degree_display"),
    ("Type of participation", "get_participation_type_display"),
    ("Hear by Right standards", "standards"),
    ("Themes", "themes"),
    ("Monitoring form complete", lambda s: "yes" if s.monitoring_form_complete else "no"),
    ("Notes", "notes"),
    ("Logged by", "logged_by"),
]


#: The sessions table (the CSV export has its own, fuller columns).
SESSION_COLUMNS: tuple[tables.Column, ...] = (
    DATE,
    tables.Column(
        gettext_lazy("Session"),
        cell='<a class="govuk-link" href="{% url "participation:session-detail" row.pk %}">'
        "{{ row.title|default:row.get_kind_display }}</a>{% if row.title %}<br>"
        '<span class="govuk-body-s">{{ row.get_kind_display }}</span>{% endif %}',
    ),
    tables.Column(
        gettext_lazy("With"),
        cell="{% load young_people %}{% if row.group %}{{ row.group.name }}"
        "{% elif row.young_person %}{% young_person_link row.young_person %} (individual)"
        "{% elif row.is_open %}Open to all{% else %}The organisation's young people{% endif %}",
    ),
    ORGANISATION,
    tables.Column(gettext_lazy("Degree"), "get_degree_display"),
    ATTENDED,
    tables.Column(
        gettext_lazy("Monitoring form"),
        cell='{% if row.monitoring_form_complete %}<strong class="govuk-tag govuk-tag--green">'
        'Complete</strong>{% else %}<strong class="govuk-tag govuk-tag--red">Not complete'
        "</strong>{% endif %}",
    ),
)


class SessionListView(StaffListView):
    template_name = "participation/session_list.html"
    title = "Sessions"
    columns = SESSION_COLUMNS
    csv_columns = SESSION_CSV_COLUMNS
    permission_required = "participation.view_session"
    filterset_class = SessionFilter
    selector = staticmethod(selectors.sessions_visible_to)
    context_permissions = {
        "can_add": "participation.add_session",
        "can_import": "participation.import_session",
    }


class MonitoringFollowUpView(SessionListView):
    """The log's sessions whose monitoring form is still to be completed, with which of them
    the reader may mark complete."""

    template_name = "participation/monitoring_followup.html"
    csv_filename = "sessions-missing-monitoring-forms.csv"
    title = "Sessions missing monitoring forms"
    columns = (
        *SESSION_COLUMNS,
        tables.Column(
            gettext_lazy("Action"),
            cell='{% if row.pk in changeable %}<form method="post" action="'
            '{% url "participation:session-monitoring-complete" row.pk %}">{% csrf_token %}'
            '<button type="submit" class="govuk-button govuk-button--secondary '
            'govuk-!-margin-bottom-0" data-module="govuk-button">Mark complete'
            '<span class="govuk-visually-hidden"> for {{ row }}</span></button></form>'
            "{% endif %}",
            in_csv=False,
        ),
    )

    def get_base_queryset(self) -> QuerySet[Session]:
        return selectors.sessions_missing_monitoring(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["changeable"] = selectors.session_ids_changeable_by(
            self.request.user, [session.pk for session in context["object_list"]]
        )
        return context


#: Who attended a session, with their names for a reader who may see them.
ATTENDANCE_COLUMNS = (
    REFERENCE,
    tables.Column(gettext_lazy("Attendance"), "get_status_display"),
)
#: Name first, reference beside (the name links to the record: ``linking_young_people``).
ATTENDANCE_COLUMNS_NAMED = (
    NAME,
    *ATTENDANCE_COLUMNS,
)
#: A CSV file's problems, one a row.
IMPORT_PROBLEM_COLUMNS = (
    tables.Column(gettext_lazy("Line"), "line", numeric=True),
    tables.Column(gettext_lazy("Column"), "field"),
    tables.Column(gettext_lazy("Problem"), "reason"),
)

#: A session service's ``attendees`` errors go on whichever attendee field the form shows.
ATTENDEE_ALIASES = {"attendees": ("attended", "other_attendees")}


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.user, pk)
    require(request.user, "participation.view_session", session)
    shows_names = selectors.sees_names(request.user)
    context = {
        "session": session,
        "title": str(session),
        "can_change": can(request.user, "participation.change_session", session),
        "can_view_history": can(request.user, "core.view_history"),
        "attendance_columns": ATTENDANCE_COLUMNS_NAMED if shows_names else ATTENDANCE_COLUMNS,
        "took_part": selectors.session_took_part(session),
    }
    return render(request, "participation/session_detail.html", context)


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    """Log a session: choose who it was with (a GET form), then the session and who attended."""
    require(request.user, "participation.add_session")
    chosen = any(
        name in request.GET for name in ("group", "young_person", "chosen", "organisation")
    )
    subject = SessionSubjectForm(request.GET if chosen else None, user=request.user)
    if not chosen or not subject.is_valid() or subject.needs_choice:
        context = {
            "form": subject,
            "title": _("Log a session"),
            "cancel_url": reverse("participation:session-list"),
        }
        return render(request, "participation/session_choose.html", context)
    group, young_person = subject.cleaned_data["group"], subject.cleaned_data["young_person"]
    organisation = subject.cleaned_data.get("organisation")
    is_open = bool(organisation and subject.cleaned_data.get("is_open"))
    if subject.cleaned_data.get("chosen"):
        # One of the matches chosen: on to the next step as if their reference had been typed.
        query = urlencode({"young_person": young_person.reference})
        return redirect(f"{reverse('participation:session-create')}?{query}")
    return _session_page(
        request,
        lambda values: services.session_log(
            actor=request.user,
            group=group,
            young_person=young_person,
            organisation=organisation,
            is_open=is_open,
            **values,
        ),
        group=group,
        young_person=young_person,
        organisation=organisation,
        is_open=is_open,
        # Today, and the worker who logs it as there: a typical session needs neither changed.
        initial={
            "date": timezone.localdate(),
            "staff_present": selectors.staff_present_by_default(request.user, timezone.localdate()),
        },
        success=lambda session: f"Session logged: {session}.",
        then=lambda session: reverse("participation:session-detail", args=[session.pk]),
        title="Log a session",
        cancel_url=(
            reverse("groups:group-detail", args=[group.pk])
            if group is not None
            else reverse("participation:session-create")
        ),
        submit_label="Log session",
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.user, pk)
    require(request.user, "participation.change_session", session)
    back = reverse("participation:session-detail", args=[session.pk])
    return _session_page(
        request,
        lambda values: services.session_update(actor=request.user, session=session, **values),
        group=session.group,
        young_person=session.young_person,
        organisation=session.organisation,
        is_open=session.is_open,
        session=session,
        initial=SessionForm.initial_for(session),
        success="Session updated.",
        then=back,
        title=f"Edit session: {session}",
        cancel_url=back,
        submit_label="Save changes",
    )


def _session_page(
    request: HttpRequest,
    save: Callable[[dict[str, Any]], Session],
    *,
    group: Group | None,
    young_person: YoungPerson | None,
    initial: dict[str, Any],
    session: Session | None = None,
    organisation: Organisation | None = None,
    is_open: bool = False,
    **options: Any,
) -> HttpResponse:
    """The session form, logging a new session or editing one: who it was with is fixed."""
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        group=group,
        young_person=young_person,
        session=session,
        initial=initial,
    )
    return form_page(
        request,
        form,
        lambda: save(form.service_kwargs()),
        aliases=ATTENDEE_ALIASES,
        template="participation/session_form.html",
        group=group,
        young_person=young_person,
        session=session,
        organisation=organisation,
        is_open=is_open,
        **options,
    )


@login_required
@require_POST
def session_monitoring_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a session's monitoring form complete, from the follow-up list."""
    session = selectors.session_get(request.user, pk)
    try:
        services.session_update(actor=request.user, session=session, monitoring_form_complete=True)
    except PermissionDenied:
        messages.error(request, _("You cannot change that session."))
    else:
        messages.success(
            request, _("Monitoring form marked complete for %(session)s.") % {"session": session}
        )
    return redirect("participation:monitoring-followup")


def _import_job(request: HttpRequest, text: str, sessions: int) -> HttpResponse:
    job = imports.start(
        request.user,
        import_job.SESSIONS_IMPORT,
        upload=text,
        label=f"Import of {sessions} session{'s' if sessions != 1 else ''}",
        then=reverse("participation:session-list"),
    )
    return imports.job_page(job)


@login_required
def session_import(request: HttpRequest) -> HttpResponse:
    require(request.user, "participation.import_session")
    posted = request.method == "POST"
    form = SessionImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        # Always checked here (a dry run); a clean file to import is imported by a background
        # job (issue 20), which checks it once more as it writes.
        data = form.cleaned_data["file"].read()
        result = services.sessions_import(actor=request.user, file=io.BytesIO(data), dry_run=True)
        if result.ok and not form.cleaned_data["dry_run"]:
            return _import_job(request, data.decode("utf-8-sig"), result.valid_rows)
    context = {
        "form": form,
        "result": result,
        "problem_columns": IMPORT_PROBLEM_COLUMNS,
        "title": _("Import sessions"),
        "cancel_url": reverse("participation:session-list"),
    }
    return render(request, "participation/session_import.html", context)
