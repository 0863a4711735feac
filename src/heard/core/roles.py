"""Staff roles (DOMAIN.md, "Who uses it") and the age bands every record uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PARTICIPATION_LEAD = "participation_lead", _("Participation lead")
    PARTICIPATION_OFFICER = "participation_officer", _("Participation officer")
    THEME_LEAD = "theme_lead", _("Theme lead")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    SAFEGUARDING_LEAD = "safeguarding_lead", _("Safeguarding lead")
    BOARD_MEMBER = "board_member", _("Board member")


#: Roles that run the programme and may see and change every record.
PROGRAMME_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER}
)


class AgeBand(models.TextChoices):
    UNDER_8 = "under_8", _("Under 8")
    AGE_8_10 = "8_10", _("8 to 10")
    AGE_11_13 = "11_13", _("11 to 13")
    AGE_14_15 = "14_15", _("14 to 15")
    AGE_16_17 = "16_17", _("16 to 17")
    AGE_18_25 = "18_25", _("18 to 25")


def age_band_for_age(age: int) -> str | None:
    """The band for an age in whole years, or None when outside 0-25."""
    if age < 0 or age > 25:
        return None
    if age < 8:
        return AgeBand.UNDER_8
    if age <= 10:
        return AgeBand.AGE_8_10
    if age <= 13:
        return AgeBand.AGE_11_13
    if age <= 15:
        return AgeBand.AGE_14_15
    if age <= 17:
        return AgeBand.AGE_16_17
    return AgeBand.AGE_18_25


class HearByRightStandard(models.TextChoices):
    """The seven Hear by Right standards (seed 001)."""

    SHARED_VALUES = "shared_values", _("Shared values")
    STRATEGY = "strategy", _("Strategy")
    STRUCTURES = "structures", _("Structures")
    SYSTEMS = "systems", _("Systems")
    STAFF = "staff", _("Staff")
    SKILLS_AND_KNOWLEDGE = "skills_knowledge", _("Skills and knowledge")
    STYLE_OF_LEADERSHIP = "style_of_leadership", _("Style of leadership")
