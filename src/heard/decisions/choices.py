"""The decisions app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetRoundKind(models.TextChoices):
    BUDGET = "budget", _("Budget round")
    THEME_VOTE = "theme_vote", _("Theme vote")


class BudgetRoundMethod(models.TextChoices):
    ONE_VOTE = "one_vote", _("One vote each")
    POINTS = "points", _("Points to spread")


class BudgetRoundStage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSALS = "proposals", _("Open for proposals")
    VOTING = "voting", _("Open for voting")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SHORTLISTED = "shortlisted", _("On the shortlist")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BallotOrigin(models.TextChoices):
    PORTAL = "portal", _("Portal")
    PAPER = "paper", _("Paper (entered by staff)")
