"""Young people's involvement in decisions, their evaluations of sessions, and the indicators the
partnership sets (issue 18), as ``involvement.services`` and ``indicators.services`` would leave
them.

Involvement: each organisation runs a few recruitment, commissioning and procurement exercises a
year, most with some of its own young people involved. Evaluations: about one recent session in
six is rated by some of those who attended (from paper, entered by the worker who logged it,
some anonymous; or from the portal, each young person once). Indicators: the seeds' (active
young people, of them through Buddy Groups, the loop's shares), sessions at the "involve"
degrees, groups running and groups working on each of this year's themes, and
for the biggest organisations (one in fifty) their own active young people and sessions."""

from __future__ import annotations

import datetime
import math

from heard.core.roles import Role
from heard.core.years import year_bounds
from heard.demo.generator.context import Context, Step, Worker, _at, _at_ordinal
from heard.demo.generator.sinks import columns, stamped
from heard.groups.models import Group
from heard.indicators.measures import measure_for
from heard.indicators.models import Indicator
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.models import Degree

ACTIVITY_COLUMNS = stamped(
    "title kind date organisation_id young_people_involved how notes recorded_by_id"
)
EVALUATION_COLUMNS = stamped("session_id young_person_id rating comment source recorded_by_id")
INDICATOR_COLUMNS = stamped(
    "name measure period target amber_within theme_id group_kind organisation_id lead_id "
    "age_band session_kind degree participation_type session_title"
)
#: Exercises an organisation runs a year, and the share with young people involved.
ACTIVITIES_A_YEAR, INVOLVED_SHARE = 3, 0.7
KINDS = (
    (InvolvementActivity.Kind.RECRUITMENT, "Recruiting a youth worker", 5),
    (InvolvementActivity.Kind.COMMISSIONING, "Commissioning a counselling service", 2),
    (InvolvementActivity.Kind.PROCUREMENT, "Choosing a supplier for the youth centre", 2),
    (InvolvementActivity.Kind.OTHER_DECISION, "Deciding the summer programme", 1),
)
#: Days back from today whose sessions are evaluated, and the share of them that are.
EVALUATED_DAYS, EVALUATED_SHARE = 730, 1 / 6
RATINGS = (
    (Evaluation.Rating.POSITIVE, 80),
    (Evaluation.Rating.NEUTRAL, 14),
    (Evaluation.Rating.NEGATIVE, 6),
)
EVALUATION_COMMENTS = ("", "", "", "", "Really fun.", "Too long.", "I got to say what I think.")
#: One organisation in this many has indicators of its own.
OWN_INDICATORS_EVERY = 50


class Involvement(Worker):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.workers = ctx.staff[Role.PARTNER_WORKER]

    def activities(self) -> None:
        ctx, rng = self.ctx, self.rng
        sink = ctx.writer.table(InvolvementActivity, ACTIVITY_COLUMNS)
        people = ctx.writer.table(
            InvolvementActivity.young_people.through,
            columns("involvementactivity_id youngperson_id"),
        )
        hows = list(InvolvementActivity.How.values)
        for offset in range(ctx.scale.years - 1, -1, -1):
            start, end = year_bounds(ctx.current_year_start - offset)
            span = (min(end, ctx.today) - start).days
            if span < 0:
                continue
            for index, organisation in enumerate(ctx.organisations):
                own = ctx.young_people_by_organisation.get(organisation) or []
                for _ in range(rng.randint(0, 2 * ACTIVITIES_A_YEAR)):
                    pk = ctx.ids(InvolvementActivity, 1).start
                    day = start + datetime.timedelta(days=rng.randint(0, span))
                    kind, title, _ = rng.choices(KINDS, [weight for *_, weight in KINDS])[0]
                    involved = bool(own) and rng.random() < INVOLVED_SHARE
                    how = sorted(rng.sample(hows, rng.randint(1, 2))) if involved else []
                    at = _at(day, 16)
                    worker = self.workers[index]
                    sink.add(
                        (pk, at, at, title, kind, day, organisation, involved, how, "", worker)
                    )
                    for person in (
                        rng.sample(own, min(len(own), rng.randint(1, 4))) if involved else ()
                    ):
                        people.add((pk, person))

    def evaluations(self) -> None:
        ctx, rng = self.ctx, self.rng
        sink = ctx.writer.table(Evaluation, EVALUATION_COLUMNS)
        values, weights = [v for v, _ in RATINGS], [w for _, w in RATINGS]
        since = self.today - EVALUATED_DAYS
        starts, attended = ctx.attended_start, ctx.attended
        for index, ordinal in enumerate(ctx.session_date):
            if ordinal < since or rng.random() >= EVALUATED_SHARE:
                continue
            who = attended[starts[index] : starts[index + 1]]
            if not who:
                continue
            session = ctx.first_session_id + index
            at = _at_ordinal(min(ordinal + 1, self.today), 19)
            for person in rng.sample(list(who), min(len(who), rng.randint(1, 5))):
                rating = rng.choices(values, weights)[0]
                comment = rng.choice(EVALUATION_COMMENTS)
                pk = ctx.ids(Evaluation, 1).start
                named: int | None = person
                source, recorded_by = "portal", None
                if rng.random() >= 0.3:  # from paper, entered by the worker who logged it
                    named = person if rng.random() < 0.7 else None
                    source, recorded_by = "paper", ctx.session_logged_by[index] or None
                sink.add((pk, at, at, session, named, rating, comment, source, recorded_by))


