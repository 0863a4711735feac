"""Forms for the people pages: they collect and type the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import initial_of
from heard.core.forms import PAST, GovUKDateField
from heard.core.roles import AgeBand, Role
from heard.people import selectors
from heard.people.models import Organisation, User, YoungPerson
from heard.people.services._common import NEEDS_MAX_LENGTH

CONFIRM_LABEL = "This is a different young person"


class YoungPersonForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100, required=False)
    preferred_name = forms.CharField(
        max_length=100,
        required=False,
        help_text=_("The name they like to be called, if different."),
    )
    age_band = forms.ChoiceField(
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Leave empty if you give a date of birth: the band is worked out from it."),
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"),
        required=False,
        rule=PAST,
        birthday=True,
        help_text=_("Only if it is needed."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Supporting organisation"),
        empty_label=_("Choose an organisation"),
    )
    area = forms.CharField(max_length=100, required=False)
    communication_needs = forms.CharField(
        max_length=NEEDS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: prefers pictures and short sentences, uses BSL."),
    )
    access_needs = forms.CharField(
        max_length=NEEDS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: step-free access, a quiet room, a support worker present."),
    )
    contact_preference = forms.ChoiceField(
        choices=YoungPerson.ContactPreference.choices,
        initial=YoungPerson.ContactPreference.VIA_WORKER,
        widget=forms.RadioSelect,
    )
    # Issue 20: Heard tells them of feedback by email only with a current "contact" consent.
    contact_email = forms.EmailField(
        label=_("Email address for messages"),
        required=False,
        help_text=_(
            "Heard emails them when what they said is fed back, only if they have agreed to "
            "be contacted by message."
        ),
    )

    def __init__(self, *args: Any, user: Any, instance: YoungPerson | None = None, **kwargs: Any):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(instance, name)
                    for name in self.base_fields
                    if name not in ("organisation",)
                }
                | {"organisation": instance.organisation_id},
            )
        super().__init__(*args, **kwargs)
        organisations = selectors.organisations_for_young_people(user, keeping=instance)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing for mypy
        field.queryset = organisations
        if instance is None and not self.is_bound and len(organisations) == 1:
            self.initial.setdefault("organisation", organisations[0].pk)
        if instance is not None:
            self.fields["is_active"] = forms.BooleanField(
                required=False,
                label=_("Still taking part"),
                help_text=_(
                    "Untick when the young person no longer takes part. Nothing is deleted."
                ),
                initial=instance.is_active,
            )

    def offer_duplicate_confirmation(self) -> None:
        """Add the "This is a different young person" checkbox after a possible duplicate."""
        self.fields["confirm_not_duplicate"] = forms.BooleanField(
            required=False, label=CONFIRM_LABEL
        )

    def service_values(self, *, changed_only: bool = False) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("confirm_not_duplicate", None)
        if changed_only:
            data = {name: value for name, value in data.items() if name in self.changed_data}
        return data


class YoungPeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a CSV file"),
        help_text=_("Up to 1 MB, saved as 'CSV UTF-8'."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    MAX_BYTES = 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(
                _("The file must be 1 MB or smaller. Split it into smaller files.")
            )
        return upload


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.VOLUNTARY,
        label=_("Kind of organisation"),
        widget=forms.RadioSelect,
    )
    area = forms.CharField(
        max_length=100, required=False, help_text=_("For example Cambridgeshire.")
    )
    contact_name = forms.CharField(max_length=150, required=False, label=_("Point of contact"))
    contact_email = forms.EmailField(required=False, label=_("Contact email"))
    contact_phone = forms.CharField(max_length=40, required=False, label=_("Contact phone"))
    champions = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Participation champions"),
        help_text=_("Staff who champion participation in this organisation."),
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, instance: Organisation | None = None, **kwargs: Any) -> None:
        if instance is not None:
            plain = " ".join(name for name in self.base_fields if name != "champions")
            champions = list(instance.champions.values_list("pk", flat=True))
            initial = initial_of(instance, f"{plain} is_active") | {"champions": champions}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        field = self.fields["champions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - narrowing for mypy
        field.queryset = selectors.champion_candidates()
        if instance is not None:
            self.fields["is_active"] = forms.BooleanField(
                required=False,
                label=_("Active in the partnership"),
                help_text=_("Untick when the organisation leaves. Its records are kept."),
            )


class StaffForm(forms.Form):
    full_name = forms.CharField(max_length=150)
    email = forms.EmailField(label=_("Email address"))
    job_title = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Required for partner workers: the organisation whose records they keep."),
    )

    def __init__(self, *args: Any, instance: User | None = None, **kwargs: Any) -> None:
        if instance is not None:
            fields = " ".join(self.base_fields)  # the organisation by its key
            kwargs.setdefault("initial", initial_of(instance, f"{fields} is_active"))
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing for mypy
        field.queryset = selectors.organisation_choices()
        if instance is None:
            self.fields["password"] = forms.CharField(
                required=False,
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                help_text=_(
                    "At least 12 characters. Leave empty and the account cannot sign in yet."
                ),
            )
        else:
            self.fields["is_active"] = forms.BooleanField(
                required=False,
                label=_("Account active"),
                help_text=_(
                    "Untick to deactivate: they can no longer sign in. Nothing is deleted."
                ),
            )
