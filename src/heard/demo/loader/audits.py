"""The demo's audits, kite marks, provision reviews and young people's training (issue 18):
11 MILLION's Buddy Groups hold a kite mark due for renewal within 90 days; Harbour was audited
and has not yet earned one; South Norfolk's Young Commissioners reviewed Harbour (the demo
partner worker's organisation: one recommendation answered and acted on, one answered and not
acted on, one still awaiting an answer) and Riverside, whose revisit is still to come; and the
courses that trained the young auditors and commissioners, one of them no longer current. Every
record is made through the audits services, as the system."""

from __future__ import annotations

from heard.audits import services as audit_services
from heard.core.standards import Standard
from heard.demo import data
from heard.demo.loader.base import Base

S = Standard

LEVELS: dict[str, tuple[str, str]] = {
    S.SHARED_VALUES: ("advanced", "Young people wrote the charter on the office wall."),
    S.STRATEGY: ("established", "The strategy names participation and was reviewed with CYP."),
    S.STRUCTURES: ("established", "Buddy Groups meet monthly with a named lead."),
    S.SYSTEMS: ("advanced", "Every session and view is logged and fed back."),
    S.STAFF: ("emerging", "Trustees have not yet met the young people."),
    S.SKILLS_AND_KNOWLEDGE: ("established", "Staff trained in the Wheel of Participation."),
    S.STYLE_OF_LEADERSHIP: ("established", "The director attends the annual event."),
}

HARBOUR_RECOMMENDATIONS = (
    "Put up signs in the languages young people speak.",
    "Give young people a say in how the drop-in room is set out.",
    "Tell young people what happened after they complain.",
)


class Audits(Base):
    """Audits and kite marks, provision reviews and young people's training."""

    def _audits(self) -> None:
        auditors = [m.young_person for m in self.members["nottingham_youth_council"][:4]]
        commissioners = [m.young_person for m in self.members["norfolk_young_commissioners"][:6]]
        self._courses(auditors, commissioners)
        self._audit_records(auditors)
        self._reviews(commissioners)

    def _courses(self, auditors: list, commissioners: list) -> None:
        inspectors = commissioners[4:]
        courses = (
            # title, kind, days ago, months valid, attendees
            ("Young auditors: Hear by Right in practice", "young_auditor", 700, 24, auditors[:3]),
            ("Young Commissioners' induction", "young_commissioner", 300, 24, commissioners[:5]),
            ("Inspecting services with young people", "young_inspector", 900, 12, inspectors),
        )
        for title, kind, days_ago, months, attendees in courses:
            audit_services.course_record(
                actor=None,
                title=title,
                kind=kind,
                date=self.ago(days_ago),
                valid_for_months=months,
                attendees=attendees,
            )
        self.counts["courses"] += len(courses)

    def _audit_records(self, auditors: list) -> None:
        audit_services.audit_record(
            actor=None,
            organisation=self.organisations["11million"],
            service="Buddy Groups",
            date=self.ago(650),
            auditors=[self.staff[data.LEAD_EMAIL], self.staff[data.OFFICER_EMAIL]],
            young_auditors=auditors,
            levels=LEVELS,
            decision="awarded",
            expires_on=self.ago(650 - 730),
            notes="Two young auditors led the interviews with staff.",
        )
        audit_services.audit_record(
            actor=None,
            organisation=self.organisations["harbour"],
            date=self.ago(40),
            auditors=[self.staff[data.OFFICER_EMAIL]],
            young_auditors=auditors[:2],
            levels={standard: LEVELS[standard] for standard in list(LEVELS)[:4]},
            decision="not_yet",
            needed="A participation strategy agreed with the young people who use the service, "
            "and trustees who meet them at least once a year.",
        )
        self.counts["audits"] += 2

    def _reviews(self, commissioners: list) -> None:
        harbour = audit_services.review_record(
            actor=None,
            provider=self.organisations["harbour"],
            service="Drop-in",
            visit_date=self.ago(150),
            reviewers=commissioners[:4],
            findings="Staff are friendly and young people feel safe, but the signs are only in "
            "English and nobody hears back about complaints.",
            revisit_date=self.ago(20),
            recommendations=HARBOUR_RECOMMENDATIONS,
        )
        acted, not_acted, awaiting = harbour.recommendations.order_by("id")
        audit_services.recommendation_respond(
            actor=None, recommendation=acted, response="Signs now in six languages."
        )
        audit_services.recommendation_respond(
            actor=None,
            recommendation=not_acted,
            response="We will ask the young people at the next drop-in.",
        )
        audit_services.recommendation_check(
            actor=None, recommendation=acted, outcome="acted_on", outcome_note="Seen on the day."
        )
        audit_services.recommendation_check(
            actor=None,
            recommendation=not_acted,
            outcome="not_acted_on",
            outcome_note="The room is as it was; nobody was asked.",
        )
        del awaiting  # still waiting for Harbour's answer
        audit_services.review_record(
            actor=None,
            provider=self.organisations["riverside_yos"],
            visit_date=self.ago(30),
            reviewers=commissioners[2:],
            findings="Appointments clash with school; the waiting area feels like a police "
            "station.",
            revisit_date=self.ago(-150),
            recommendations=(
                "Offer appointments after school.",
                "Let young people redecorate the waiting area.",
            ),
        )
        self.counts["provision reviews"] += 2