def involvement_and_evaluations(ctx: Context) -> None:
    worker = Involvement(ctx)
    worker.activities()
    worker.evaluations()


def _indicator_specs(ctx: Context) -> list[tuple[str, str, int, dict[str, object]]]:
    """(name, measure, target, filters) of every indicator, partnership's first."""
    people = ctx.scale.young_people
    year_themes = [pk for pk, year, _ in ctx.themes if year == ctx.current_year_start]
    specs: list[tuple[str, str, int, dict[str, object]]] = [
        ("Young people actively participating", "active_young_people", people * 3 // 10, {}),
        (
            "Of them, through Buddy Groups",
            "active_through_group_kind",
            people // 10,
            {"group_kind": Group.Kind.BUDDY_GROUP},
        ),
        (
            "Sessions young people initiated",
            "sessions",
            ctx.scale.sessions // 20,
            {"degree": Degree.CYP_INITIATED_SHARED},
        ),
        ("Groups running", "groups", len(ctx.groups) * 9 // 10, {}),
        ("Views responded to", "views_responded", 80, {}),
        ("Views fed back", "views_fed_back", 70, {}),
        # Seed 002's.
        ("Recruitment and procurement with young people involved", "decisions_involved", 70, {}),
        ("Positive evaluations", "positive_evaluations", 85, {}),
        (
            "Primary Parliament school attendances",
            "school_attendances",
            100,
            {"group_kind": Group.Kind.PRIMARY_PARLIAMENT},
        ),
        (
            "Primary Parliament schools (each once)",
            "schools_unique",
            40,
            {"group_kind": Group.Kind.PRIMARY_PARLIAMENT},
        ),
        ("Trained young people", "trained_young_people", max(5, people // 200), {}),
    ]
    for theme in year_themes:
        title = ctx.theme_titles.get(theme, "a theme")
        target = max(1, len(ctx.groups) // max(1, len(year_themes)) // 2)
        specs.append((f"Groups working on {title}", "groups", target, {"theme_id": theme}))
    biggest = sorted(range(len(ctx.organisations)), key=lambda i: -ctx.organisation_weights[i])[
        : math.ceil(len(ctx.organisations) / OWN_INDICATORS_EVERY)
    ]
    for index in sorted(biggest):
        organisation = ctx.organisations[index]
        share = len(ctx.young_people_by_organisation.get(organisation) or [])
        filters: dict[str, object] = {"organisation_id": organisation}
        specs.append(
            (
                f"Active young people, organisation {index + 1}",
                "active_young_people",
                max(5, share // 3),
                filters,
            )
        )
        specs.append(
            (
                f"Sessions, organisation {index + 1}",
                "sessions",
                max(10, ctx.scale.sessions // len(ctx.organisations) // 4),
                filters,
            )
        )
    return [spec for spec in specs if measure_for(spec[1]) is not None]


def indicators(ctx: Context) -> None:
    sink = ctx.writer.table(Indicator, INDICATOR_COLUMNS)
    at = _at(ctx.first_day, 9)
    for name, measure, target, filters in _indicator_specs(ctx):
        pk = ctx.ids(Indicator, 1).start
        sink.add(
            (
                pk,
                at,
                at,
                name,
                measure,
                Indicator.Period.YEAR,
                target,
                10,
                filters.get("theme_id"),
                filters.get("group_kind", ""),
                filters.get("organisation_id"),
                filters.get("lead_id"),
                "",
                "",
                filters.get("degree", ""),
                "",
                "",
            )
        )


STEPS = (
    Step(
        "involvement and evaluations",
        involvement_and_evaluations,
        (InvolvementActivity, InvolvementActivity.young_people.through, Evaluation),
    ),
    Step("indicators", indicators, (Indicator,)),
)
