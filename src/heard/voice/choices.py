"""The voice app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ViewKind(models.TextChoices):
    VIEW = "view", _("View")
    EXPERIENCE = "experience", _("Experience")
    IDEA = "idea", _("Idea")
    WISH_AND_FEELING = "wish_feeling", _("Wish and feeling")
    RECOMMENDATION = "recommendation", _("Recommendation")
    COMPLAINT = "complaint", _("Complaint")


class ViewConsent(models.TextChoices):
    INTERNAL = "internal", _("Internal use only")
    QUOTE_ANONYMOUSLY = "quote_anonymously", _("May be quoted anonymously")
    QUOTE_FIRST_NAME = "quote_first_name", _("May be quoted with first name")
    PUBLISH = "publish", _("May be published")


class ViewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESPONDED = "responded", _("Responded")
    FED_BACK = "fed_back", _("Fed back")
    RATED = "rated", _("Rated")


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("Image")
    AUDIO = "audio", _("Audio")
    DOCUMENT = "document", _("Document")


class ResponseOutcome(models.TextChoices):
    CHANGED = "changed", _("Changed")
    PARTLY_CHANGED = "partly_changed", _("Partly changed")
    NOT_POSSIBLE = "not_possible", _("Not possible")
    STILL_CONSIDERING = "still_considering", _("Still being considered")


class FeedbackChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    PORTAL = "portal", _("Portal")
    VIA_PARTNER = "via_partner", _("Via the partner organisation")


class RatingValue(models.TextChoices):
    HELPFUL = "helpful", _("Helpful")
    NOT_SURE = "not_sure", _("Not sure")
    NOT_HELPFUL = "not_helpful", _("Not helpful")
