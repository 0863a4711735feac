"""Reads of consultations, questions and survey responses, scoped to what the user may see; the
"asked before?" check; the portal's surveys; and a survey's results with the disclosure policy."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from heard.consultations.models import Answer, Consultation, Question, SurveyResponse
from heard.consultations.policies import CONSULTATIONS, SURVEY_RESPONSES, keeps
from heard.consultations.results import (  # noqa: F401 - the results' types are read from here
    RESPONSE_KEY,
    OptionResult,
    QuestionResult,
    Results,
    _figures,
    _question_result,
)
from heard.core import disclosure
from heard.core.selectors import one_or_404 as _get
from heard.core.suppression import Display
from heard.groups.models import Group, Membership, Theme
from heard.people.models import Organisation, YoungPerson

#: How far back "asked before" looks: twelve months before the new one opens.
LOOK_BACK_MONTHS = 12


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    if month_index < 12:  # before the year 1: the earliest day there is
        return datetime.date.min
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


# Consultations --------------------------------------------------------------------------------


def consultations_visible_to(user: Any) -> QuerySet[Consultation]:
    """Consultations the user may read, with owner, organisation, themes, how many answered
    (``response_count``, exact: see :func:`shown_response_count`) and ``response_keys``."""
    keys = (
        SurveyResponse.objects.filter(consultation=OuterRef("pk")).order_by().values("consultation")
    )
    return (
        CONSULTATIONS.scope(user, "view")
        .select_related("organisation", "owner", "recorded_by")
        .prefetch_related("themes")
        .annotate(
            response_count=Count("survey_responses", distinct=True),
            question_count=Count("questions", distinct=True),
            response_keys=Subquery(keys.annotate(n=disclosure.key_sum(RESPONSE_KEY)).values("n")),
        )
        .order_by("-opens_on", "-id")
    )


def shown_response_count(user: Any, consultation: Consultation) -> Display:
    """How many answered, as ``user`` may see it: the results' figure (exact, or protected for
    a reader who may not open every response). Never show ``response_count`` to a protected
    reader. No query for a consultation from :func:`consultations_visible_to`."""
    count = getattr(consultation, "response_count", None)
    keys = getattr(consultation, "response_keys", None)
    if count is None or (keys is None and count):  # not annotated
        rows = SurveyResponse.objects.filter(consultation=consultation).values_list("pk", flat=True)
        return _figures(_exact(user, consultation))(list(rows))
    return disclosure.shown(disclosure.Cell(count, keys or 0), exact=_exact(user, consultation))


def _exact(user: Any, consultation: Consultation) -> bool:
    return disclosure.is_exact(user, organisation_id=consultation.organisation_id)


def consultation_get(user: Any, pk: Any) -> Consultation:
    return _get(consultations_visible_to(user), pk, "consultation")  # type: ignore[no-any-return]


def consultation_questions(consultation: Consultation) -> list[Question]:
    """The questions in order, each with ``answer_count``. One query."""
    return list(
        consultation.questions.annotate(answer_count=Count("answers")).order_by("position", "id")
    )


def consultation_audience(consultation: Consultation) -> dict[str, list[str]]:
    """The audience in words, part by part (an empty part is everyone). Two queries."""
    return {
        "age_bands": consultation.age_band_labels(),
        "groups": [group.name for group in consultation.groups.order_by("name")],
        "areas": list(consultation.areas or []),
        "organisations": [org.name for org in consultation.organisations.order_by("name")],
    }


def years_with_consultations() -> list[int]:
    """The years consultations opened in, newest first (the list's year filter)."""
    return sorted(
        {day.year for day in Consultation.objects.dates("opens_on", "year")}, reverse=True
    )


def owner_choices(user: Any) -> QuerySet[Any]:
    """Staff a consultation may name as its owner: active staff (a partner worker's colleagues)."""
    from heard.people.models import User

    rows = User.objects.filter(is_active=True).exclude(role="").order_by("full_name")
    if user is not None and getattr(user, "role", None) == "partner_worker":
        rows = rows.filter(organisation_id=user.organisation_id)
    return rows


def organisations_for_consultations(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may start a consultation for: a partner worker's own only."""
    rows = Organisation.objects.filter(is_active=True).order_by("name")
    if user is not None and getattr(user, "role", None) == "partner_worker":
        return rows.filter(pk=user.organisation_id)
    return rows


# Asked before? --------------------------------------------------------------------------------


def _shared(field_name: str, chosen: Iterable[Any]) -> Q:
    """One relation of the audience overlaps: empty on either side (everyone), or shared."""
    values = [item.pk for item in chosen]
    if not values:
        return Q()
    relation = Consultation._meta.get_field(field_name)
    through = relation.remote_field.through  # type: ignore[union-attr]
    column = f"{relation.m2m_reverse_field_name()}_id"  # type: ignore[union-attr]
    any_part = through.objects.filter(consultation_id=OuterRef("pk"))
    return ~Exists(any_part) | Exists(any_part.filter(**{f"{column}__in": values}))


def _words(values: Iterable[str]) -> set[str]:
    return {str(value).strip().casefold() for value in values or ()}


def lists_overlap(mine: Iterable[str], theirs: Iterable[str]) -> bool:
    """Two lists of an audience (age bands, areas) overlap: either empty, or one in common
    (areas compared without case)."""
    a, b = _words(mine), _words(theirs)
    return not a or not b or bool(a & b)


def similar_consultations(
    *,
    themes: Iterable[Theme],
    opens_on: datetime.date,
    closes_on: datetime.date | None = None,
    age_bands: Iterable[str] = (),
    groups: Iterable[Group] = (),
    areas: Iterable[str] = (),
    organisations: Iterable[Organisation] = (),
    exclude: Consultation | None = None,
) -> list[Consultation]:
    """Other consultations on one of ``themes`` whose audience overlaps the one given (each part
    empty on either side, or sharing a value) and that ran in the twelve months before
    ``opens_on`` or overlap the new one's dates (up to ``closes_on``, default ``opens_on``):
    what a young person may already have been asked, newest first. Every staff role may read
    the registry, so this is not scoped. No themes: nothing to compare. One query (the age
    bands and areas, JSON lists, are compared on the few rows the query finds)."""
    theme_ids = [theme.pk for theme in themes]
    if not theme_ids:
        return []
    window_start = months_before(opens_on, LOOK_BACK_MONTHS)
    rows = Consultation.objects.filter(
        Exists(
            Consultation.themes.through.objects.filter(
                consultation_id=OuterRef("pk"), theme_id__in=theme_ids
            )
        ),
        _shared("groups", groups),
        _shared("organisations", organisations),
        closes_on__gte=window_start,
        opens_on__lte=closes_on or opens_on,
    )
    if exclude is not None and exclude.pk:
        rows = rows.exclude(pk=exclude.pk)
    bands, places = list(age_bands), list(areas)
    return [
        row
        for row in rows.select_related("organisation", "owner").order_by("-opens_on", "-id")
        if lists_overlap(bands, row.age_bands) and lists_overlap(places, row.areas)
    ]


# The portal -----------------------------------------------------------------------------------


def _in_audience_groups(young_person: YoungPerson, today: datetime.date) -> Q:
    """Consultations whose groups and organisations take in the young person (each empty, or
    one of theirs)."""
    current = Membership.objects.filter(young_person=young_person).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=today)
    )
    any_group = Consultation.groups.through.objects.filter(consultation_id=OuterRef("pk"))
    in_group = any_group.filter(group_id__in=current.values("group_id"))
    any_org = Consultation.organisations.through.objects.filter(consultation_id=OuterRef("pk"))
    in_org = any_org.filter(organisation_id=young_person.organisation_id)
    return (~Exists(any_group) | Exists(in_group)) & (~Exists(any_org) | Exists(in_org))


