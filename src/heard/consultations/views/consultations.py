"""Pages for the consultation registry: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.consultations import selectors, services
from heard.consultations.filters import ConsultationFilter
from heard.consultations.forms import ConsultationForm, consultation_initial
from heard.consultations.models import Consultation
from heard.core import disclosure, tables
from heard.core.columns import FINDINGS_CSV, STATUS, SUMMARY_CSV
from heard.core.forms import add_service_errors
from heard.core.permissions import can, require
from heard.core.record_views import FiguresListView
from heard.core.records import Record

ADD = "consultations.add_consultation"
#: Form inputs the "Check before you start" step does not carry back.
NOT_CARRIED = {"csrfmiddlewaretoken", "confirm_similar", "back"}


CONSULTATION = Record(
    "consultations:consultation",
    "consultations.consultation",
    selectors.consultation_get,
    form=ConsultationForm,
    initial=consultation_initial,
    form_kwargs=lambda request, consultation: {"consultation": consultation},
)
consultation_url = CONSULTATION.url


def _themes(row: Consultation) -> str:
    return "; ".join(theme.title for theme in row.themes.all())


ConsultationListView = CONSULTATION.list_view(
    base=FiguresListView,
    figures={"shown_response_count": selectors.shown_response_count},
    title="Consultations",
    selector=selectors.consultations_visible_to,
    filterset_class=ConsultationFilter,
    columns=(
        CONSULTATION.link_column("Title", "title"),
        tables.Column(gettext_lazy("Owner organisation"), "organisation.name"),
        tables.Column(gettext_lazy("Method"), "get_method_display"),
        tables.Column(gettext_lazy("Opens"), "opens_on"),
        tables.Column(gettext_lazy("Closes"), "closes_on"),
        STATUS,
        tables.Column(gettext_lazy("Themes"), "themes"),
        tables.Column(gettext_lazy("Responses"), "shown_response_count", numeric=True),
        tables.Column(gettext_lazy("Owner"), "owner.full_name", in_table=False),
        SUMMARY_CSV,
        tables.Column(
            gettext_lazy("Age bands"), lambda row: "; ".join(row.age_band_labels()), in_table=False
        ),
        tables.Column(gettext_lazy("Areas"), lambda row: "; ".join(row.areas), in_table=False),
        FINDINGS_CSV,
        tables.Column(gettext_lazy("Decisions that followed"), "decisions", in_table=False),
    ),
)


def _detail(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    user = request.user
    return {
        "audience": selectors.consultation_audience(consultation),
        "questions": selectors.consultation_questions(consultation),
        "loop_responses": list(consultation.responses.order_by("-date")),
        "can_add_question": can(user, "consultations.add_question", consultation),
        "sees_results": selectors.results_visible(user, consultation),
        "response_count": selectors.shown_response_count(user, consultation),
        # Each question's answers, counted exact, only for a reader who may see them so.
        "exact_counts": disclosure.is_exact(user, organisation_id=consultation.organisation_id),
    }


consultation_detail = CONSULTATION.detail_view("consultations/consultation_detail.html", _detail)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    """The form; on a valid POST, "Check before you start" when others on the same themes and
    audience ran in the last 12 months ("Start it anyway" saves, "Go back" keeps the form)."""
    user = request.user
    require(user, ADD)
    going_back = request.method == "POST" and "back" in request.POST
    form = ConsultationForm(request.POST or None, user=user)
    options: dict[str, Any] = {
        "title": _("Start a consultation"),
        "submit_label": _("Continue"),
        "cancel_url": reverse("consultations:consultation-list"),
    }
    if request.method == "POST" and not going_back and form.is_valid():
        confirmed = request.POST.get("confirm_similar") == "yes"
        try:
            added = services.consultation_create(
                actor=user, confirm_similar=confirmed, **form.cleaned_data
            )
        except services.SimilarConsultations as similar:
            carried = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in NOT_CARRIED
                for value in values
            ]
            context = {
                "title": _("Check before you start"),
                "similar": similar.similar,
                "carried": carried,
                "new_title": form.cleaned_data["title"],
            }
            return render(request, "consultations/consultation_check.html", context)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Consultation “%(title)s” added.") % {"title": added.title})
            return redirect(consultation_url(added))
    if going_back:
        form.errors.clear()
    return render(request, "includes/form_page.html", {"form": form, **options})


consultation_edit = CONSULTATION.edit_view(services.consultation_update)
consultation_delete = CONSULTATION.delete_view(
    services.consultation_delete, template="consultations/consultation_delete.html"
)
