"""The groups app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    BUDDY_GROUP = "buddy_group", _("Buddy Group")
    ADVISORY_GROUP = "advisory_group", _("Advisory group")
    YOUTH_COUNCIL = "youth_council", _("Youth Council")
    YOUTH_CABINET = "youth_cabinet", _("Youth Cabinet")
    PRIMARY_PARLIAMENT = "primary_parliament", _("Primary Parliament")
    CHILDREN_IN_CARE_COUNCIL = "children_in_care_council", _("Children in Care Council")
    SEND_GROUP = "send_group", _("SEND group")
    YOUNG_CARERS_FORUM = "young_carers_forum", _("Young carers forum")
    YOUTH_ASSEMBLY = "youth_assembly", _("Youth Assembly")
    AUDIT_TEAM = "audit_team", _("Audit team")
    YOUNG_COMMISSIONERS = "young_commissioners", _("Young Commissioners")


class GroupStage(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    FIRST_VISIT = "first_visit", _("First visit")
    PLANNING = "planning", _("Planning")
    ESTABLISHED = "established", _("Established")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class GroupCadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly visits")
    TWICE_TERMLY = "twice_termly", _("Twice-termly meetings")
    TERMLY = "termly", _("Termly meetings")
    NONE = "none", _("No set cadence")


class GroupThemeRelationship(models.TextChoices):
    AFFECTED_BY = "affected_by", _("Affected by")
    WORKING_ON = "working_on", _("Working on")


class ThemeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ThemeReviewDecision(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    CHANGE = "change", _("Change")
    CLOSE = "close", _("Close")
