"""The demo's budgets and votes (issue 19, M17), entered through the services as the system.

Seed 000: at 11 MILLION's annual event children and young people decide 50% of the project
budget, and they choose the Spotlight areas from a shortlist. The demo has four rounds:

- last summer's annual event budget (GBP 20,000, half decided by young people): five ideas,
  ballots from the portal and on paper, closed, decided and told to every voter and proposer;
- next year's Spotlight areas: a theme vote with nine options, open, with ballots (deciding it
  would add six themes, which the demo's other figures do not expect: the tests decide one);
- a summer activities fund with points to spread, closed and waiting for its decision;
- a youth club budget taking ideas from young people before voting opens.

The young person the portal's browser tests sign in as (the one who took part most) votes in
none of them, so every portal page of theirs is reachable.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from django.db.models import Count
from django.utils import timezone

from heard.decisions import services as decision_services
from heard.decisions.models import Ballot, BudgetRound, Proposal
from heard.demo import data
from heard.demo.loader.base import Base
from heard.people.models import YoungPerson
from heard.voice.models import Feedback

OWNER = "11million"


@dataclass(frozen=True)
class Idea:
    title: str
    description: str
    cost: int | None = None


ANNUAL_EVENT_IDEAS = (
    Idea("Skate park lights", "Lights so the skate park is safe to use after school.", 3500),
    Idea("Mental health drop-in", "A weekly drop-in with a youth counsellor.", 4000),
    Idea("Youth club trips", "Day trips for young people who cannot usually go.", 2000),
    Idea("Young carers' breaks", "Short breaks for young carers and their families.", 4500),
    Idea("Bus passes for training", "Free bus passes to get to training and college.", 6000),
)
#: How many ballots each idea gets, in order: the first three are funded (GBP 9,500 of 10,000).
ANNUAL_EVENT_VOTES = (6, 5, 4, 2, 3)
SPOTLIGHT_OPTIONS = (
    "Youth justice and anti-social behaviour",
    "Asylum and trafficking",
    "A fair life",
    "Mental health",
    "Enjoying education and leisure",
    "Staying safe",
    "Bullying and friendships",
    "Getting around: transport",
    "The environment and climate",
)
SPOTLIGHT_VOTES = (3, 1, 2, 4, 2, 3, 2, 1, 1)
SUMMER_IDEAS = (
    Idea("Beach clean and barbecue", "A day cleaning the beach, then a barbecue.", 600),
    Idea("Music workshop", "A week of music making with a local band.", 1500),
    Idea("Sports camp", "Five days of sports for all abilities.", 1800),
)


class Decisions(Base):
    """Budget rounds, theme votes, their ballots, and a decision told to everyone."""

    def _decisions(self) -> None:
        # Those who took part least vote first: never the one who took part most.
        quiet = self._crawled_young_person()
        voters: list[YoungPerson] = list(
            YoungPerson.objects.filter(is_active=True)
            .exclude(pk=quiet.pk)
            .annotate(times=Count("attendances"))
            .order_by("times", "pk")
        )  # type: ignore[arg-type]
        self._annual_event(voters[:20])
        self._spotlight_vote(voters[20:39])
        self._summer_fund(voters[39:45])
        self._youth_club_budget()

    def _crawled_young_person(self) -> YoungPerson:
        """The young person who took part most (whom the browser tests sign in as)."""
        rows = YoungPerson.objects.annotate(times=Count("attendances")).order_by("-times", "pk")
        return cast(YoungPerson, rows.first())

    def _round(self, title: str, *, opens: int, closes: int, **values: object) -> BudgetRound:
        """A round open now (so ballots can be cast), dated as the demo says once they are."""
        round_ = decision_services.round_create(
            actor=None,
            title=title,
            organisation=self.organisations[OWNER],
            opens=self.ago(opens),
            closes=max(self.ago(closes), timezone.localdate()),
            **values,  # type: ignore[arg-type]
        )
        self.counts["budget rounds"] += 1
        return round_

    def _ideas(
        self, round_: BudgetRound, ideas: tuple[Idea, ...], proposer: YoungPerson | None
    ) -> list[Proposal]:
        made = []
        for number, idea in enumerate(ideas):
            made.append(
                decision_services.proposal_add(
                    actor=None,
                    round=round_,
                    title=idea.title,
                    description=idea.description,
                    cost=idea.cost,
                    proposed_by_young_person=proposer if number == 0 else None,
                )
            )
        return made

    def _votes(
        self,
        round_: BudgetRound,
        proposals: list[Proposal],
        votes: tuple[int, ...],
        voters: list[YoungPerson],
        closes: int | None = None,
    ) -> None:
        """Each proposal gets its number of ballots; every third on paper, the rest in the
        portal. For a round that closed ``closes`` days ago, the cast times fall in its voting
        days (the demo's history)."""
        people = iter(voters)
        turn = 0
        for proposal, count in zip(proposals, votes, strict=True):
            for _ in range(count):
                person = next(people, None)
                if person is None:
                    return
                choices = {proposal: 1}
                if round_.method == BudgetRound.Method.POINTS:
                    choices = {proposal: round_.points_per_voter or 1}
                if turn % 3 == 2:
                    decision_services.ballot_enter(
                        actor=None, round=round_, young_person=person, choices=choices
                    )
                else:
                    decision_services.ballot_cast(
                        young_person=person, round=round_, choices=choices
                    )
                turn += 1
                self.counts["ballots"] += 1
        if closes is None:
            return
        for number, pk in enumerate(
            Ballot.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True)
        ):
            day = self.ago(closes + 1 + number % 5)
            cast_at = datetime.datetime.combine(day, datetime.time(15, number % 60))
            Ballot.objects.filter(pk=pk).update(cast_at=timezone.make_aware(cast_at))

    def _close(self, round_: BudgetRound, closes: int) -> BudgetRound:
        return decision_services.round_update(actor=None, round=round_, closes=self.ago(closes))

    def _annual_event(self, voters: list[YoungPerson]) -> None:
        round_ = self._round(
            "Annual event budget",
            description="At the summer annual event young people decide half of the "
            "project budget for the year ahead.",
            theme=self.themes[data.EDU],
            pot="20000",
            young_people_share=50,
            proposals_open=self.ago(75),
            opens=40,
            closes=30,
        )
        proposals = self._ideas(round_, ANNUAL_EVENT_IDEAS, voters[0])
        self._votes(round_, proposals, ANNUAL_EVENT_VOTES, voters, closes=30)
        round_ = self._close(round_, 30)
        decision_services.round_decide(
            actor=None,
            round=round_,
            chosen=proposals[:3],
            decision_maker="Young people at the annual event",
            explanation="The three ideas with most votes fit within the young people's half "
            "of the budget (GBP 9,500 of 10,000) and are funded this year.",
            plain_language="You voted for skate park lights, a mental health drop-in and "
            "youth club trips. We are paying for all three this year.",
            date=self.ago(28),
        )
        round_.refresh_from_db()
        decision_services.round_tell(
            actor=None, round=round_, date=self.ago(21), channel=Feedback.Channel.PORTAL
        )
        self.counts["views"] += 1  # the view that stands for the round's votes and ideas

    def _spotlight_vote(self, voters: list[YoungPerson]) -> None:
        round_ = self._round(
            "Next year's Spotlight areas",
            description="Choose six Spotlight areas for next year from the nine on the shortlist.",
            kind=BudgetRound.Kind.THEME_VOTE,
            winners=6,
            theme_period=_next_period(self.today),
            young_people_propose=False,
            opens=5,
            closes=-14,
        )
        shortlist = tuple(
            Idea(title, f"Work on “{title}” next year.") for title in SPOTLIGHT_OPTIONS
        )
        options = self._ideas(round_, shortlist, None)
        self._votes(round_, options, SPOTLIGHT_VOTES, voters)

    def _summer_fund(self, voters: list[YoungPerson]) -> None:
        round_ = self._round(
            "Summer activities fund",
            description="Spread ten points between the summer activities you want most.",
            pot="4000",
            young_people_share=100,
            method=BudgetRound.Method.POINTS,
            points_per_voter=10,
            opens=20,
            closes=6,
        )
        proposals = self._ideas(round_, SUMMER_IDEAS, None)
        self._votes(round_, proposals, (2, 2, 2), voters, closes=6)
        self._close(round_, 6)

    def _youth_club_budget(self) -> None:
        round_ = self._round(
            "Youth club budget",
            description="Tell us your ideas for the youth club; voting opens next month.",
            pot="3000",
            proposals_open=self.ago(3),
            opens=-20,
            closes=-34,
        )
        self._ideas(round_, (Idea("New pool table", "A pool table for the club room.", 800),), None)


def _next_period(today: datetime.date) -> str:
    """The partnership year after the current one (1 April to 31 March), like 2027-28."""
    start = today.year + 1 if today.month >= 4 else today.year
    return f"{start}-{str(start + 1)[-2:]}"
