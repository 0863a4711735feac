"""Forms for raising and handling concerns, and for staff checks and training records."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.forms import (
    TODAY,
    GovUKDateField,
    add_service_errors,  # noqa: F401 (used by the views)
    picked_values,
)
from heard.people import selectors as people_selectors
from heard.safeguarding import selectors
from heard.safeguarding.models import BackgroundCheck, Concern


def _text(
    label: str, help_text: str = "", rows: int = 5, max_length: int = 5000
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ConcernForm(forms.Form):
    #: The moment, asked for here as a date and a time (core.forms.add_service_errors).
    service_error_fields = {"happened_at": ("happened_on",)}

    young_person_reference = forms.CharField(
        label=_("Young person's reference (optional)"),
        help_text=_("Like YP-ABC234, if the concern is about a young person on the register."),
        required=False,
        max_length=20,
    )
    what_happened = _text(
        "What was seen or said",
        "Write down exactly what you saw or heard, in the child's own words where you can.",
        rows=8,
        max_length=10000,
    )
    happened_on = GovUKDateField(
        label=_("Date it happened"), subject=_("The date it happened"), rule=TODAY
    )
    #: A GOV.UK text input, not the browser's time box (its "--:-- --" and AM/PM follow the
    #: browser's locale, as the date box's mm/dd/yyyy did: issue 17).
    happened_time = forms.TimeField(
        label=_("Time it happened"),
        help_text=_("Use the 24-hour clock, for example 14:30."),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter the time it happened"),
            "invalid": _("Enter the time it happened as hours and minutes, like 14:30"),
        },
    )
    who_was_present = _text("Who was present", rows=3, max_length=2000)
    immediate_action = _text("Immediate action taken", "What you did straight away.")
    child_told = _text("What the child was told would happen next")

    def __init__(self, *args: Any, user: Any, fixed_young_person: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        if fixed_young_person is not None:
            del self.fields["young_person_reference"]

    def clean_young_person_reference(self) -> Any:
        reference = self.cleaned_data.get("young_person_reference", "").strip()
        if not reference:
            return None
        young_person = (
            people_selectors.young_people_visible_to(self.user)
            .filter(reference__iexact=reference)
            .first()
        )
        if young_person is None:
            raise ValidationError(
                _("No young person you can see has that reference. Check it, or leave it empty.")
            )
        return young_person

    def happened_at(self) -> datetime.datetime:
        moment = datetime.datetime.combine(
            self.cleaned_data["happened_on"], self.cleaned_data["happened_time"]
        )
        return timezone.make_aware(moment)

    def concern_values(self) -> dict[str, Any]:
        """What ``services.concern_raise`` takes from the form (the young person aside)."""
        return {
            **picked_values(
                self, "what_happened", "who_was_present", "immediate_action", "child_told"
            ),
            "happened_at": self.happened_at(),
        }


class ConcernAssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Safeguarding lead"), queryset=selectors.safeguarding_leads(), empty_label=None
    )


class ConcernDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Concern.Decision.choices, widget=forms.RadioSelect)
    decision_notes = forms.CharField(
        label=_("Notes on the decision"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    referral_date = GovUKDateField(
        label=_("Date of the referral"),
        required=False,
        rule=TODAY,
        help_text=_("For a referral to the local authority or the police."),
    )
    referral_reference = forms.CharField(
        label=_("Referral reference"),
        required=False,
        max_length=100,
        help_text=_("The local authority's (or police) reference for the referral."),
    )


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})"


class _StaffRecordForm(forms.Form):
    """A check or training record is about one active member of staff (the queryset is
    evaluated afresh for each form)."""

    staff = StaffChoiceField(queryset=selectors.staff_choices(), label=_("Member of staff"))


class BackgroundCheckForm(_StaffRecordForm):
    kind = forms.ChoiceField(choices=BackgroundCheck.Kind.choices, label=_("Kind of check"))
    certificate_number = forms.CharField(
        max_length=20, help_text=_("The 12-digit number on the DBS certificate.")
    )
    issued_on = GovUKDateField(label=_("Date of issue"), rule=TODAY)
    renewal_due = GovUKDateField(
        label=_("Renewal due"),
        subject=_("The renewal date"),
        help_text=_("The partnership renews enhanced DBS checks every 3 years."),
    )


class TrainingRecordForm(_StaffRecordForm):
    course = forms.CharField(
        max_length=200, help_text=_("For example, child protection training (level 1).")
    )
    completed_on = GovUKDateField(
        label=_("Date completed"), subject=_("The date it was completed"), rule=TODAY
    )
    expires_on = GovUKDateField(
        label=_("Expires on"),
        subject=_("The expiry date"),
        required=False,
        help_text=_("Leave empty if it does not expire."),
    )
