"""The privacy app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentGivenBy(models.TextChoices):
    YOUNG_PERSON = "young_person", _("The young person")
    PARENT_OR_CARER = "parent_or_carer", _("A parent or carer")


class ConsentHow(models.TextChoices):
    WRITTEN = "written", _("Written form")
    VERBAL = "verbal", _("Verbal")
    ONLINE = "online", _("Online")


class AnonymisationReason(models.TextChoices):
    RETENTION = "retention", _("Retention period ended")
    ERASURE = "erasure", _("Erasure on request")


class Characteristic(models.TextChoices):
    """What reach is broken down by."""

    AGE_BAND = "age_band", _("Age band")
    GENDER = "gender", _("Gender")
    ETHNICITY = "ethnicity", _("Ethnicity")
    DISABILITY = "disability", _("Disability")
    SEND = "send", _("SEND")
    CARE_STATUS = "care_status", _("In care or care leaver")
    YOUNG_CARER = "young_carer", _("Young carer")
    RELIGION = "religion", _("Religion")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    AREA = "area", _("Area")


class LeastHeardGroup(models.TextChoices):
    UNDER_11 = "under_11", _("Under 11")
    IN_CARE = "in_care", _("In care")
    SEND = "send", _("SEND")
    NAMED = "named", _("A group the partnership names")


#: The equality characteristics (M15) below (``heard.privacy.characteristics``) end with it.
PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Gender(models.TextChoices):
    GIRL_OR_WOMAN = "girl_woman", _("Girl or woman")
    BOY_OR_MAN = "boy_man", _("Boy or man")
    NON_BINARY = "non_binary", _("Non-binary")
    ANOTHER_WAY = "another_way", _("In another way")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    """The 19 detailed ethnic groups of the 2021 census (England and Wales), in its 5 groups."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian: Pakistani")
    ASIAN_OTHER = "asian_other", _("Asian: Any other Asian background")
    BLACK_AFRICAN = "black_african", _("Black: African")
    BLACK_CARIBBEAN = "black_caribbean", _("Black: Caribbean")
    BLACK_OTHER = "black_other", _("Black: Any other Black, Black British or Caribbean background")
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", _("Mixed: White and Black African")
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed: White and Black Caribbean"),
    )
    MIXED_OTHER = "mixed_other", _("Mixed: Any other Mixed or Multiple ethnic background")
    WHITE_BRITISH = (
        "white_british",
        _("White: English, Welsh, Scottish, Northern Irish or British"),
    )
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: Any other White background")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER_ANY = "other_any", _("Other ethnic group: Any other ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class CareStatus(models.TextChoices):
    NOT_IN_CARE = "not_in_care", _("Not in care")
    IN_CARE = "in_care", _("In care (looked after)")
    CARE_LEAVER = "care_leaver", _("Care leaver")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    """The 2021 census religion categories."""

    NONE = "none", _("No religion")
    CHRISTIAN = "christian", _("Christian")
    BUDDHIST = "buddhist", _("Buddhist")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Any other religion")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", _("Straight or heterosexual")
    GAY_OR_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Another sexual orientation")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY
