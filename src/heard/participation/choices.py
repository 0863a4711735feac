"""The participation app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Degree(models.TextChoices):
    """The five degrees of the Wheel of Participation (after Treseder), seed 002."""

    CONSULTED_INFORMED = "consulted_informed", _("Consulted and informed")
    ASSIGNED_INFORMED = "assigned_informed", _("Assigned but informed")
    ADULT_INITIATED_SHARED = "adult_initiated_shared", _("Adult-initiated, shared decisions")
    CYP_INITIATED_SHARED = (
        "cyp_initiated_shared",
        _("Young people initiated, shared decisions with adults"),
    )
    CYP_INITIATED_DIRECTED = "cyp_initiated_directed", _("Young people initiated and directed")


class ParticipationType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual (own care or service plan)")
    SOCIAL = "social", _("Social (community, school, youth work)")
    PUBLIC = "public", _("Public (forums, councils, surveys, boards)")


class SessionKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    GROUP_SESSION = "group_session", _("Group session")
    EVENT = "event", _("Event")
    CONSULTATION = "consultation", _("Consultation")
    ONE_TO_ONE_REVIEW = "one_to_one_review", _("One-to-one review")
    PANEL = "panel", _("Panel")
    MEETING = "meeting", _("Meeting")


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    APOLOGIES = "apologies", _("Sent apologies")
    ABSENT = "absent", _("Did not attend")
