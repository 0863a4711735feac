"""The report's sections other than the indicators, each one table read through its app's
selectors (plans, audits, voice, groups) or, where no selector gives the figure, through the
models here (said in each docstring). Counts of work are plain numbers (ADR 0004); the loop
figures count children's views and follow the disclosure policy (``voice.disclosure``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from heard.audits.models import Recommendation
from heard.audits.selectors import audits as audit_selectors
from heard.core.standards import Standard
from heard.groups.models import Group, GroupTheme, Theme
from heard.indicators.reports.periods import ReportPeriod
from heard.participation.models import Degree, ParticipationType, Session
from heard.people.models import Organisation
from heard.plans.models import Action, Progress
from heard.voice import disclosure as voice_disclosure
from heard.voice import selectors as voice_selectors

#: How many highlights (published views with their responses) a report shows.
HIGHLIGHTS_SHOWN = 10


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    numeric: list[bool] = field(default_factory=list)
    empty: str = "None in this period."

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "columns": self.columns,
            "numeric": self.numeric or [False] * len(self.columns),
            "rows": self.rows,
            "empty": self.empty,
        }


def plan_progress(period: ReportPeriod, organisation: Organisation | None) -> Table:
    """Actions of the action plans running in the period, by standard and progress. Counted
    through the models: ``plans.selectors`` counts one plan's sections, not several plans'."""
    actions = Action.objects.filter(
        outcome__plan__starts_on__lte=period.end, outcome__plan__ends_on__gte=period.start
    )
    if organisation is not None:
        actions = actions.filter(outcome__plan__organisation=organisation)
    counts = {
        (row["outcome__standard"], row["progress"]): row["n"]
        for row in actions.order_by()
        .values("outcome__standard", "progress")
        .annotate(n=Count("id"))
    }
    rows = []
    for standard, label in Standard.choices:
        row = [counts.get((standard, progress), 0) for progress in Progress.values]
        if any(row):
            rows.append([str(label), *row, sum(row)])
    return Table(
        "plans",
        "Action plan progress by standard",
        ["Standard", *(str(label) for label in Progress.labels), "Actions"],
        rows,
        numeric=[False] + [True] * (len(Progress.values) + 1),
        empty="No action plan runs in this period.",
    )


def kite_marks(period: ReportPeriod, organisation: Organisation | None) -> Table:
    """Kite marks held at the period's end, and whether each is due for renewal then."""
    held = audit_selectors.kite_marks_held(period.end).select_related("organisation")
    due = set(audit_selectors.kite_marks_due(period.end).values_list("pk", flat=True))
    if organisation is not None:
        held = held.filter(organisation=organisation)
    rows = [
        [
            audit.organisation.name,
            audit.service or "",
            audit.date.isoformat(),
            audit.expires_on.isoformat() if audit.expires_on else "",
            "Yes" if audit.pk in due else "No",
        ]
        for audit in held.order_by("expires_on", "organisation__name", "pk")
    ]
    return Table(
        "kite_marks",
        "Kite marks held at the end of the period",
        ["Organisation", "Service", "Awarded", "Expires", "Renewal due"],
        rows,
        empty="No kite mark was held at the end of this period.",
    )


def provision_reviews(period: ReportPeriod, organisation: Organisation | None) -> Table:
    """Recommendations of the provision reviews visited in the period, by provider, acted on or
    not at the revisit. Counted through the models (``audits.selectors`` lists, not counts)."""
    rows_qs = Recommendation.objects.filter(review__visit_date__range=(period.start, period.end))
    if organisation is not None:
        rows_qs = rows_qs.filter(review__provider=organisation)
    acted, not_acted = Recommendation.Outcome.ACTED_ON, Recommendation.Outcome.NOT_ACTED_ON
    grouped = (
        rows_qs.order_by("review__provider__name")
        .values("review__provider__name")
        .annotate(
            total=Count("id"),
            acted=Count("id", filter=Q(outcome=acted)),
            not_acted=Count("id", filter=Q(outcome=not_acted)),
        )
    )
    rows = [
        [
            row["review__provider__name"],
            row["total"],
            row["acted"],
            row["not_acted"],
            row["total"] - row["acted"] - row["not_acted"],
        ]
        for row in grouped
    ]
    return Table(
        "provision_reviews",
        "Provision reviews: recommendations",
        ["Provider", "Recommendations", "Acted on", "Not acted on", "Not yet revisited"],
        rows,
        numeric=[False, True, True, True, True],
        empty="No provision review visited a provider in this period.",
    )


