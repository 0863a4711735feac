"""Forms for recognitions, hours, claims and invoices: they collect and type the input; the
services decide and save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import initial_of
from heard.core.forms import TODAY, GovUKDateField, decimal_number, radios, text_area
from heard.core.permissions import is_partner_worker, is_system
from heard.participation import selectors as participation_selectors
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson
from heard.rewards import selectors
from heard.rewards.models import ExpenseItem, Recognition

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MONEY_HELP = _("In pounds, like 4.50.")
REFERENCE_HELP = _("Their reference, like YP-ABC234.")


def _money(label: StrOrPromise, **kwargs: Any) -> forms.DecimalField:
    return decimal_number(
        digits=9,
        places=2,
        label=label,
        error_messages={
            "invalid": format_lazy(
                _("Enter the {label} as a number, like 4.50."), label=label.lower()
            ),
            "max_decimal_places": _("Enter pounds and pence, like 4.50."),
            "required": format_lazy(_("Enter the {label}."), label=label.lower()),
        },
        **kwargs,
    )


def _hours(label: StrOrPromise, **kwargs: Any) -> forms.DecimalField:
    """Volunteering hours, to one decimal place (like 2 or 1.5), in a narrow box."""
    return decimal_number(digits=5, places=1, width=5, label=label, **kwargs)


class _OwnOrganisation:
    """Sets the organisation choices to those the user may use (a partner worker's own)."""

    def _organisations(self, user: Any) -> None:
        field = self.fields["organisation"]  # type: ignore[attr-defined]
        field.queryset = selectors.organisations_for(user)
        if not is_system(user) and is_partner_worker(user):
            field.initial = user.organisation_id


class _ReferenceField(forms.CharField):
    """A young person the user may see, by reference."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", REFERENCE_HELP)
        super().__init__(*args, **kwargs)
        self.user: Any = None

    def clean(self, value: Any) -> YoungPerson | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip().upper()
        if not text:
            return None
        found = participation_selectors.young_person_by_reference(self.user, text)
        if found is None:
            raise forms.ValidationError(
                _("No young person you can see has the reference %(reference)s.")
                % {"reference": text}
            )
        return found


class RecognitionForm(_OwnOrganisation, forms.Form):
    young_person = _ReferenceField(label=_("Young person"))
    kind = radios(Recognition.Kind.choices, label=_("What is it?"))
    title = forms.CharField(
        max_length=200,
        label=_("What it recognises"),
        help_text=_("Shown on the certificate, like “Interview panel for a youth worker”."),
    )
    date = GovUKDateField(label=_("Date given"), rule=TODAY)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Given by"))
    accreditation_body = forms.CharField(
        max_length=200, required=False, label=_("Awarding body (accreditations)")
    )
    accreditation_level = forms.CharField(
        max_length=100, required=False, label=_("Level (accreditations)")
    )
    voucher_value = _money(_("Voucher value"), required=False, help_text=MONEY_HELP)
    voucher_supplier = forms.CharField(
        max_length=200, required=False, label=_("Voucher supplier (vouchers)")
    )
    hours = _hours(
        _("Hours (volunteering hours)"),
        required=False,
        error_messages={"invalid": _("Enter the hours as a number, like 2 or 1.5.")},
    )
    details = text_area(3, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["young_person"].user = user  # type: ignore[attr-defined]
        self._organisations(user)


def recognition_initial(recognition: Recognition) -> dict[str, Any]:
    fields = (
        "kind title date organisation accreditation_body accreditation_level voucher_value"
        " voucher_supplier hours details"
    )
    return {"young_person": recognition.young_person.reference} | initial_of(recognition, fields)


class HoursForm(forms.Form):
    hours = _hours(
        _("Hours it counts for"),
        help_text=_(
            "Every young person who attended gets these volunteering hours, like 2 or 1.5."
        ),
        error_messages={
            "invalid": _("Enter the hours as a number, like 2 or 1.5."),
            "required": _("Enter the hours it counts for."),
        },
    )


class DefaultsForm(forms.Form):
    """One hours box per kind of session."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in Session.Kind.choices:
            self.fields[kind] = _hours(
                str(label),
                error_messages={
                    "invalid": _("Enter the hours of a %(kind)s as a number.")
                    % {"kind": str(label).lower()},
                    "required": _("Enter the hours of a %(kind)s.") % {"kind": str(label).lower()},
                },
            )


WHOSE = [("young_person", _("A young person's")), ("mine", _("My own"))]


class ClaimForm(_OwnOrganisation, forms.Form):
    whose = radios(
        WHOSE,
        label=_("Whose costs are these?"),
        error_messages={"required": _("Say whose costs these are.")},
    )
    young_person = _ReferenceField(
        label=_("Young person (for a young person's costs)"), required=False
    )
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    purpose = forms.CharField(
        max_length=200, help_text=_("What the costs were for, like “Youth council in Ely”.")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["young_person"].user = user  # type: ignore[attr-defined]
        self._organisations(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("whose") == "mine":  # the young person's box is not for one's own costs
            self.errors.pop("young_person", None)
            data["young_person"] = None
        wanted = data.get("whose") == "young_person" and not data.get("young_person")
        if wanted and "young_person" not in self.errors:
            self.add_error("young_person", _("Enter the reference of the young person."))
        return data

    def claim_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        mine = data["whose"] == "mine"
        return {
            "organisation": data["organisation"],
            "purpose": data["purpose"],
            "young_person": None if mine else data["young_person"],
            "claimant": self.user if mine else None,
        }


class ItemForm(forms.Form):
    kind = radios(ExpenseItem.Kind.choices, label=_("Kind of cost"))
    date = GovUKDateField(label=_("Date of the cost"), rule=TODAY)
    description = forms.CharField(
        max_length=200, help_text=_("Like “Return bus, Ely to Cambridge”.")
    )
    amount = _money(_("Amount"), help_text=MONEY_HELP)
    receipt = forms.FileField(
        required=False, help_text=_("A photo (JPEG or PNG) or a PDF, 10 MB or smaller.")
    )

    def item_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class NewClaimForm(ClaimForm, ItemForm):
    """A claim with its first item: more are added on the claim's page."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)

    def item_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in ItemForm.base_fields}


def claim_initial(claim: Any) -> dict[str, Any]:
    return {
        "whose": "mine" if claim.claimant_id else "young_person",
        "young_person": claim.young_person.reference if claim.young_person_id else "",
        "organisation": claim.organisation_id,
        "purpose": claim.purpose,
    }


class RejectForm(forms.Form):
    rejection_reason = text_area(
        3,
        label=_("Why is it rejected?"),
        max_length=2000,
        help_text=_("The person who claimed is told this."),
        error_messages={"required": _("Say why it is rejected.")},
    )


class PayForm(forms.Form):
    paid_on = GovUKDateField(label=_("Date paid"), rule=TODAY)
    payment_reference = forms.CharField(
        max_length=100, help_text=_("The reference of the payment in the finance system.")
    )


class InvoiceForm(_OwnOrganisation, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    reference = forms.CharField(max_length=100, help_text=_("The partner's invoice number."))
    period_start = GovUKDateField(label=_("Period from"))
    period_end = GovUKDateField(label=_("Period to"))
    description = text_area(3, help_text=_("The agreed costs it is for."))
    amount = _money(_("Amount"), help_text=MONEY_HELP)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._organisations(user)


def invoice_initial(invoice: Any) -> dict[str, Any]:
    return initial_of(invoice, "reference period_start period_end description amount organisation")
