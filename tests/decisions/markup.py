"""Budget rounds, proposals and a decision whose every stored string is a payload, for the
stored-markup crawl (tests/core/test_form_markup.py), and the ids each page needs. The portal's
pages are opened as the world's young person (``PORTAL_PAGES``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from heard.decisions import services
from heard.decisions.models import BudgetRound
from heard.people.models import YoungPerson

#: The portal's "Votes and budgets" pages, opened as the signed-in young person.
PORTAL_PAGES = (
    "decisions:portal-rounds",
    "decisions:portal-round",
    "decisions:portal-vote",
    "decisions:portal-propose",
)


def decision_pages(
    organisation: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    today = timezone.localdate()
    week = datetime.timedelta(days=7)

    def open_round(name: str) -> BudgetRound:
        return services.round_create(
            actor=None,
            title=payload(name),
            description=payload("Description"),
            organisation=organisation,
            pot="20000",
            opens=today - week,
            closes=today + week,
            eligible_areas=[young_person.area] if young_person.area else [],
        )

    def idea(round_: BudgetRound, name: str) -> Any:
        return services.proposal_add(
            actor=None,
            round=round_,
            title=payload(name),
            description=payload("Plain words"),
            cost="1000",
            proposed_by_young_person=young_person,
        )

    def voted(round_: BudgetRound, proposal: Any) -> None:
        voter = YoungPerson.objects.create(
            first_name=payload("Voter"),
            age_band="14_15",
            organisation=organisation,
            area=young_person.area,
        )
        services.ballot_enter(actor=None, round=round_, young_person=voter, choices={proposal: 1})

    taking = open_round("Open round")
    proposal = idea(taking, "Proposal")
    closed = open_round("Closed round")
    voted(closed, idea(closed, "Closed proposal"))
    decided = open_round("Decided round")
    funded = idea(decided, "Funded proposal")
    voted(decided, funded)
    BudgetRound.objects.filter(pk__in=[closed.pk, decided.pk]).update(
        opens=today - 3 * week, closes=today - week
    )
    decided.refresh_from_db()
    services.round_decide(
        actor=None,
        round=decided,
        chosen=[funded],
        decision_maker=payload("Decision maker"),
        explanation=payload("Explanation"),
        plain_language=payload("Plain language"),
        date=today,
    )
    doomed = open_round("Round to delete")
    return {
        "decisions:round-detail": {"pk": decided.pk},
        "decisions:round-edit": {"pk": taking.pk},
        "decisions:round-delete": {"pk": doomed.pk},
        "decisions:round-ballot": {"pk": taking.pk},
        "decisions:round-voters": {"pk": decided.pk},
        "decisions:round-verify": {"pk": decided.pk},
        "decisions:round-decide": {"pk": closed.pk},
        "decisions:round-tell": {"pk": decided.pk},
        "decisions:proposal-create": {"pk": taking.pk},
        "decisions:proposal-edit": {"pk": proposal.pk},
        "decisions:proposal-withdraw": {"pk": proposal.pk},
        "decisions:portal-round": {"pk": decided.pk},
        "decisions:portal-vote": {"pk": taking.pk},
        "decisions:portal-propose": {"pk": taking.pk},
    }
