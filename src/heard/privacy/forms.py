"""Forms for the privacy pages: they collect and type the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core import disclosure, years
from heard.core.filters import QuickSelectForm
from heard.core.forms import (
    TODAY,
    GovUKDateField,
    add_service_errors,  # noqa: F401 (used by the views)
    number_input,
)
from heard.people.models import Organisation
from heard.privacy.models import (
    CareStatus,
    Characteristic,
    Consent,
    Ethnicity,
    Gender,
    LeastHeardGroup,
    Religion,
    SexualOrientation,
    YesNo,
)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        choices=Consent.Purpose.choices, widget=forms.RadioSelect, label=_("What is it for?")
    )
    given_by = forms.ChoiceField(
        choices=Consent.GivenBy.choices, widget=forms.RadioSelect, label=_("Who gave it?")
    )
    given_on = GovUKDateField(
        label=_("When was it given?"), subject=_("The date it was given"), rule=TODAY
    )
    how = forms.ChoiceField(
        choices=Consent.How.choices, widget=forms.RadioSelect, label=_("How was it given?")
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = GovUKDateField(
        label=_("When was it withdrawn?"), subject=_("The date it was withdrawn"), rule=TODAY
    )
    withdrawn_by = forms.ChoiceField(
        choices=Consent.GivenBy.choices, widget=forms.RadioSelect, label=_("Who withdrew it?")
    )
    withdrawn_how = forms.ChoiceField(
        choices=Consent.How.choices, widget=forms.RadioSelect, label=_("How was it withdrawn?")
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


def _optional(choices: Any) -> list[tuple[str, str]]:
    return [("", _("Not answered")), *choices]


class EqualityForm(forms.Form):
    gender = forms.ChoiceField(choices=_optional(Gender.choices), required=False)
    gender_description = forms.CharField(
        max_length=100, required=False, label=_("If in another way, in their own words")
    )
    ethnicity = forms.ChoiceField(choices=_optional(Ethnicity.choices), required=False)
    disability = forms.ChoiceField(choices=_optional(YesNo.choices), required=False)
    send = forms.ChoiceField(
        choices=_optional(YesNo.choices),
        required=False,
        label=_("Special educational needs or disability (SEND)"),
    )
    care_status = forms.ChoiceField(
        choices=_optional(CareStatus.choices), required=False, label=_("In care or care leaver")
    )
    young_carer = forms.ChoiceField(choices=_optional(YesNo.choices), required=False)
    religion = forms.ChoiceField(choices=_optional(Religion.choices), required=False)
    sexual_orientation = forms.ChoiceField(
        choices=_optional(SexualOrientation.choices), required=False
    )
    area = forms.CharField(max_length=100, required=False)


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm the young person (or their parent or carer) asked for their data to be "
            "erased, and this cannot be undone"
        )
    )


class ReachForm(QuickSelectForm):
    """The reach report's period and place; its organisations drop-down (600 at national scale)
    written by ``QuickSelect``: the page's templates took 247 ms a request under cProfile with
    Django's per-option rendering, 132 ms without."""

    start = GovUKDateField(label=_("From"), subject=_("The start date"), required=False)
    end = GovUKDateField(label=_("To"), subject=_("The end date"), required=False)
    area = forms.CharField(
        max_length=100, required=False, help_text=_("Leave empty for everywhere.")
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.only("pk", "name").order_by("name"),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        """``user``: the reader, for whom the figures may be protected (ADR 0008): then only a
        fixed reporting period is accepted, and the default is the year to the last complete
        quarter."""
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        organisation = data.get("organisation")
        exact = disclosure.is_exact(self.user, organisation_id=getattr(organisation, "pk", None))
        default_start, default_end = (
            (years.year_start(today), today) if exact else disclosure.default_period(today)
        )
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        if data["end"] < data["start"]:
            self.add_error("end", _("The end of the period must be on or after its start."))
        elif not exact and not disclosure.is_reporting_period(
            data["start"], data["end"], today=today
        ):
            self.add_error("start", _(disclosure.PERIOD_REFUSED))
        return data


class BenchmarkForm(forms.Form):
    characteristic = forms.ChoiceField(choices=Characteristic.choices)
    value = forms.CharField(
        max_length=100,
        help_text=_("The value's code, for example in_care, 8_10, white_british, or an area name."),
    )
    area = forms.CharField(
        max_length=100, required=False, help_text=_("Empty: the whole partnership.")
    )
    share = forms.DecimalField(
        min_value=0,
        max_value=100,
        decimal_places=2,
        label=_("Share (%)"),
        widget=number_input(decimal=True),
    )
    source = forms.CharField(max_length=200, required=False)


class BenchmarkImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: characteristic, value, area, share, source (a header row first)."),
    )


class TargetForm(forms.Form):
    group = forms.ChoiceField(choices=LeastHeardGroup.choices, widget=forms.RadioSelect)
    name = forms.CharField(max_length=100, required=False, help_text=_("For a named group."))
    characteristic = forms.ChoiceField(
        choices=[("", _("Not needed")), *Characteristic.choices], required=False
    )
    value = forms.CharField(max_length=100, required=False, help_text=_("For a named group."))
    target = forms.IntegerField(
        min_value=0, label=_("Target number of young people"), widget=number_input()
    )
    start = GovUKDateField(subject=_("The start date"))
    end = GovUKDateField(subject=_("The end date"))
