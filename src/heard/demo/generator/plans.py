"""Action plans (M10) for a partnership year: most organisations keep one, outcomes under the
seven standards with supporting actions led by their own partner worker or a participation
officer, reviewed every six months as ``plans.services`` would record it (an action's progress is
its latest review's; an action never reviewed has not started)."""

from __future__ import annotations

import datetime

from heard.core.roles import Role
from heard.core.standards import Standard
from heard.core.years import year_bounds
from heard.demo.data import MID_YEAR, YEAR_END
from heard.demo.generator.context import Context, Step, Worker, _at
from heard.demo.generator.sinks import stamped
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome, Progress

PLAN_COLUMNS = stamped("organisation_id period starts_on ends_on title review_every_months")
OUTCOME_COLUMNS = stamped("plan_id standard number text order")
ACTION_COLUMNS = stamped(
    "outcome_id text lead_text timescale due_on resources risks progress order"
)
REVIEW_COLUMNS = stamped("action_id date progress comment reviewed_by_id")
#: The share of organisations that keep an action plan in a year.
PLAN_SHARE = 0.6
#: Outcomes by standard, as partners write them (after seed 001's plan).
OUTCOME_TEXTS: dict[str, tuple[str, ...]] = {
    Standard.SHARED_VALUES: (
        "Everyone understands why young people are involved",
        "Young people's involvement is written into our values",
    ),
    Standard.STRATEGY: (
        "Service plans fully reflect the views of young people",
        "Young people help set the year's priorities",
    ),
    Standard.STRUCTURES: (
        "There are clear pathways for young people to reach senior managers",
        "Young people sit on the groups that decide about services",
    ),
    Standard.SYSTEMS: (
        "Every view is logged, answered and fed back",
        "Young people are involved in recruitment and procurement",
    ),
    Standard.STAFF: (
        "Trustees meet the young people twice a year",
        "Elected members hear young people's views directly",
    ),
    Standard.SKILLS_AND_KNOWLEDGE: (
        "Staff are trained in the Wheel of Participation",
        "Young people are trained as auditors and commissioners",
    ),
    Standard.STYLE_OF_LEADERSHIP: (
        "Leaders champion young people's participation",
        "The director attends the annual event",
    ),
}
ACTION_TEXTS = (
    "Run a workshop with the youth forum",
    "Write the guidelines and share them with area teams",
    "Hold three Youth Assemblies a year",
    "Train recruiting managers to involve young people on panels",
    "Report young people's views to the board each quarter",
    "Set up a young auditors' team",
    "Review the complaints process with young people",
    "Publish what we did after each consultation",
)
TIMESCALES = ("As required", "April - March", "By the summer", "Termly", "May, Sept, Jan", "")
RESOURCES = ("Officer time", "Room hire and travel", "Training budget", "")
RISKS = ("Staff capacity", "Young people's availability in exam time", "Funding not confirmed", "")
COMMENTS = ("", "", "Going well.", "Delayed by staff changes.", "Waiting for the board.")


def _months_on(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


class Plans(Worker):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.plans = ctx.writer.table(ActionPlan, PLAN_COLUMNS)
        self.outcomes = ctx.writer.table(Outcome, OUTCOME_COLUMNS)
        self.actions = ctx.writer.table(Action, ACTION_COLUMNS)
        self.leads = ctx.writer.table(Action.lead_staff.through, ("action_id", "user_id"))
        self.reviews = ctx.writer.table(ActionReview, REVIEW_COLUMNS)
        self.officers = ctx.staff[Role.PARTICIPATION_OFFICER]
        self.workers = ctx.staff[Role.PARTNER_WORKER]

    def run(self) -> None:
        for offset in range(self.ctx.scale.years - 1, -1, -1):
            year = self.ctx.current_year_start - offset
            for index, organisation in enumerate(self.ctx.organisations):
                if self.rng.random() < PLAN_SHARE:
                    self.plan(year, index, organisation)

    def plan(self, year: int, index: int, organisation: int) -> None:
        start, end = year_bounds(year)
        pk = self.ctx.ids(ActionPlan, 1).start
        at = _at(min(start, self.ctx.today), 10)
        period = f"{year}-{(year + 1) % 100:02d}"
        title = f"Participation action plan {period}"
        self.plans.add((pk, at, at, organisation, period, start, end, title, 6))
        order = 0
        for number, standard in enumerate(Standard.values, start=1):
            texts = OUTCOME_TEXTS[standard]
            for count in range(1, self.rng.choice((1, 1, 2)) + 1):
                order += 1
                outcome = self.ctx.ids(Outcome, 1).start
                text = texts[(count - 1) % len(texts)]
                self.outcomes.add((outcome, at, at, pk, standard, f"{number}.{count}", text, order))
                for position in range(self.rng.randint(1, 3)):
                    self.action(outcome, position, start, end, at, self.workers[index])

    def action(
        self,
        outcome: int,
        order: int,
        start: datetime.date,
        end: datetime.date,
        at: datetime.datetime,
        worker: int,
    ) -> None:
        rng = self.rng
        pk = self.ctx.ids(Action, 1).start
        lead = worker if rng.random() < 0.7 else rng.choice(self.officers)
        due = start + datetime.timedelta(days=rng.randint(60, (end - start).days))
        due_on = due if rng.random() < 0.7 else None
        progress = Progress.NOT_STARTED
        for months, choices in ((6, MID_YEAR), (11, YEAR_END)):
            day = _months_on(start, months)
            if day > self.ctx.today:
                break
            progress = rng.choices([p for p, _ in choices], [w for _, w in choices])[0]
            review = self.ctx.ids(ActionReview, 1).start
            stamp = _at(day, 11)
            comment = rng.choice(COMMENTS)
            self.reviews.add((review, stamp, stamp, pk, day, progress, comment, lead))
        self.actions.add(
            (
                pk,
                at,
                at,
                outcome,
                rng.choice(ACTION_TEXTS),
                "",
                rng.choice(TIMESCALES),
                due_on,
                rng.choice(RESOURCES),
                rng.choice(RISKS),
                progress,
                order,
            )
        )
        self.leads.add((pk, lead))


def action_plans(ctx: Context) -> None:
    Plans(ctx).run()


STEPS = (
    Step(
        "action plans",
        action_plans,
        (ActionPlan, Outcome, Action, Action.lead_staff.through, ActionReview),
    ),
)
