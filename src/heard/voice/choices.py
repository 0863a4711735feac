"""The voice app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

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
