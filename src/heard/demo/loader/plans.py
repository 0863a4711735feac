"""The demo partnership's action plan: 11 MILLION's plan for this partnership year, outcomes
under each of the seven standards (after seed 001's CYPS plan), actions led by demo staff with
timescales as teams write them, a few reviewed, and one past due, so every plans page is crawled
and the officer's and the lead's home pages list it. Harbour's plan is started from its blank
template (the outcomes only), as a partner's is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heard.core.standards import Standard
from heard.demo import data
from heard.demo.loader.base import Base
from heard.plans import services as plan_services
from heard.plans.models import Outcome, Progress

S = Standard
LEAD, OFFICER, THEME = data.LEAD_EMAIL, data.OFFICER_EMAIL, data.THEME_LEAD_EMAIL
INITIALS = {LEAD: "HC", OFFICER: "JH", THEME: "PR"}


@dataclass(frozen=True)
class ActionSpec:
    text: str
    leads: tuple[str, ...]
    timescale: str
    #: Days from today to the due date (negative: already past), or None.
    due_in: int | None = None
    progress: str = Progress.NOT_STARTED
    risks: str = ""


@dataclass(frozen=True)
class OutcomeSpec:
    standard: str
    number: str
    text: str
    actions: tuple[ActionSpec, ...]


A = ActionSpec
OUTCOMES: tuple[OutcomeSpec, ...] = (
    OutcomeSpec(
        S.SHARED_VALUES,
        "1.1",
        "Recruiting managers have the skills to involve young people in recruitment",
        (
            A(
                "Build capacity in area teams to involve young people on recruitment panels:\n"
                "- Support locality teams\n- Run a pilot",
                (OFFICER,),
                "Complete by the summer",
                due_in=-30,
                progress=Progress.ON_TRACK,
            ),
            A("Guidelines completed and available", (LEAD,), "As required", due_in=90),
        ),
    ),
    OutcomeSpec(
        S.STRATEGY,
        "2.1",
        "Service plans fully reflect the views of young people",
        (
            A(
                "Engage young people in the review and priority setting of the plan",
                (LEAD,),
                "April – March",
                progress=Progress.ON_TRACK,
            ),
        ),
    ),
    OutcomeSpec(
        S.STRUCTURES,
        "3.1",
        "There are clear pathways for young people to reach senior managers",
        (
            A("Three Youth Assemblies a year", (OFFICER,), "May, Sept, Jan", due_in=120),
            A(
                "Maintain full Youth Parliament representation across the area",
                (OFFICER, THEME),
                "Monthly meetings",
                risks="Depends on schools releasing members",
            ),
        ),
    ),
    OutcomeSpec(
        S.SYSTEMS,
        "4.1",
        "Young people contribute to quality assurance",
        (
            A(
                "Young auditors take part in the annual audit of progress",
                (THEME,),
                "July",
                due_in=200,
                progress=Progress.AT_RISK,
                risks="Funding for training young auditors",
            ),
        ),
    ),
    OutcomeSpec(
        S.STAFF,
        "5.1",
        "Each service has elected members and senior officers as participation champions",
        (A("Member and senior officer training", (LEAD,), "Quarterly"),),
    ),
    OutcomeSpec(
        S.SKILLS_AND_KNOWLEDGE,
        "6.1",
        "The workforce has the skills to involve young people in decisions",
        (
            A(
                "Deliver the training programme:\n- Young people audit training\n"
                "- Peer mentoring training",
                (OFFICER,),
                "Rolling programme",
                progress=Progress.DONE,
            ),
        ),
    ),
    OutcomeSpec(
        S.STYLE_OF_LEADERSHIP,
        "7.1",
        "Robust accountability for the strategy, reported to the board",
        (A("Report progress to the partnership board", (LEAD,), "Every quarter"),),
    ),
)


def partnership_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


class Plans(Base):
    """11 MILLION's action plan for this year, and Harbour's from its blank template."""

    def _plans(self) -> None:
        starts = partnership_year_start(self.today)
        ends = datetime.date(starts.year + 1, 3, 31)
        period = f"{starts.year}-{(starts.year + 1) % 100:02d}"
        plan = plan_services.plan_create(
            actor=None,
            organisation=self.organisations["11million"],
            period=period,
            starts_on=starts,
            ends_on=ends,
            title="Active involvement action plan",
        )
        self.counts["action_plans"] += 1
        for spec in OUTCOMES:
            outcome = plan_services.outcome_add(
                actor=None, plan=plan, standard=spec.standard, number=spec.number, text=spec.text
            )
            for action_spec in spec.actions:
                self._plan_action(outcome, action_spec)
        plan_services.plan_copy(
            actor=None,
            plan=plan,
            organisation=self.organisations["harbour"],
            period=period,
            starts_on=starts,
            ends_on=ends,
            title="Harbour action plan",
            with_actions=False,
        )
        self.counts["action_plans"] += 1

    def _plan_action(self, outcome: Outcome, spec: ActionSpec) -> None:
        action = plan_services.action_add(
            actor=None,
            outcome=outcome,
            text=spec.text,
            lead_staff=[self.staff[email] for email in spec.leads],
            lead_text="/".join(INITIALS[email] for email in spec.leads),
            timescale=spec.timescale,
            due_on=None if spec.due_in is None else self.today + datetime.timedelta(spec.due_in),
            risks=spec.risks,
        )
        self.counts["plan_actions"] += 1
        if spec.progress != Progress.NOT_STARTED:
            plan_services.action_review_add(
                actor=None,
                action=action,
                date=self.ago(14),
                progress=spec.progress,
                comment="Reviewed at the six-month review.",
            )
