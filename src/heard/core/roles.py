"""Staff roles (DOMAIN.md, "Who uses it") and the age bands every record uses."""

from heard.core.choices import AgeBand as AgeBand
from heard.core.choices import HearByRightStandard as HearByRightStandard
from heard.core.choices import Role as Role

#: Roles that run the programme and may see and change every record.
PROGRAMME_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER}
)


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
