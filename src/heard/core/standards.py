"""The seven Hear by Right standards that action plans and audits are organised by (M10, M11).

Seed 001 (section 3.1) names them; its action plan's sections use older names for two of them
("Members and Officers / Trustees / Governing Bodies" for staff, "Leadership" for style of
leadership): an importer maps such names to a standard only where a person confirms it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Standard(models.TextChoices):
    """A Hear by Right standard, in the framework's order (1 to 7)."""

    SHARED_VALUES = "shared_values", _("Shared values")
    STRATEGY = "strategy", _("Strategy")
    STRUCTURES = "structures", _("Structures")
    SYSTEMS = "systems", _("Systems")
    STAFF = "staff", _("Staff, elected members and trustees")
    SKILLS_AND_KNOWLEDGE = "skills_and_knowledge", _("Skills and knowledge")
    STYLE_OF_LEADERSHIP = "style_of_leadership", _("Style of leadership")

    @classmethod
    def number(cls, value: str) -> int:
        """The standard's number in the framework (1 for shared values ... 7)."""
        return list(cls.values).index(value) + 1
