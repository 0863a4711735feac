"""Pages for a survey's questions: add, edit, move and delete (whoever keeps the survey)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from heard.consultations import selectors, services
from heard.consultations.forms import QuestionForm, question_initial
from heard.consultations.models import Question
from heard.consultations.views.consultations import CONSULTATION, consultation_url
from heard.core.forms import changed_values, form_page
from heard.core.permissions import require


def _question(request: HttpRequest, pk: int, perm: str) -> Question:
    consultation_ids = selectors.consultations_visible_to(request.user).values("pk")
    question = (
        Question.objects.filter(pk=pk, consultation__in=consultation_ids)
        .select_related("consultation")
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    require(request.user, perm, question)
    return question


question_create = CONSULTATION.form_view(
    "consultations.add_question",
    services.question_add,
    form=QuestionForm,
    initial=lambda request, consultation: {"required": "yes"},
    title=lambda consultation: f"Add a question to {consultation.title}",
    submit_label="Add question",
    success="Question added.",
    then=lambda question: consultation_url(question.consultation) + "#questions",
    name="question_create",
)


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    question = _question(request, pk, "consultations.change_question")
    form = QuestionForm(request.POST or None, initial=question_initial(question))
    back = consultation_url(question.consultation)
    return form_page(
        request,
        form,
        lambda: services.question_update(actor=user, question=question, **changed_values(form)),
        success="Question updated.",
        then=back + "#questions",
        title="Edit the question",
        submit_label="Save changes",
        cancel_url=back,
    )


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, "consultations.change_question")
    try:
        services.question_move(
            actor=request.user, question=question, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Question moved."))
    return redirect(consultation_url(question.consultation) + "#questions")


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, "consultations.delete_question")
    back = consultation_url(question.consultation)
    if request.method == "POST":
        try:
            services.question_delete(actor=request.user, question=question)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Question deleted."))
        return redirect(back + "#questions")
    context = {
        "question": question,
        "answered": question.answers.exists(),
        "back": back,
        "title": _("Delete the question?"),
    }
    return render(request, "consultations/question_delete.html", context)


def question_list_url(pk: int) -> str:
    return reverse("consultations:consultation-detail", args=[pk]) + "#questions"
