"""The budgets and votes records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

import datetime
from typing import Any

from heard.decisions.models import BudgetRound
from heard.decisions.services import ballot_cast, proposal_add, round_create
from heard.people.models import YoungPerson


def decision_requests(organisation: Any, today: str) -> tuple[dict, dict]:
    day = datetime.date.fromisoformat(today)
    week = datetime.timedelta(days=7)

    def open_round(title: str) -> BudgetRound:
        return round_create(
            actor=None,
            title=title,
            organisation=organisation,
            pot="20000",
            opens=day - week,
            closes=day + week,
        )

    def idea(round_: BudgetRound, title: str) -> Any:
        return proposal_add(
            actor=None, round=round_, title=title, description="In plain words.", cost="1000"
        )

    def voter() -> YoungPerson:
        return YoungPerson.objects.create(
            first_name="Voter", age_band="14_15", organisation=organisation
        )

    voting = open_round("Annual event budget")
    lights = idea(voting, "Skate park lights")
    cast = ballot_cast(young_person=voter(), round=voting, choices={lights: 1})
    proposing = open_round("Youth club budget")
    trips = idea(proposing, "Trips")
    closed = open_round("Last year's budget")
    kit = idea(closed, "Football kit")
    ballot_cast(young_person=voter(), round=closed, choices={kit: 1})
    BudgetRound.objects.filter(pk=closed.pk).update(opens=day - 3 * week, closes=day - week)
    rounds = "/api/v1/budget-rounds/"
    ids = {
        rounds: voting.pk,
        f"{rounds}{{id}}/results/": closed.pk,
        f"{rounds}{{id}}/verification/": closed.pk,
        f"{rounds}{{id}}/decide/": closed.pk,
        f"{rounds}{{id}}/tell/": closed.pk,
        "/api/v1/budget-proposals/": trips.pk,
        "/api/v1/ballots/": cast.ballot.pk,
    }
    bodies = {
        ("post", rounds): {
            "title": "Next year's budget",
            "pot": "10000",
            "opens": today,
            "closes": today,
        },
        ("patch", f"{rounds}{{id}}/"): {"description": "Half decided by young people."},
        ("post", f"{rounds}{{id}}/decide/"): {
            "chosen": [kit.pk],
            "decision_maker": "Young people at the annual event",
            "explanation": "Funded from the young people's half.",
            "plain_language": "You chose the football kit. We are buying it.",
            "date": today,
        },
        ("post", f"{rounds}{{id}}/tell/"): {"date": today, "channel": "portal"},
        ("post", "/api/v1/budget-proposals/"): {
            "round": proposing.pk,
            "title": "Cinema trip",
            "description": "A trip to the cinema.",
            "cost": "300",
        },
        ("patch", "/api/v1/budget-proposals/{id}/"): {"title": "Day trips"},
        ("post", "/api/v1/budget-proposals/{id}/withdraw/"): {},
        ("post", "/api/v1/ballots/"): {
            "round": voting.pk,
            "young_person": voter().pk,
            "choices": [{"proposal": lights.pk}],
        },
    }
    return ids, bodies
