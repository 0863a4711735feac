"""A survey's results (with the disclosure policy), its answers' export, and a free-text
answer made a view in the loop."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from heard.consultations import selectors, services
from heard.consultations.models import Answer, Consultation, SurveyResponse
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.permissions import can, require


def answer_columns(consultation: Consultation) -> list[tuple[str, Any]]:
    """One row per response: its number, when, the young person's reference, then a column per
    question (the export neutralises formula text)."""
    columns: list[tuple[str, Any]] = [
        ("Response", "pk"),
        ("Submitted", lambda row: timezone.localtime(row.submitted_at).strftime("%Y-%m-%d %H:%M")),
        ("Young person", "young_person.reference"),
    ]
    for question in consultation.questions.order_by("position", "id"):
        columns.append((f"{question.position}. {question.text}", _answer_of(question.pk)))
    return columns


def _answer_of(question_id: int) -> Any:
    def read(row: SurveyResponse) -> str:
        for answer in row.answers.all():
            if answer.question_id == question_id:
                return answer.as_text()
        return ""

    return read


@login_required
def consultation_results(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = request.user
    consultation = selectors.consultation_get(user, pk)
    if not selectors.results_visible(user, consultation):
        raise PermissionDenied(_("The results show once the survey has closed."))
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        require(
            user, "consultations.view_surveyresponse", SurveyResponse(consultation=consultation)
        )
        rows = selectors.consultation_responses(user, consultation)
        filename = f"survey-{consultation.pk}-answers.csv"
        return export_response(export_format, rows, answer_columns(consultation), filename)
    results = selectors.survey_results(user, consultation)
    context = {
        "consultation": consultation,
        "results": results,
        "title": _("Results: %(title)s") % {"title": consultation.title},
        "can_make_views": can(user, "voice.add_view"),
    }
    return render(request, "consultations/consultation_results.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then make a free-text answer a view in the loop (once)."""
    user = request.user
    answer: Answer = selectors.answer_get(user, pk)
    consultation = answer.response.consultation
    results_url = reverse("consultations:consultation-results", args=[consultation.pk])
    if request.method == "POST":
        try:
            view = services.answer_to_view(actor=user, answer=answer)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(results_url)
        messages.success(request, _("The answer is now a view in the loop."))
        return redirect("voice:view-detail", view.pk)
    require(user, "voice.add_view")
    context = {
        "answer": answer,
        "consultation": consultation,
        "cancel_url": results_url,
        "title": _("Make this answer a view?"),
    }
    return render(request, "consultations/answer_view.html", context)
