"""Pages for evaluations of sessions, entered from paper: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DATE, choice_tag
from heard.core.permissions import can, require
from heard.core.record_views import ShareListView, page_url, record_form_view, values_of
from heard.core.records import Record
from heard.involvement import selectors, services
from heard.involvement.filters import EvaluationFilter
from heard.involvement.forms import EvaluationForm
from heard.involvement.models import Evaluation
from heard.participation import selectors as participation_selectors

VIEW = "involvement.view_evaluation"
ADD = "involvement.add_evaluation"
CHANGE = "involvement.change_evaluation"


session_evaluations_url = page_url("involvement:session-evaluations")


RATING = choice_tag(
    gettext_lazy("Rating"), "rating", {"positive": "green", "negative": "red"}, other="grey"
)
WHO = tables.Column(
    gettext_lazy("Who gave it"),
    lambda row: row.young_person.reference if row.young_person else "Anonymous",
)
COMMENT = tables.Column(gettext_lazy("Comment"), "comment")
SOURCE = tables.Column(gettext_lazy("From"), "get_source_display")
#: A session's evaluations on its own page, each with its actions.
SESSION_COLUMNS = (
    RATING,
    WHO,
    COMMENT,
    SOURCE,
    tables.Column(
        gettext_lazy("Actions"),
        in_csv=False,
        cell='{% if can_change %}<a class="govuk-link" '
        'href="{% url "involvement:evaluation-edit" row.pk %}">Change<span '
        'class="govuk-visually-hidden"> evaluation {{ row.pk }}</span></a> '
        '<a class="govuk-link" href="{% url "involvement:evaluation-delete" row.pk %}">Delete'
        '<span class="govuk-visually-hidden"> evaluation {{ row.pk }}</span></a>'
        "{% endif %}",
    ),
)
#: The latest sessions, to enter the evaluations of one.
RECENT_COLUMNS = (
    DATE,
    tables.Column(
        gettext_lazy("Session"),
        cell='<a class="govuk-link" href="{% url "involvement:session-evaluations" row.pk %}">'
        "{{ row.title|default:row.get_kind_display }}</a>",
    ),
    tables.Column(gettext_lazy("Group"), lambda row: row.group.name if row.group else "-"),
    tables.Column(gettext_lazy("Evaluations"), "evaluation_count", numeric=True),
)


EVALUATION = Record(
    "involvement:evaluation",
    "involvement.evaluation",
    selectors.evaluation_get,
    form=EvaluationForm,
    initial=values_of("rating", "comment"),
    page=lambda evaluation: session_evaluations_url(evaluation.session_id),
    label=str,
)


class _EvaluationList(ShareListView):
    """The share positive, and the latest sessions for those who may add evaluations."""

    share = staticmethod(selectors.evaluations_share)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context["can_add"]:
            context["recent"] = selectors.recent_sessions(self.request.user)
            context["recent_columns"] = RECENT_COLUMNS
        return context


EvaluationListView = EVALUATION.list_view(
    base=_EvaluationList,
    title="Evaluations",
    selector=selectors.evaluations_visible_to,
    filterset_class=EvaluationFilter,
    columns=(
        tables.Column(
            gettext_lazy("Session"),
            "session",
            cell='<a class="govuk-link" '
            'href="{% url "involvement:session-evaluations" row.session_id %}">'
            "{{ row.session }}</a>",
        ),
        tables.Column(gettext_lazy("Session kind"), "session.get_kind_display"),
        tables.Column(gettext_lazy("Session date"), "session.date", in_table=False),
        tables.Column(gettext_lazy("Organisation"), "session.organisation.name", in_table=False),
        RATING,
        WHO,
        COMMENT,
        SOURCE,
    ),
)


@login_required
def session_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's evaluations: what each young person thought, and the share positive."""
    user = request.user
    require(user, VIEW)
    session = participation_selectors.session_get(user, pk)
    rows = selectors.evaluations_visible_to(user).filter(session=session)
    can_change = can(user, CHANGE, Evaluation(session=session))
    context = {
        "session": session,
        "title": _("Evaluations of %(session)s") % {"session": session},
        "evaluations": list(rows),
        "columns": SESSION_COLUMNS,
        "share": selectors.evaluations_share(rows),
        "can_add": can(user, ADD, session),
        "can_change": can_change,
    }
    return render(request, "involvement/session_evaluations.html", context)


evaluation_create = record_form_view(
    participation_selectors.session_get,
    ADD,
    services.evaluation_record,
    form=EvaluationForm,
    keyword="session",
    back=session_evaluations_url,
    title=lambda session: f"Add an evaluation of {session}",
    name="evaluation_create",
    form_kwargs=lambda user, session: {
        "user": user,
        "attendees": selectors.session_attendees(user, session),
    },
    success="Evaluation recorded.",
    submit_label="Add evaluation",
)


evaluation_edit = EVALUATION.edit_view(
    services.evaluation_update, title=lambda evaluation: "Change the evaluation"
)
evaluation_delete = EVALUATION.confirm_view(
    "delete",
    services.evaluation_delete,
    template="involvement/evaluation_delete.html",
    title=lambda evaluation: "Delete this evaluation?",
    success="Evaluation deleted.",
)
