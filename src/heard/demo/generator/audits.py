"""Audits and kite marks, provision reviews and young people's training (M11, M21), as
``audits.services`` would leave them: each year's courses train young auditors and
commissioners (aged 11 and over) early in the partnership year; organisations are audited about
every three years against all seven standards by officers and young auditors trained that year,
a kite mark awarded for three years or not yet with what is needed; young commissioners review
providers, whose own partner worker answers most recommendations, each checked at the revisit
once it has come."""

from __future__ import annotations

import datetime

from heard.audits.models import (
    Audit,
    AuditLevel,
    Course,
    CourseAttendance,
    Level,
    ProvisionReview,
    Recommendation,
)
from heard.audits.services.training import months_after
from heard.core.roles import Role
from heard.core.standards import Standard
from heard.core.years import year_bounds
from heard.demo.generator.context import Context, Step, Worker, _at
from heard.demo.generator.sinks import columns, stamped

COURSE_COLUMNS = stamped("title kind date valid_for_months valid_until notes")
AUDIT_COLUMNS = stamped("organisation_id service date decision expires_on needed notes")
LEVEL_COLUMNS = columns("id audit_id standard level evidence")
REVIEW_COLUMNS = stamped("provider_id service visit_date findings revisit_date notes")
RECOMMENDATION_COLUMNS = stamped(
    "review_id text response responded_at responded_by_id outcome outcome_note"
)
#: A year's share of organisations audited, and of audits that award a kite mark.
AUDITED_SHARE, AWARDED_SHARE = 0.3, 0.65
#: Courses of each kind a year for every 100 organisations (at least one), and their size.
COURSES_PER_100, COURSE_SIZE = 1, (8, 15)
#: The first day of a partnership year audits and reviews can happen (after the year's courses).
FIRST_VISIT_DAY = 45
SERVICES = ("Youth service", "Leaving care team", "Early help", "Libraries")
LEVELS = ((Level.EMERGING, 3), (Level.ESTABLISHED, 5), (Level.ADVANCED, 2))
EVIDENCE = ("Young people's charter on display.", "Minutes of the youth forum.", "")
FINDINGS = (
    "Young people felt welcome but did not know how to complain.",
    "The waiting area is not set out for teenagers.",
    "Staff listened well; information was hard to find online.",
)
RECOMMENDATIONS = (
    "Put up signs in the languages young people speak.",
    "Give young people a say in how the drop-in room is set out.",
    "Tell young people what happened after they complain.",
    "Publish opening times where young people look for them.",
    "Ask young people to help write the new leaflet.",
)
RESPONSES = ("We will do this by the end of the term.", "Agreed: the manager will lead it.")


