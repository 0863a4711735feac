"""Forms for the audits pages: they collect and type the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.audits.models import (
    TEXT_LIMIT,
    Audit,
    Course,
    CourseAttendance,
    Level,
    Recommendation,
)
from heard.core.forms import TODAY, GovUKDateField, radios, text_area, whole_number
from heard.core.roles import Role
from heard.core.standards import Standard
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, User, YoungPerson

NOT_ASSESSED = _("Not assessed")


class StaffChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class YoungPeopleChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Young people by reference and, for those who may see it, name."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        kwargs.setdefault("queryset", YoungPerson.objects.none())
        super().__init__(*args, **kwargs)
        self.sees_names = people_selectors.sees_names(user)

    def label_from_instance(self, obj: Any) -> str:
        if self.sees_names:
            return f"{obj.reference} - {obj.display_name}"
        return str(obj.reference)


def staff_auditors() -> Any:
    """Staff who audit: every active member of staff but board members."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role__in=["", Role.BOARD_MEMBER])
        .order_by("full_name")
    )


#: Under the young people chosen for an audit or a review.
UNTRAINED_WARNING = _("Heard warns, once saved, about any who are not trained and current.")


def _organisation_or_service(help_text: Any) -> tuple[forms.ModelChoiceField, forms.CharField]:  # type: ignore[type-arg]
    """The organisation an audit or review is of, and the service, if not the whole of it."""
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), empty_label=_("Choose an organisation")
    )
    return organisation, forms.CharField(max_length=200, required=False, help_text=help_text)


