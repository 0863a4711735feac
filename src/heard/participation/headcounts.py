"""Young people not on the register who took part in a session: a headcount by age band (and
school or organisation where known), never invented records (issue 18).

A headcount counts towards "took part" figures and the indicators, never towards anyone's
journey: the yearly participation summaries read attendances only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.roles import AgeBand
from heard.core.validators import validate_single_line

#: What a headcount's number must be, as the form, the service and the API say it.
WHOLE_NUMBER = gettext_noop("Enter the number of young people as a whole number, like 12.")
NOT_NEGATIVE = gettext_noop("The number of young people cannot be less than 0.")
ONE_PLACE = gettext_noop(
    "Choose an organisation on the register or type the school or organisation's name, not both."
)


class Headcount(models.Model):
    session = models.ForeignKey(
        "participation.Session", on_delete=models.CASCADE, related_name="headcounts"
    )
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    count = models.PositiveIntegerField(
        "number of young people",
        error_messages={"invalid": WHOLE_NUMBER},
        help_text="Young people in this age band who are not on the register.",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Their school or organisation, when it is on the register.",
    )
    school = models.CharField(
        "school or organisation name",
        max_length=200,
        blank=True,
        help_text="Their school or organisation, when it is not on the register.",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=0), name="headcount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) | models.Q(school=""),
                name="headcount_one_place",
            ),
        ]

    def __str__(self) -> str:
        band = self.get_age_band_display().lower()
        return f"{self.count} aged {band} ({self.place or 'school or organisation not known'})"

    @property
    def place(self) -> str:
        """The school or organisation, as a reader sees it (blank when not known)."""
        return self.organisation.name if self.organisation is not None else self.school

    def clean(self) -> None:
        validate_single_line(self, ("school",))
        if isinstance(self.count, int) and self.count < 0:
            raise ValidationError({"count": _(NOT_NEGATIVE)})
        if self.organisation_id and self.school:
            raise ValidationError({"school": _(ONE_PLACE)})
