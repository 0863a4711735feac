"""The people app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COMMISSIONER = "commissioner", _("Children's Commissioner's office")
    LOCAL_AUTHORITY = "local_authority", _("Local authority service")
    VOLUNTARY = "voluntary", _("Voluntary or community organisation")
    SCHOOL = "school", _("School or college")
    HEALTH = "health", _("Health service")
    YOUTH_SERVICE = "youth_service", _("Youth service")
    OTHER = "other", _("Other")


class YoungPersonContactPreference(models.TextChoices):
    VIA_WORKER = "via_worker", _("Through their worker")
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone")


class ConsentPurpose(models.TextChoices):
    """What a consent is to: the values and labels of ``privacy.Consent.Purpose``."""

    TAKING_PART = "taking_part", _("Taking part")
    PHOTOGRAPHS = "photographs", _("Photographs")
    QUOTES = "quotes", _("Quotes")
    PUBLISHING = "publishing", _("Publishing")
    SHARING = "sharing", _("Sharing with partners")
    EQUALITY_DATA = "equality_data", _("Equality monitoring data")
    CONTACT = "contact", _("Being contacted by message")
