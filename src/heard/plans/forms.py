"""Forms for plans, outcomes, actions and reviews. They collect input; the services validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core.forms import TODAY, GovUKDateField, radios, text_area, whole_number
from heard.core.permissions import is_partner_worker
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.core.standards import Standard
from heard.people.models import Organisation, User
from heard.plans.models import ActionPlan, Progress


class _StaffChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


def lead_candidates(plan: ActionPlan) -> QuerySet[User]:
    """Who may lead an action of ``plan``: programme staff, theme leads, and the plan's own
    organisation's staff."""
    roles = [*PROGRAMME_ROLES, Role.THEME_LEAD]
    return User.objects.filter(
        Q(role__in=roles) | Q(organisation_id=plan.organisation_id), is_active=True
    ).order_by("full_name")


class PlanForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    period = forms.CharField(
        max_length=20,
        help_text=_("The period's label, like 2026-27."),
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    title = forms.CharField(max_length=200)
    starts_on = GovUKDateField(label=_("Start date"), subject=_("The start date"))  # type: ignore[arg-type]
    ends_on = GovUKDateField(label=_("End date"), subject=_("The end date"))  # type: ignore[arg-type]
    review_every_months = whole_number(
        2,
        label=_("Review every (months)"),
        min_value=1,
        max_value=24,
        initial=6,
        help_text=_("Actions are reviewed in six-month blocks unless you choose otherwise."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        if is_partner_worker(user):
            organisations = organisations.filter(pk=user.organisation_id)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    standard = forms.ChoiceField(
        choices=[
            (value, format_lazy("{}. {}", Standard.number(value), label))
            for value, label in Standard.choices
        ]
    )
    number = forms.CharField(
        max_length=16,
        required=False,
        help_text=_("As the plan numbers it, like 1.2."),
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    text = text_area(label=_("Outcome"))


class ActionForm(forms.Form):
    text = text_area(
        5, label=_("Supporting action"), help_text=_("Lines are kept as you write them.")
    )
    lead_staff = _StaffChoices(
        queryset=User.objects.none(),
        required=False,
        label=_("Leads"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff who lead it see it on their home page when it is past due."),
    )
    lead_text = forms.CharField(
        max_length=500,
        required=False,
        label=_("Leads as written"),
        help_text=_("Initials, like CB."),
    )
    timescale = forms.CharField(max_length=500, required=False, help_text=_("Like “May-July 09”."))
    due_on = GovUKDateField(label=_("Due date"), required=False, subject=_("The due date"))  # type: ignore[arg-type]
    resources = text_area(2, required=False)
    risks = text_area(2, required=False, label=_("Risks identified"))

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_staff"].queryset = lead_candidates(plan)  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    date = GovUKDateField(label=_("Date of the review"), rule=TODAY)
    progress = radios(Progress.choices)
    comment = text_area(3, required=False)


class CopyForm(PlanForm):
    """A new plan started from another: last period's plan copied, or its outcomes only (the
    partner's blank template)."""

    with_actions = forms.TypedChoiceField(
        label=_("What to copy"),
        choices=[
            ("yes", _("The outcomes and their actions (last period's plan, to carry on)")),
            ("no", _("The outcomes only, with no actions (a blank template for a partner)")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )


class ImportForm(forms.Form):
    """A plan's table, pasted from a spreadsheet or uploaded as CSV or XLSX."""

    text = forms.CharField(
        label=_("Paste the table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Copy the plan's rows in your spreadsheet, headings included, and paste them."),
        max_length=500_000,
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_(
            "A CSV or XLSX file in the plan's columns: Outcomes, Supporting actions, Lead "
            "responsibilities, Time scales / resources, Risks identified."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("text") and not cleaned.get("file"):
            raise forms.ValidationError(_("Paste the table or choose a file."))
        upload = cleaned.get("file")
        if upload is not None and upload.size > 2_000_000:
            self.add_error("file", _("The file must be smaller than 2 MB."))
        return cleaned


class ImportChoicesForm(forms.Form):
    """What the dry run asks: a standard for each section name that is not a standard's current
    name (required: never guessed), and optionally the member of staff behind each initials."""

    def __init__(
        self,
        *args: Any,
        sections: list[str],
        initials: list[str],
        staff: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.initials = initials
        choices = [("", _("Choose a standard"))] + [
            (value, format_lazy("{}. {}", Standard.number(value), label))
            for value, label in Standard.choices
        ]
        for index, name in enumerate(sections):
            self.fields[f"section_{index}"] = forms.ChoiceField(
                label=_("Which standard is “%(name)s”?") % {"name": name}, choices=choices
            )
        for code in initials:
            self.fields[f"lead_{code}"] = _StaffChoice(
                queryset=staff,
                required=False,
                label=_("Who is %(code)s?") % {"code": code},
                empty_label=_("Keep as written only"),
            )

    def section_choices(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {name: data.get(f"section_{index}", "") for index, name in enumerate(self.sections)}

    def leads(self) -> dict[str, User]:
        data = self.cleaned_data
        return {code: data[f"lead_{code}"] for code in self.initials if data.get(f"lead_{code}")}


class _StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"
