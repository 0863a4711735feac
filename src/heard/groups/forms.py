"""Forms for themes, groups and memberships. They collect input; the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from heard.core.forms import TODAY, GovUKDateField
from heard.core.permissions import is_partner_worker
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.groups.models import Group, GroupTheme, Membership, Theme, ThemeReview
from heard.people.models import Organisation, User, YoungPerson
from heard.people.selectors import young_people_visible_to


def _staff_who_lead() -> QuerySet[User]:
    roles = [*PROGRAMME_ROLES, Role.THEME_LEAD, Role.PARTNER_WORKER]
    return User.objects.filter(is_active=True, role__in=roles).order_by("full_name")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class ThemeForm(forms.Form):
    title = forms.CharField(max_length=200)
    period = forms.CharField(
        max_length=7,
        help_text=_("The partnership year, like 2026-27."),
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    lead = StaffChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Theme lead"),
        help_text=_("The policy officer or commissioner who leads this Spotlight area."),
    )
    status = forms.ChoiceField(choices=Theme.Status.choices, initial=Theme.Status.ACTIVE)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=[*PROGRAMME_ROLES, Role.THEME_LEAD]
        ).order_by("full_name")


class ThemeReviewForm(forms.Form):
    date = GovUKDateField(label=_("Date of the review"), rule=TODAY)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the groups did this quarter and what young people said."),
    )
    decision = forms.ChoiceField(
        choices=ThemeReview.Decision.choices,
        widget=forms.RadioSelect,
        help_text=_("Deciding to close the theme closes it."),
    )


class GroupForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Group.Kind.choices)
    host_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Host organisation")
    )
    leads = StaffMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    working_on = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label=_("Themes the group is working on"),
        widget=forms.CheckboxSelectMultiple,
    )
    affected_by = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label=_("Themes the group's members are affected by"),
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.ChoiceField(
        choices=Group.Stage.choices,
        initial=Group.Stage.PROPOSED,
        label=_("Starting stage"),
        help_text=_("Usually proposed. Choose a later stage for a group that already runs."),
    )
    start_date = GovUKDateField(required=False, subject=_("The start date"))
    planned_end_date = GovUKDateField(
        required=False,
        subject=_("The planned end date"),
        help_text=_("A Buddy Group runs for up to one year."),
    )
    cadence = forms.ChoiceField(
        choices=Group.Cadence.choices,
        initial=Group.Cadence.MONTHLY,
        label=_("Visit or meeting cadence"),
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, user: Any, group: Group | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        if is_partner_worker(user):
            organisations = organisations.filter(pk=user.organisation_id)
        self.fields["host_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["leads"].queryset = _staff_who_lead()  # type: ignore[attr-defined]
        themes = Theme.objects.exclude(status=Theme.Status.CLOSED)
        if group is not None:
            themes = Theme.objects.filter(
                Q(pk__in=themes.values("pk")) | Q(group_links__group=group)
            ).distinct()
            del self.fields["stage"]
        for name in ("working_on", "affected_by"):
            self.fields[name].queryset = themes.order_by("-period", "title")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both = set(data.get("working_on") or ()) & set(data.get("affected_by") or ())
        if both:
            names = ", ".join(sorted(str(theme) for theme in both))
            self.add_error(
                "affected_by",
                _("Choose each theme once, as working on or affected by: %(names)s.")
                % {"names": names},
            )
        return data

    def theme_links(self) -> list[tuple[Theme, str]]:
        data = self.cleaned_data
        return [(theme, GroupTheme.Relationship.WORKING_ON) for theme in data["working_on"]] + [
            (theme, GroupTheme.Relationship.AFFECTED_BY) for theme in data["affected_by"]
        ]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("working_on", None)
        data.pop("affected_by", None)
        data["themes"] = self.theme_links()
        data["description"] = data.get("description") or ""
        return data

    @staticmethod
    def initial_for(group: Group) -> dict[str, Any]:
        links = list(group.theme_links.all())
        return {
            "name": group.name,
            "kind": group.kind,
            "host_organisation": group.host_organisation_id,
            "leads": [user.pk for user in group.leads.all()],
            "working_on": [
                link.theme_id
                for link in links
                if link.relationship == GroupTheme.Relationship.WORKING_ON
            ],
            "affected_by": [
                link.theme_id
                for link in links
                if link.relationship == GroupTheme.Relationship.AFFECTED_BY
            ],
            "start_date": group.start_date,
            "planned_end_date": group.planned_end_date,
            "cadence": group.cadence,
            "description": group.description,
        }


class MoveStageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect, choices=[])
    date = GovUKDateField(label=_("Date of the change"), rule=TODAY)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Why, or what happened: for example the date of the first visit."),
    )

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [  # type: ignore[attr-defined]
            (stage, Group.Stage(stage).label) for stage in Group.TRANSITIONS.get(group.stage, ())
        ]


class YoungPersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.display_name} ({obj.organisation})"


class MembershipAddForm(forms.Form):
    young_person = YoungPersonChoiceField(queryset=YoungPerson.objects.none())
    joined_on = GovUKDateField(label=_("Date they joined"), subject=_("The date they joined"))

    def __init__(self, *args: Any, user: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["young_person"].queryset = (  # type: ignore[attr-defined]
            young_people_visible_to(user)
            .filter(is_active=True)
            .exclude(
                pk__in=Membership.objects.filter(group=group, left_on__isnull=True).values(
                    "young_person_id"
                )
            )
            .select_related("organisation")
            .order_by("reference")
        )


class MembershipEndForm(forms.Form):
    left_on = GovUKDateField(label=_("Date they left"), subject=_("The date they left"))