class AuditForm(forms.Form):
    organisation, service = _organisation_or_service(
        _("The service audited, if not the whole organisation.")
    )
    date = GovUKDateField(label=_("Date of the audit"), rule=TODAY)
    auditors = StaffChoices(
        queryset=User.objects.none(),
        required=False,
        label=_("Staff auditors"),
        widget=forms.CheckboxSelectMultiple,
    )
    young_auditors = YoungPeopleChoices(label=_("Young auditors"), help_text=UNTRAINED_WARNING)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organisation"].queryset = people_selectors.organisations_visible_to(user).order_by(
            "name"
        )
        fields["auditors"].queryset = staff_auditors()
        young = fields["young_auditors"]
        young.queryset = people_selectors.young_people_visible_to(user).filter(is_active=True)
        young.sees_names = people_selectors.sees_names(user)
        for value, label in Standard.choices:
            self.fields[f"level_{value}"] = forms.ChoiceField(
                label=_("%(standard)s: level") % {"standard": label},
                choices=[("", NOT_ASSESSED), *Level.choices],
                required=False,
            )
            self.fields[f"evidence_{value}"] = text_area(
                3,
                label=_("%(standard)s: evidence") % {"standard": label},
                required=False,
                max_length=TEXT_LIMIT,
            )
        self.fields["decision"] = forms.ChoiceField(
            label=_("Kite mark decision"),
            choices=[("", _("Not decided yet")), *Audit.Decision.choices],
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["expires_on"] = GovUKDateField(
            label=_("Kite mark expires on"),
            required=False,
            help_text=_("Only for a kite mark awarded."),
        )
        self.fields["needed"] = text_area(
            3,
            label=_("What is needed for a kite mark"),
            required=False,
            max_length=TEXT_LIMIT,
            help_text=_("Only when the decision is not yet."),
        )
        self.fields["notes"] = text_area(3, required=False, max_length=TEXT_LIMIT)

    @staticmethod
    def initial_for(audit: Audit) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "organisation": audit.organisation_id,
            "service": audit.service,
            "date": audit.date,
            "auditors": [user.pk for user in audit.auditors.all()],
            "young_auditors": [person.pk for person in audit.young_auditors.all()],
            "decision": audit.decision,
            "expires_on": audit.expires_on,
            "needed": audit.needed,
            "notes": audit.notes,
        }
        for row in audit.levels.all():
            initial[f"level_{row.standard}"] = row.level
            initial[f"evidence_{row.standard}"] = row.evidence
        return initial

    def values(self) -> dict[str, Any]:
        """What the services take: the audit's fields and its levels."""
        data = self.cleaned_data
        levels = {
            value: (data[f"level_{value}"], data[f"evidence_{value}"])
            for value in Standard.values
            if data.get(f"level_{value}")
        }
        plain = ("organisation", "service", "date", "auditors", "young_auditors")
        values = {name: data[name] for name in plain}
        values.update(
            decision=data["decision"],
            expires_on=data["expires_on"],
            needed=data["needed"],
            notes=data["notes"],
            levels=levels,
        )
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for value, label in Standard.choices:
            if data.get(f"evidence_{value}") and not data.get(f"level_{value}"):
                self.add_error(
                    f"level_{value}",
                    _("Choose the level for %(standard)s.") % {"standard": label.lower()},
                )
        return data


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in (the button says what happens)."""


class ReviewForm(forms.Form):
    provider, service = _organisation_or_service(
        _("The service visited, if not the whole provider.")
    )
    visit_date = GovUKDateField(label=_("Date of the visit"), rule=TODAY)
    reviewers = YoungPeopleChoices(label=_("Young reviewers"), help_text=UNTRAINED_WARNING)
    findings = text_area(5, max_length=TEXT_LIMIT)
    revisit_date = GovUKDateField(
        label=_("Date of the revisit"), required=False, help_text=_("When they go back to check.")
    )
    notes = text_area(3, required=False, max_length=TEXT_LIMIT)

    def __init__(self, *args: Any, user: Any, adding: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["provider"].queryset = people_selectors.organisations_visible_to(user).order_by(
            "name"
        )
        young = fields["reviewers"]
        young.queryset = people_selectors.young_people_visible_to(user).filter(is_active=True)
        young.sees_names = people_selectors.sees_names(user)
        if adding:
            self.fields["recommendations"] = text_area(
                6,
                required=False,
                help_text=_(
                    "One recommendation a line: each is kept, answered and checked on its own."
                ),
            )

    @staticmethod
    def initial_for(review: Any) -> dict[str, Any]:
        initial = {
            name: getattr(review, name)
            for name in ("service", "visit_date", "findings", "revisit_date", "notes")
        }
        initial["provider"] = review.provider_id
        initial["reviewers"] = [person.pk for person in review.reviewers.all()]
        return initial

    def values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        if "recommendations" in values:
            values["recommendations"] = [
                line for line in values["recommendations"].splitlines() if line.strip()
            ]
        return values


class RecommendationForm(forms.Form):
    text = text_area(3, label=_("Recommendation"), max_length=TEXT_LIMIT)


class ResponseForm(forms.Form):
    response = text_area(
        5,
        label=_("Your response"),
        max_length=TEXT_LIMIT,
        help_text=_("What your organisation has done, or will do, about this recommendation."),
    )


class CheckForm(forms.Form):
    outcome = radios(Recommendation.Outcome.choices, label=_("Was it acted on?"))
    outcome_note = text_area(
        3, label=_("Note from the revisit"), required=False, max_length=TEXT_LIMIT
    )


class CourseForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = radios(Course.Kind.choices, label=_("For"))
    date = GovUKDateField(label=_("Date of the course"))
    valid_for_months = whole_number(
        3,
        label=_("Valid for (months)"),
        min_value=1,
        max_value=120,
        initial=24,
        help_text=_("How long the training stays current."),
    )
    attendees = YoungPeopleChoices(label=_("Who attended"))
    notes = text_area(3, required=False, max_length=TEXT_LIMIT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        young: Any = self.fields["attendees"]
        young.queryset = people_selectors.young_people_visible_to(user).filter(is_active=True)
        young.sees_names = people_selectors.sees_names(user)

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        initial = {
            name: getattr(course, name)
            for name in ("title", "kind", "date", "valid_for_months", "notes")
        }
        initial["attendees"] = list(
            CourseAttendance.objects.filter(course=course).values_list("young_person", flat=True)
        )
        return initial
