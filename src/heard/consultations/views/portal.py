"""The portal's "Surveys": the open surveys a young person is asked, answered once each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.consultations import selectors, services
from heard.consultations.forms import SurveyForm
from heard.consultations.models import Question
from heard.core.forms import add_service_errors
from heard.people.models import YoungPerson
from heard.portal.views import portal_page, portal_required

surveys = portal_page(
    "surveys",
    "consultations/portal/surveys.html",
    gettext_lazy("Surveys"),
    surveys=selectors.portal_surveys,
)


@require_http_methods(["GET", "POST"])
@portal_required
def survey_answer(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    """The survey's questions on one page: radios, tick boxes, a 1-5 scale and text boxes. What
    was typed stays when something needs fixing."""
    survey = selectors.portal_survey_get(young_person, pk)
    if selectors.has_answered(young_person, survey):
        messages.info(request, _(services.responses.ALREADY))
        return redirect("consultations:portal-surveys")
    questions = list(survey.questions.order_by("position", "id"))
    form = SurveyForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        try:
            services.survey_submit(young_person=young_person, consultation=survey, answers=answers)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("consultations:portal-survey-thanks", survey.pk)
    context = {
        "young_person": young_person,
        "survey": survey,
        "form": form,
        "questions": questions,
        "kinds": Question.Kind,
        "title": survey.title,
    }
    return render(request, "consultations/portal/survey_answer.html", context)


@portal_required
def survey_thanks(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    survey = selectors.portal_survey_get(young_person, pk)
    context = {"young_person": young_person, "survey": survey, "title": _("Thank you")}
    return render(request, "consultations/portal/survey_thanks.html", context)