def _text(value: Any, *, share: bool = False) -> str:
    if share:
        return voice_disclosure.share_text(value)
    if value is None:
        return "no data"
    return voice_disclosure.count_text(value)


def loop_figures(
    user: Any, period: ReportPeriod, organisation: Organisation | None, *, exact: bool
) -> Table:
    """ "You said, we did": the loop figures of the views recorded in the period."""
    figures = voice_disclosure.loop_figures_shown(
        voice_selectors.loop_figures(
            user=user,
            start=period.start,
            end=period.end,
            organisation=organisation,
            cells=not exact,
            views_only=True,
        ),
        exact=exact,
    )
    median = figures["median_days_view_to_feedback"]
    rows = [
        ["Views recorded", _text(figures["views_recorded"])],
        ["Views responded to", _text(figures["views_responded"])],
        ["Views fed back", _text(figures["views_fed_back"])],
        ["Share responded to", _text(figures["share_responded"], share=True)],
        ["Share fed back", _text(figures["share_fed_back"], share=True)],
        [
            "Median days from view to feedback",
            median if isinstance(median, str) else _text(None if median is None else round(median)),
        ],
    ]
    return Table(
        "loop",
        "You said, we did: the loop figures",
        ["Figure", "Value"],
        rows,
        numeric=[False, True],
    )


def sessions_by(period: ReportPeriod, organisation: Organisation | None, name: str) -> Table:
    """Sessions in the period by degree (or type) of participation: counts of work. Counted
    through the model: the participation selectors have no such table."""
    sessions = Session.objects.filter(date__range=(period.start, period.end))
    if organisation is not None:
        sessions = sessions.filter(
            Q(organisation=organisation) | Q(group__host_organisation=organisation)
        )
    counts = dict(sessions.order_by().values_list(name).annotate(n=Count("id")))
    choices = Degree.choices if name == "degree" else ParticipationType.choices
    rows = [[str(label), counts.get(value, 0)] for value, label in choices]
    title = "degree" if name == "degree" else "type"
    return Table(
        f"sessions_by_{title}",
        f"Sessions by {title} of participation",
        [f"{title.capitalize()} of participation", "Sessions"],
        rows,
        numeric=[False, True],
    )


def themes_and_groups(period: ReportPeriod, organisation: Organisation | None) -> Table:
    """Each theme of the period's partnership year and the groups working on or affected by it
    (an organisation's report: the groups it hosts). Counted through the models."""
    links = GroupTheme.objects.all()
    if organisation is not None:
        links = links.filter(group__host_organisation=organisation)
    counts = dict(links.order_by().values_list("theme").annotate(n=Count("group", distinct=True)))
    established = dict(
        links.filter(group__stage__in=Group.ESTABLISHED_STAGES)
        .order_by()
        .values_list("theme")
        .annotate(n=Count("group", distinct=True))
    )
    rows = [
        [
            theme.title,
            theme.lead.full_name if theme.lead else "",
            counts.get(theme.pk, 0),
            established.get(theme.pk, 0),
        ]
        for theme in Theme.objects.select_related("lead").order_by("title", "pk")
        if counts.get(theme.pk)
    ]
    return Table(
        "themes",
        "Themes and groups",
        ["Theme", "Lead", "Groups", "Established groups"],
        rows,
        numeric=[False, False, True, True],
        empty="No group works on a theme.",
    )


def highlights(period: ReportPeriod, organisation: Organisation | None) -> Table:
    """Published views recorded in the period that have a response, with the first response's
    words for children: what young people said and what was done."""
    views = (
        voice_selectors.published_views()
        .filter(recorded_on__range=(period.start, period.end), responses__isnull=False)
        .distinct()
    )
    if organisation is not None:
        views = views.filter(organisation=organisation)
    rows = []
    for view in views[:HIGHLIGHTS_SHOWN]:
        response = next(iter(view.responses.all()), None)
        rows.append(
            [view.recorded_on.isoformat(), view.text, response.plain_language if response else ""]
        )
    return Table(
        "highlights",
        "Highlights: you said, we did",
        ["Recorded", "You said", "We did"],
        rows,
        empty="No published view with a response was recorded in this period.",
    )
