"""A headcount row: young people not on the register who took part, by age band."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.roles import AgeBand
from heard.participation import selectors
from heard.participation.headcounts import NOT_NEGATIVE, ONE_PLACE, WHOLE_NUMBER
from heard.people.models import Organisation


class HeadcountForm(forms.Form):
    age_band = forms.ChoiceField(
        label=_("Age band"),
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the age band of the young people you counted.")},
    )
    count = forms.IntegerField(
        label=_("Number of young people"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        help_text=_("Young people in this age band who are not on the register."),
        error_messages={
            "required": _("Enter the number of young people, like 12."),
            "invalid": WHOLE_NUMBER,
            "min_value": NOT_NEGATIVE,
        },
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("School or organisation on the register (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not on the register, or not known"),
    )
    school = forms.CharField(
        label=_("Or its name, if it is not on the register (optional)"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = selectors.organisations_for_headcounts()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("organisation") and (cleaned.get("school") or "").strip():
            self.add_error("school", _(ONE_PLACE))
        return cleaned