def in_audience(young_person: YoungPerson, consultation: Consultation) -> bool:
    """The age band and area parts of the audience (the groups' and organisations' are asked of
    the database)."""
    if consultation.age_bands and young_person.age_band not in consultation.age_bands:
        return False
    return not consultation.areas or young_person.area.strip().casefold() in _words(
        consultation.areas
    )


def _open_surveys_for(young_person: YoungPerson, today: datetime.date) -> QuerySet[Consultation]:
    return Consultation.objects.with_status(Consultation.Status.OPEN, today).filter(
        _in_audience_groups(young_person, today),
        Exists(Question.objects.filter(consultation_id=OuterRef("pk"))),
        method=Consultation.Method.SURVEY,
    )


def portal_surveys(young_person: YoungPerson, today: datetime.date | None = None) -> list[Any]:
    """Open surveys with questions whose audience takes in the young person, each with
    ``answered`` (whether they have), closing soonest first. One query."""
    today = today or timezone.localdate()
    mine = SurveyResponse.objects.filter(consultation_id=OuterRef("pk"), young_person=young_person)
    rows = _open_surveys_for(young_person, today).annotate(answered=Exists(mine))
    return [row for row in rows.order_by("closes_on", "id") if in_audience(young_person, row)]


def portal_survey_get(young_person: YoungPerson, pk: Any) -> Consultation:
    """An open survey for the young person; 404 for any other."""
    found = _get(_open_surveys_for(young_person, timezone.localdate()), pk, "survey")
    if not in_audience(young_person, found):
        raise Http404("No such survey.")
    return found  # type: ignore[no-any-return]