class Audits(Worker):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        writer = ctx.writer
        self.courses = writer.table(Course, COURSE_COLUMNS)
        self.attendances = writer.table(CourseAttendance, columns("course_id young_person_id"))
        self.audits = writer.table(Audit, AUDIT_COLUMNS)
        self.auditors = writer.table(Audit.auditors.through, columns("audit_id user_id"))
        self.young_auditors = writer.table(
            Audit.young_auditors.through, columns("audit_id youngperson_id")
        )
        self.levels = writer.table(AuditLevel, LEVEL_COLUMNS)
        self.reviews = writer.table(ProvisionReview, REVIEW_COLUMNS)
        self.reviewers = writer.table(
            ProvisionReview.reviewers.through, columns("provisionreview_id youngperson_id")
        )
        self.recommendations = writer.table(Recommendation, RECOMMENDATION_COLUMNS)
        self.officers = ctx.staff[Role.PARTICIPATION_OFFICER]
        self.workers = ctx.staff[Role.PARTNER_WORKER]
        self.index = {pk: i for i, pk in enumerate(ctx.organisations)}
        self.courses_a_year = max(1, COURSES_PER_100 * len(ctx.organisations) // 100)
        self.trainable = self._trainable()

    def _trainable(self) -> list[int]:
        """Active young people aged 11 and over (age bands from 11-13 on), not erased."""
        ctx = self.ctx
        return [
            pk
            for i, pk in enumerate(ctx.young_people)
            if ctx.young_person_band[i] >= 2 and pk not in ctx.inactive
        ]

    def run(self) -> None:
        for offset in range(self.ctx.scale.years - 1, -1, -1):
            start, end = year_bounds(self.ctx.current_year_start - offset)
            first = start + datetime.timedelta(days=FIRST_VISIT_DAY)
            last = min(end, self.ctx.today)
            if first > last or start > self.ctx.today:
                continue
            auditors = self.course(Course.Kind.YOUNG_AUDITOR, start)
            commissioners = self.course(Course.Kind.YOUNG_COMMISSIONER, start)
            self.course(Course.Kind.YOUNG_INSPECTOR, start)
            span = (last - first).days
            for organisation in self.ctx.organisations:
                if self.rng.random() < AUDITED_SHARE:
                    day = first + datetime.timedelta(days=self.rng.randint(0, span))
                    self.audit(organisation, day, auditors)
            for _ in range(max(1, len(self.ctx.organisations) // 5)):
                day = first + datetime.timedelta(days=self.rng.randint(0, span))
                self.review(self.rng.choice(self.ctx.organisations), day, commissioners)

    def course(self, kind: str, start: datetime.date) -> list[int]:
        """The year's courses of ``kind`` (in its first month); who attended them."""
        trained: list[int] = []
        label = dict(Course.Kind.choices)[kind]
        for _ in range(self.courses_a_year):
            pk = self.ctx.ids(Course, 1).start
            day = start + datetime.timedelta(days=self.rng.randint(0, 30))
            at = _at(day, 10)
            until = months_after(day, 24)
            title = f"{label}: induction"
            self.courses.add((pk, at, at, title, kind, day, 24, until, ""))
            people = self.rng.sample(
                self.trainable, min(len(self.trainable), self.rng.randint(*COURSE_SIZE))
            )
            for person in people:
                self.attendances.add((pk, person))
            trained.extend(people)
        return sorted(set(trained))

    def audit(self, organisation: int, day: datetime.date, trained: list[int]) -> None:
        rng = self.rng
        pk = self.ctx.ids(Audit, 1).start
        at = _at(day, 16)
        service = rng.choice(SERVICES) if rng.random() < 0.2 else ""
        if rng.random() < AWARDED_SHARE:
            decision, expires, needed = Audit.Decision.AWARDED, months_after(day, 36), ""
        else:
            decision, expires = Audit.Decision.NOT_YET, None
            needed = "Involve young people in recruitment and feed back what changed."
        self.audits.add((pk, at, at, organisation, service, day, decision, expires, needed, ""))
        for officer in rng.sample(self.officers, min(len(self.officers), rng.randint(1, 2))):
            self.auditors.add((pk, officer))
        for person in rng.sample(trained, min(len(trained), rng.randint(2, 4))):
            self.young_auditors.add((pk, person))
        for standard in Standard.values:
            level = rng.choices([v for v, _ in LEVELS], [w for _, w in LEVELS])[0]
            level_pk = self.ctx.ids(AuditLevel, 1).start
            self.levels.add((level_pk, pk, standard, level, rng.choice(EVIDENCE)))

    def review(self, provider: int, day: datetime.date, trained: list[int]) -> None:
        rng, today = self.rng, self.ctx.today
        pk = self.ctx.ids(ProvisionReview, 1).start
        at = _at(day, 15)
        revisit = (
            day + datetime.timedelta(days=rng.randint(120, 200)) if rng.random() < 0.85 else None
        )
        findings = rng.choice(FINDINGS)
        self.reviews.add((pk, at, at, provider, "", day, findings, revisit, ""))
        for person in rng.sample(trained, min(len(trained), rng.randint(3, 6))):
            self.reviewers.add((pk, person))
        worker = self.workers[self.index[provider]]
        for text in rng.sample(RECOMMENDATIONS, rng.randint(2, 5)):
            answered = day + datetime.timedelta(days=rng.randint(14, 60))
            response, responded_at, responded_by = "", None, None
            if answered <= today and rng.random() < 0.75:
                response, responded_at, responded_by = (
                    rng.choice(RESPONSES),
                    _at(answered, 12),
                    worker,
                )
            outcome = ""
            if revisit is not None and revisit <= today:
                acted = Recommendation.Outcome.ACTED_ON
                outcome = acted if rng.random() < 0.7 else Recommendation.Outcome.NOT_ACTED_ON
            rec = self.ctx.ids(Recommendation, 1).start
            self.recommendations.add(
                (rec, at, at, pk, text, response, responded_at, responded_by, outcome, "")
            )


def audits(ctx: Context) -> None:
    Audits(ctx).run()


STEPS = (
    Step(
        "audits, reviews and training",
        audits,
        (
            Course,
            CourseAttendance,
            Audit,
            Audit.auditors.through,
            Audit.young_auditors.through,
            AuditLevel,
            ProvisionReview,
            ProvisionReview.reviewers.through,
            Recommendation,
        ),
    ),
)
