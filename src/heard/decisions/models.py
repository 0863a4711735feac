"""Young people decide: budget rounds, proposals, ballots and theme votes (issue 19, M17).

A budget round is a participatory budget (seed 000: at the annual event young people decide 50%
of the project budget): a pot, the share young people decide, proposals with costs, and a vote.
A theme vote is the same mechanism without costs: young people choose next year's Spotlight
areas from a shortlist, and the winners become themes.

Voting is secret: a :class:`Ballot` records who voted, when and how (portal or paper, and the
worker who entered a paper one), one per young person per round; the choices go on a separate
:class:`BallotPaper` with random ids, no timestamps and no link to the voter, so neither the
database nor the audit log can say who voted for what.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, organisation_link, young_person_link
from heard.core.models import TimeStampedModel, one_per, staff_link
from heard.core.roles import AgeBand
from heard.core.validators import validate_single_line
from heard.decisions.choices import (
    BallotOrigin,
    BudgetRoundKind,
    BudgetRoundMethod,
    BudgetRoundStage,
    ProposalStatus,
)

#: Receipt codes: easy to read aloud (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 10


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


class BudgetRound(TimeStampedModel):
    """A participatory budget or a theme vote: who may propose and vote, when, and how."""

    Kind = BudgetRoundKind
    Method = BudgetRoundMethod
    Stage = BudgetRoundStage

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.BUDGET)
    organisation = organisation_link(
        "budget_rounds",
        optional=True,
        help_text=_("The organisation that runs it; empty for the whole partnership."),
    )
    theme = link("groups.Theme", "budget_rounds", on_delete=models.SET_NULL, optional=True)
    pot = models.DecimalField(
        _("pot (pounds)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    young_people_share = models.PositiveSmallIntegerField(
        _("share young people decide (percent)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    method = models.CharField(
        _("voting method"), max_length=16, choices=Method.choices, default=Method.ONE_VOTE
    )
    points_per_voter = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    #: How many options win a theme vote (seed 000: 6 of the 9 on the shortlist).
    winners = models.PositiveSmallIntegerField(
        _("themes chosen"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    theme_period = models.CharField(
        _("period of the themes chosen"),
        max_length=7,
        blank=True,
        help_text=_("For a theme vote: the year span the winning themes are for, like 2027-28."),
    )
    young_people_propose = models.BooleanField(_("young people may propose"), default=True)
    proposals_open = models.DateField(_("proposals open"), null=True, blank=True)
    opens = models.DateField(_("voting opens"))
    closes = models.DateField(_("voting closes"))
    eligible_groups = models.ManyToManyField("groups.Group", blank=True, related_name="+")
    eligible_age_bands = models.JSONField(default=list, blank=True)
    eligible_areas = models.JSONField(default=list, blank=True)
    eligible_organisations = models.ManyToManyField(
        "people.Organisation", blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = staff_link()
    #: The loop: the view standing for the round's votes and proposals, and the response to it.
    view = link("voice.View", "+", on_delete=models.PROTECT, optional=True)
    response = link("voice.Response", "+", on_delete=models.PROTECT, optional=True)
    created_by = staff_link()

    class Meta:
        ordering = ["-closes", "-id"]
        indexes = [models.Index(fields=["closes", "opens"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gte=models.F("opens")),
                name="budget_round_closes_after_opening",
                violation_error_message=_("Voting must close on or after the day it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_single_line(self, ("title", "theme_period"))

    @property
    def is_theme_vote(self) -> bool:
        return self.kind == self.Kind.THEME_VOTE

    @property
    def young_people_pot(self) -> Decimal:
        """What young people decide: the pot times their share."""
        return (self.pot * self.young_people_share / 100).quantize(Decimal("0.01"))

    def stage_on(self, day: datetime.date) -> str:
        """The stage, from the dates and the decision (declared once, here)."""
        if self.decided_on is not None:
            return self.Stage.DECIDED
        if day > self.closes:
            return self.Stage.CLOSED
        if day >= self.opens:
            return self.Stage.VOTING
        if self.proposals_open is not None and day >= self.proposals_open:
            return self.Stage.PROPOSALS
        return self.Stage.DRAFT

    @property
    def stage(self) -> str:
        return self.stage_on(timezone.localdate())

    def get_stage_display(self) -> str:
        return str(self.Stage(self.stage).label)

    @property
    def is_open(self) -> bool:
        return self.stage == self.Stage.VOTING

    @property
    def takes_proposals(self) -> bool:
        return self.stage in (self.Stage.PROPOSALS, self.Stage.VOTING) and not self.ballots_exist

    @property
    def ballots_exist(self) -> bool:
        cached = getattr(self, "ballot_count", None)
        if cached is not None:
            return bool(cached)
        return self.ballots.exists()

    @property
    def has_results(self) -> bool:
        return self.stage in (self.Stage.CLOSED, self.Stage.DECIDED)

    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels.get(value, value)) for value in self.eligible_age_bands or []]


class Proposal(TimeStampedModel):
    """An idea to fund (with its cost), or an option of a theme vote (no cost)."""

    Status = ProposalStatus

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=200)
    description = models.TextField(
        _("what it is, in plain words"), help_text=_("Words a child can read.")
    )
    cost = models.DecimalField(
        _("cost (pounds)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SHORTLISTED)
    proposed_by_young_person = young_person_link(
        "budget_proposals", on_delete=models.SET_NULL, optional=True
    )
    proposed_by_group = link("groups.Group", "+", on_delete=models.SET_NULL, optional=True)
    proposed_by_staff = staff_link()
    #: The decision: funded (a budget round) or among the winners (a theme vote).
    chosen = models.BooleanField(default=False)
    #: The theme a winning option of a theme vote became.
    theme = link("groups.Theme", "+", on_delete=models.SET_NULL, optional=True)

    class Meta:
        ordering = ["round", "title", "id"]
        constraints = [
            one_per(
                "round",
                "title",
                name="one_proposal_title_per_round",
                message=_("This round already has a proposal with this title."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_single_line(self, ("title",))

    @property
    def proposer(self) -> str:
        if self.proposed_by_young_person_id:
            return gettext("A young person")
        if self.proposed_by_group_id:
            return self.proposed_by_group.name  # type: ignore[union-attr]
        return gettext("Staff")

    @property
    def on_ballot(self) -> bool:
        return self.status == self.Status.SHORTLISTED


class Ballot(TimeStampedModel):
    """That a young person voted in a round: when, and whether in the portal or on paper (and
    who entered the paper). Never what they chose: that is on a :class:`BallotPaper`."""

    Origin = BallotOrigin

    round = models.ForeignKey(BudgetRound, on_delete=models.PROTECT, related_name="ballots")
    young_person = young_person_link("ballots", on_delete=models.PROTECT)
    cast_at = models.DateTimeField(default=timezone.now)
    origin = models.CharField(max_length=8, choices=Origin.choices)
    entered_by = staff_link()

    class Meta:
        ordering = ["-cast_at", "-id"]
        constraints = [
            one_per(
                "round",
                "young_person",
                name="one_ballot_per_young_person_and_round",
                message=_("This young person has already voted in this round."),
            )
        ]

    def __str__(self) -> str:
        return f"Ballot in {self.round}"


class BallotPaper(models.Model):
    """The choices of one ballot, not linked to the voter: a random id, no timestamps, and a
    random receipt code shown once to the voter so they can check it was counted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(BudgetRound, on_delete=models.PROTECT, related_name="papers")
    origin = models.CharField(max_length=8, choices=Ballot.Origin.choices)
    receipt = models.CharField(max_length=16, unique=True, default=new_receipt)

    class Meta:
        ordering = ["receipt"]

    def __str__(self) -> str:
        return f"Ballot paper {self.receipt}"


class BallotChoice(models.Model):
    """One choice on a paper: a proposal and its points (1 for one vote each)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    paper = models.ForeignKey(BallotPaper, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="choices")
    points = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["proposal"]
        constraints = [one_per("paper", "proposal", name="one_choice_per_proposal")]

    def __str__(self) -> str:
        return f"{self.points} for {self.proposal}"