def has_answered(young_person: YoungPerson, consultation: Consultation) -> bool:
    return SurveyResponse.objects.filter(
        consultation=consultation, young_person=young_person
    ).exists()


# Responses and results ------------------------------------------------------------------------


def survey_responses_visible_to(user: Any) -> QuerySet[SurveyResponse]:
    """Responses the user may read (those of consultations they keep), with their answers."""
    return (
        SURVEY_RESPONSES.scope(user, "view")
        .select_related("consultation", "young_person")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question", "view"))
        )
        .order_by("consultation_id", "submitted_at", "id")
    )


def consultation_responses(user: Any, consultation: Consultation) -> QuerySet[SurveyResponse]:
    return survey_responses_visible_to(user).filter(consultation=consultation)


def answer_get(user: Any, pk: Any) -> Answer:
    """A free-text answer in a response the user may read; 404 for any other."""
    rows = Answer.objects.filter(
        response__in=SURVEY_RESPONSES.scope(user, "view").values("pk"),
        question__kind=Question.Kind.TEXT,
    ).select_related(
        "response", "response__young_person", "response__consultation", "question", "view"
    )
    return _get(rows, pk, "answer")  # type: ignore[no-any-return]


def results_visible(
    user: Any, consultation: Consultation, today: datetime.date | None = None
) -> bool:
    """Whoever keeps a survey sees its results at any time; other readers once it has closed (no
    running tally)."""
    today = today or timezone.localdate()
    return keeps(user, consultation) or consultation.status_on(today) == Consultation.Status.CLOSED


def survey_results(user: Any, consultation: Consultation) -> Results:
    """Per question: how many answered; per option (or scale point) the count and share; the
    scale's mean; the free-text answers for those who keep the survey. Exact for readers who may
    open every response behind them, protected (``core.disclosure``) for everyone else, and the
    mean then from protected counts only. A fixed number of queries."""
    exact = _exact(user, consultation)
    sees_answers = SURVEY_RESPONSES.allows(user, "view", SurveyResponse(consultation=consultation))
    figure = _figures(exact)
    answers = (
        Answer.objects.filter(response__consultation=consultation)
        .select_related("view")
        .order_by("response__submitted_at", "id")
    )
    by_question: dict[int, list[Answer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    every = SurveyResponse.objects.filter(consultation=consultation).values_list("pk", flat=True)
    return Results(
        consultation=consultation,
        exact=exact,
        responses=figure(list(every)),
        questions=[
            _question_result(question, by_question.get(question.pk, []), figure, sees_answers)
            for question in consultation.questions.order_by("position", "id")
        ],
        sees_answers=sees_answers,
        note="" if exact else disclosure.PROTECTED_NOTE,
    )
