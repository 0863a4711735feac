"""Reads of budget rounds, proposals and ballots, scoped to what the user may see; who is
eligible; and the results, only once a round has closed, with the disclosure policy applied."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from heard.core import disclosure
from heard.core.selectors import one_or_404 as _get
from heard.core.suppression import Display
from heard.decisions.models import Ballot, BallotChoice, BallotPaper, BudgetRound, Proposal
from heard.decisions.panels import Panel, PanelMember, panels  # noqa: F401 - read from here
from heard.decisions.policies import BALLOTS, BUDGET_ROUNDS, PROPOSALS
from heard.groups.models import Membership
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

#: The record-key kinds (``core.disclosure``) of the round's figures: ballots, the papers behind
#: each proposal's votes and points, and the young people who may vote (the same kind as every
#: other count of young people, so the same young people show the same figure everywhere).
BALLOT_KEYS = "ballot"
PAPER_KEYS = "ballot_paper"
YOUNG_PERSON_KEYS = "young_person"


# Rounds and proposals -----------------------------------------------------------------------------


def rounds_visible_to(user: Any) -> QuerySet[BudgetRound]:
    """Rounds the user may read, with their organisation, theme and how many ballots and
    proposals (counts of ballots, never choices), and ``ballot_keys``: the sum of the ballots'
    record keys, for :func:`shown_ballot_count`. One query."""
    keys = (
        Ballot.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(total=disclosure.key_sum(BALLOT_KEYS))
        .values("total")
    )
    return (
        BUDGET_ROUNDS.scope(user, "view")
        .select_related("organisation", "theme")
        .annotate(
            ballot_count=Count("ballots", distinct=True),
            proposal_count=Count(
                "proposals",
                filter=~Q(proposals__status=Proposal.Status.WITHDRAWN),
                distinct=True,
            ),
            ballot_keys=Coalesce(Subquery(keys[:1]), 0, output_field=IntegerField()),
        )
        .order_by("-closes", "-id")
    )


def shown_ballot_count(user: Any, round_: BudgetRound) -> Display:
    """How many ballots were cast, as ``user`` may see it: exact for a reader who may open every
    record behind it, else protected, the same figure as the results' ballots. For a round from
    :func:`rounds_visible_to` (no query), else two queries. A protected reader must not be shown
    ``ballot_count`` itself: it is the exact count."""
    count = getattr(round_, "ballot_count", None)
    keys = getattr(round_, "ballot_keys", None)
    if count is None or keys is None:
        count, keys = _ballot_cell(round_)
    return disclosure.shown(
        disclosure.Cell(count, keys),
        exact=disclosure.is_exact(user, organisation_id=round_.organisation_id),
    )


def _ballot_cell(round_: BudgetRound) -> tuple[int, int]:
    found = Ballot.objects.filter(round=round_).aggregate(
        n=Count("pk"), keys=disclosure.key_sum(BALLOT_KEYS)
    )
    return found["n"], found["keys"] or 0


def round_get(user: Any, pk: Any) -> BudgetRound:
    return _get(rounds_visible_to(user), pk, "round")  # type: ignore[no-any-return]


def proposals_visible_to(user: Any) -> QuerySet[Proposal]:
    return (
        PROPOSALS.scope(user, "view")
        .select_related("round", "proposed_by_group", "proposed_by_young_person", "theme")
        .order_by("round_id", "title", "id")
    )


def proposal_get(user: Any, pk: Any) -> Proposal:
    return _get(proposals_visible_to(user), pk, "proposal")  # type: ignore[no-any-return]


def round_proposals(round_: BudgetRound) -> list[Proposal]:
    """Every proposal of the round (withdrawn last), with its proposer. One query."""
    rows = Proposal.objects.filter(round=round_).select_related(
        "proposed_by_group", "proposed_by_young_person", "theme"
    )
    return sorted(rows, key=lambda row: (row.status == Proposal.Status.WITHDRAWN, row.title))


def ballot_options(round_: BudgetRound) -> QuerySet[Proposal]:
    """What a ballot offers: the shortlisted proposals, by title."""
    return Proposal.objects.filter(round=round_, status=Proposal.Status.SHORTLISTED).order_by(
        "title", "id"
    )


# Eligibility -------------------------------------------------------------------------------------


def eligible_young_people(round_: BudgetRound) -> QuerySet[YoungPerson]:
    """Who may propose and vote: active young people on the register, in one of the round's
    groups (now), age bands, areas and organisations (each that it names; none: everyone)."""
    rows = YoungPerson.objects.filter(is_active=True)
    group_ids = [group.pk for group in round_.eligible_groups.all()]
    if group_ids:
        members = Membership.objects.current().filter(group_id__in=group_ids)
        rows = rows.filter(pk__in=members.values("young_person_id"))
    if round_.eligible_age_bands:
        rows = rows.filter(age_band__in=round_.eligible_age_bands)
    if round_.eligible_areas:
        areas = Q()
        for area in round_.eligible_areas:
            areas |= Q(area__iexact=area)
        rows = rows.filter(areas)
    organisation_ids = [organisation.pk for organisation in round_.eligible_organisations.all()]
    if organisation_ids:
        rows = rows.filter(organisation_id__in=organisation_ids)
    return rows


def is_eligible(round_: BudgetRound, young_person: YoungPerson) -> bool:
    return eligible_young_people(round_).filter(pk=young_person.pk).exists()


def _matches(round_: BudgetRound, young_person: YoungPerson, group_ids: set[int]) -> bool:
    """:func:`is_eligible` in Python, for a round whose groups and organisations are fetched."""
    if not young_person.is_active:
        return False
    groups = {group.pk for group in round_.eligible_groups.all()}
    organisations = {organisation.pk for organisation in round_.eligible_organisations.all()}
    areas = {area.lower() for area in round_.eligible_areas or []}
    return (
        (not groups or bool(groups & group_ids))
        and (not round_.eligible_age_bands or young_person.age_band in round_.eligible_age_bands)
        and (not areas or young_person.area.lower() in areas)
        and (not organisations or young_person.organisation_id in organisations)
    )


def eligible_summary(round_: BudgetRound) -> list[tuple[str, str]]:
    """Who may take part, in words, criterion by criterion."""
    everyone = "Any"
    return [
        ("Groups", ", ".join(g.name for g in round_.eligible_groups.all()) or everyone),
        ("Age bands", ", ".join(round_.age_band_labels()) or everyone),
        ("Areas", ", ".join(round_.eligible_areas or []) or everyone),
        (
            "Organisations",
            ", ".join(o.name for o in round_.eligible_organisations.all()) or everyone,
        ),
    ]


# Ballots -----------------------------------------------------------------------------------------


def ballots_visible_to(user: Any) -> QuerySet[Ballot]:
    """Who voted in which round, when and how: never what they chose."""
    return (
        BALLOTS.scope(user, "view")
        .select_related("round", "young_person", "entered_by")
        .order_by("-cast_at", "-id")
    )


def round_ballots(user: Any, round_: BudgetRound) -> QuerySet[Ballot]:
    return ballots_visible_to(user).filter(round=round_)


def voters_to_enter(user: Any, round_: BudgetRound) -> QuerySet[YoungPerson]:
    """Young people the user may see who may vote in the round and have not: whose paper
    ballot a worker may enter."""
    voted = Ballot.objects.filter(round=round_).values("young_person_id")
    return (
        people_selectors.young_people_visible_to(user)
        .filter(pk__in=eligible_young_people(round_).values("pk"))
        .exclude(pk__in=voted)
        .order_by("reference")
    )


def ballot_of(round_: BudgetRound, young_person: YoungPerson) -> Ballot | None:
    return Ballot.objects.filter(round=round_, young_person=young_person).first()


# Results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    proposal: Proposal
    #: Ballots that chose it (points rounds: that gave it points), as the reader may see it.
    voters: Display
    #: Points given (one vote each: the same as ``voters``).
    points: Display
    exact_points: int


@dataclass(frozen=True)
class Results:
    round: BudgetRound
    rows: list[ResultRow]
    ballots: Display
    eligible: Display
    #: Turnout in percent, for a reader who sees the exact figures (else None).
    turnout: float | None
    exact: bool


def results(user: Any, round_: BudgetRound) -> Results | None:
    """The count, only once voting has closed (None before: no running tally), for every role.
    Exact for readers who may open every record behind it; protected for the others (board
    members: counts under 5 never shown). Six queries (a partner worker: four more)."""
    if not round_.has_results or not BUDGET_ROUNDS.allows(user, "view", round_):
        return None
    organisation_id = round_.organisation_id
    if organisation_id is not None and not disclosure.reads_every_record(user):
        # A partner worker opens their organisation's young people only (ADR 0008): exact
        # results when everyone who could vote, and everyone who did, is of it. Two queries.
        beyond = ~Q(organisation_id=organisation_id)
        voted = Ballot.objects.filter(round=round_).values("young_person_id")
        if eligible_young_people(round_).filter(beyond).exists() or (
            YoungPerson.objects.filter(beyond, pk__in=voted).exists()
        ):
            organisation_id = None
    return _results(round_, exact=disclosure.is_exact(user, organisation_id=organisation_id))


def portal_results(round_: BudgetRound) -> Results | None:
    """The results as young people see them in the portal, once voting has closed: protected
    (counts under 5 never shown), like any figure beyond those who may open the records."""
    return _results(round_, exact=False) if round_.has_results else None


def _proposal_cells(round_: BudgetRound) -> dict[int, tuple[disclosure.Cell, disclosure.Cell]]:
    """Per proposal: the papers that chose it and the points they gave, as cells keyed by those
    papers (the cell key method: the same papers give the same figure, so in a one-vote round
    a proposal's votes and points, the same count, are the same figure)."""
    cells: dict[int, tuple[disclosure.Cell, disclosure.Cell]] = {}
    rows = BallotChoice.objects.filter(paper__round=round_).values_list(
        "proposal_id", "paper_id", "points"
    )
    for proposal_id, paper_id, points in rows.order_by():
        key = disclosure.record_key(PAPER_KEYS, int(paper_id))
        voters, given = cells.get(proposal_id, (disclosure.Cell(0), disclosure.Cell(0)))
        cells[proposal_id] = (
            voters + disclosure.Cell(1, key),
            given + disclosure.Cell(points, key),
        )
    return cells


def _order(row: ResultRow, exact: bool) -> tuple[bool, float, str]:
    if exact:
        return (False, -row.exact_points, row.proposal.title)
    rank = row.points if isinstance(row.points, int) else 2.5  # "fewer than 5": 0 to 5
    return (not row.proposal.chosen, -rank, row.proposal.title)


def _results(round_: BudgetRound, *, exact: bool) -> Results:
    cells = _proposal_cells(round_)
    empty = (disclosure.Cell(0), disclosure.Cell(0))
    rows = []
    for proposal in round_proposals(round_):
        if proposal.status != Proposal.Status.SHORTLISTED:
            continue
        voters, points = cells.get(proposal.pk, empty)
        rows.append(
            ResultRow(
                proposal=proposal,
                voters=disclosure.shown(voters, exact=exact),
                points=disclosure.shown(points, exact=exact),
                exact_points=points.count,
            )
        )
    # Protected: the chosen first, then by the figures shown, as the true order would tell what the
    # figures hide (four "fewer than 5" in strict order against their titles are 4, 3, 2 and 1).
    rows.sort(key=lambda row: _order(row, exact))
    ballots = disclosure.Cell(*_ballot_cell(round_))
    found = eligible_young_people(round_).aggregate(
        n=Count("pk"), keys=disclosure.key_sum(YOUNG_PERSON_KEYS)
    )
    eligible = disclosure.Cell(found["n"], found["keys"] or 0)
    turnout = round(100 * ballots.count / eligible.count, 1) if exact and eligible.count else None
    return Results(
        round=round_,
        rows=rows,
        ballots=disclosure.shown(ballots, exact=exact),
        eligible=disclosure.shown(eligible, exact=exact),
        turnout=turnout,
        exact=exact,
    )


def leading(round_: BudgetRound, how_many: int) -> list[Proposal]:
    """The ``how_many`` shortlisted proposals with most points (ties by title): what a theme
    vote's decision starts from. Only once the round has closed."""
    if not round_.has_results:
        return []
    rows = (
        ballot_options(round_)
        .annotate(total=Sum("choices__points"))
        .order_by("-total", "title", "id")
    )
    return [row for row in rows if row.total][:how_many]  # type: ignore[attr-defined,return-value]


@dataclass(frozen=True)
class Verification:
    """The count checked without revealing who voted for what: as many papers as ballots, per
    origin, and the receipt codes voters can look for."""

    ballots: dict[str, int]
    papers: dict[str, int]
    receipts: list[str]

    @property
    def matches(self) -> bool:
        return self.ballots == self.papers

    @property
    def rows(self) -> list[tuple[str, int, int]]:
        return [
            (str(label), self.ballots.get(value, 0), self.papers.get(value, 0))
            for value, label in Ballot.Origin.choices
        ]


def verification(round_: BudgetRound) -> Verification:
    """The count check; its receipt codes only once voting has closed (ADR 0011). 3 queries."""

    def per_origin(rows: QuerySet[Any]) -> dict[str, int]:
        counted = rows.values("origin").annotate(n=Count("pk")).order_by()
        return {row["origin"]: row["n"] for row in counted}

    return Verification(
        ballots=per_origin(Ballot.objects.filter(round=round_)),
        papers=per_origin(BallotPaper.objects.filter(round=round_)),
        receipts=[]
        if round_.is_open
        else list(
            BallotPaper.objects.filter(round=round_)
            .order_by("receipt")
            .values_list("receipt", flat=True)
        ),
    )


# The portal --------------------------------------------------------------------------------------


def portal_rounds(young_person: YoungPerson) -> list[BudgetRound]:
    """The rounds the young person may take part in that have opened (for proposals or
    voting), newest first, each with ``my_ballot`` (True when they have voted). Three queries."""
    today = timezone.localdate()
    group_ids = set(
        Membership.objects.current()
        .filter(young_person=young_person)
        .values_list("group_id", flat=True)
    )
    voted = Ballot.objects.filter(young_person=young_person, round=OuterRef("pk"))
    rows = (
        BudgetRound.objects.filter(
            Q(opens__lte=today) | Q(proposals_open__lte=today) | Q(decided_on__isnull=False)
        )
        .annotate(my_ballot=Exists(voted), ballot_count=Count("ballots"))
        .prefetch_related("eligible_groups", "eligible_organisations")
        .order_by("-closes", "-id")
    )
    return [row for row in rows if _matches(row, young_person, group_ids)]


def portal_round_get(young_person: YoungPerson, pk: Any) -> BudgetRound:
    """A round the young person may take part in and can see; 404 for any other."""
    for row in portal_rounds(young_person):
        if str(row.pk) == str(pk):
            return row
    raise Http404("No such round.")
