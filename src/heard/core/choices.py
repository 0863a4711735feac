"""The core app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Sign-in failed")
    REFUSED = "refused", _("Sign-in refused while locked")
    ACCOUNT_LOCKED = "account_locked", _("Account locked")
    ADDRESS_LOCKED = "address_locked", _("Address locked")
    SIGNED_OUT = "signed_out", _("Signed out")
    SESSION_EXPIRED = "session_expired", _("Session ended by time limit")
    TWO_FACTOR_VERIFIED = "two_factor_verified", _("Two-factor code accepted")
    TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
    TWO_FACTOR_SET_UP = "two_factor_set_up", _("Two-factor sign-in set up")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor sign-in reset")
    BACKUP_CODE_USED = "backup_code_used", _("Backup code used")
    BACKUP_CODES_GENERATED = "backup_codes_generated", _("Backup codes made")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset asked for")
    PASSWORD_RESET = "password_reset", _("Password reset")
    TOKEN_CREATED = "token_created", _("API token created")
    SSO_REFUSED = "sso_refused", _("Single sign-on refused")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PARTICIPATION_LEAD = "participation_lead", _("Participation lead")
    PARTICIPATION_OFFICER = "participation_officer", _("Participation officer")
    THEME_LEAD = "theme_lead", _("Theme lead")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    SAFEGUARDING_LEAD = "safeguarding_lead", _("Safeguarding lead")
    BOARD_MEMBER = "board_member", _("Board member")


class AgeBand(models.TextChoices):
    UNDER_8 = "under_8", _("Under 8")
    AGE_8_10 = "8_10", _("8 to 10")
    AGE_11_13 = "11_13", _("11 to 13")
    AGE_14_15 = "14_15", _("14 to 15")
    AGE_16_17 = "16_17", _("16 to 17")
    AGE_18_25 = "18_25", _("18 to 25")


class HearByRightStandard(models.TextChoices):
    """The seven Hear by Right standards (seed 001)."""

    SHARED_VALUES = "shared_values", _("Shared values")
    STRATEGY = "strategy", _("Strategy")
    STRUCTURES = "structures", _("Structures")
    SYSTEMS = "systems", _("Systems")
    STAFF = "staff", _("Staff")
    SKILLS_AND_KNOWLEDGE = "skills_knowledge", _("Skills and knowledge")
    STYLE_OF_LEADERSHIP = "style_of_leadership", _("Style of leadership")


class Action(models.TextChoices):
    """Categories of event (``AuditEntry.action``): what kind of thing happened, for filtering."""

    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    READ = "read", _("Read")
    IMPORT = "import", _("Imported")
    SIGN_IN = "sign_in", _("Signed in")
