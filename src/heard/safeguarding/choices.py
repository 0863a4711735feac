"""The safeguarding app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcernSource(models.TextChoices):
    STAFF = "staff", _("Raised by staff")
    PORTAL = "portal", _("A young person asked for help in the portal (safe word)")


class ConcernContact(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Talk face to face")
    PHONE = "phone", _("A phone call")
    TEXT = "text", _("A text message")
    WORKER = "worker", _("Through my worker")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class ConcernDecision(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    ADVICE_GIVEN = "advice_given", _("Advice given")
    LOCAL_AUTHORITY_REFERRAL = "local_authority_referral", _("Referral to the local authority")
    POLICE = "police", _("Referral to the police")


class BackgroundCheckKind(models.TextChoices):
    ENHANCED_DBS = "enhanced_dbs", _("Enhanced DBS")
    ENHANCED_DBS_BARRED = "enhanced_dbs_barred", _("Enhanced DBS with children's barred list")
