"""Forms for opportunities and sign-ups: they collect and type the input; the services decide
and save."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import PersonChoice, age_band_ticks, initial_of, person_label
from heard.core.forms import GovUKDateField, radios, text_area, ticks, whole_number
from heard.core.permissions import is_partner_worker
from heard.groups.models import Group
from heard.opportunities import selectors
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Degree, ParticipationType, Session
from heard.people.models import Organisation, YoungPerson

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

AREA_SEPARATORS = re.compile(r"[,;\n]+")


def _time(label: StrOrPromise, subject: StrOrPromise, *, required: bool = True) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        help_text=_("Use the 24-hour clock, for example 14:30."),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "spellcheck": "false"}
        ),
        error_messages={
            "required": format_lazy(_("Enter the time {subject}"), subject=subject),
            "invalid": format_lazy(
                _("Enter the time {subject} as hours and minutes, like 14:30"), subject=subject
            ),
        },
    )


class OpportunityForm(forms.Form):
    #: The service's moments, asked for here as a date and a time (core.forms.add_service_errors).
    service_error_fields = {"starts_at": ("starts_on",), "ends_at": ("ends_on", "starts_on")}

    title = forms.CharField(max_length=200, help_text=_("Like “Youth panel for a new manager”."))
    kind = radios(Opportunity.Kind.choices)
    description = text_area(4, help_text=_("What young people will do, in words they use."))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    starts_on = GovUKDateField(label=_("Date it starts"))
    starts_time = _time(_("Time it starts"), _("it starts"))
    ends_on = GovUKDateField(
        label=_("Date it ends (optional)"),
        subject=_("The date it ends"),  # type: ignore[arg-type]
        required=False,
        help_text=_(
            "For one that lasts more than a day. Leave empty if it ends the day it starts."
        ),
    )
    ends_time = _time(_("Time it ends (optional)"), _("it ends"), required=False)
    place = forms.CharField(label=_("Where (optional if online)"), max_length=200, required=False)
    online = forms.BooleanField(label=_("It is online"), required=False)
    accessibility = text_area(
        3,
        required=False,
        help_text=_("Step-free access, BSL interpreter, a quiet room, and so on."),
    )
    closes_on = GovUKDateField(label=_("Closing date"), help_text=_("The last day to sign up."))
    places = whole_number(
        5,
        label=_("Places (optional)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit."),
    )
    age_bands = age_band_ticks(
        _("Age bands it suits"), help_text=_("Leave all unticked for every age.")
    )
    groups = ticks(
        label=_("Groups it suits"),
        queryset=Group.objects.none(),
        required=False,
        help_text=_("Members of any of these groups. Leave all unticked for everyone."),
    )
    areas = forms.CharField(
        label=_("Areas it suits (optional)"),
        required=False,
        help_text=_("Where young people live, separated by commas. Leave empty for everywhere."),
    )
    status = radios(
        Opportunity.Status.choices,
        help_text=_("Young people see it in the portal once it is published."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        organisation = self.fields["organisation"]
        organisation.queryset = selectors.organisations_for_opportunities(user)  # type: ignore[attr-defined]
        self.fields["groups"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]
        if is_partner_worker(user):
            organisation.initial = user.organisation_id

    def clean_areas(self) -> list[str]:
        text = self.cleaned_data.get("areas") or ""
        return [area.strip() for area in AREA_SEPARATORS.split(text) if area.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_time"), data.get("ends_time")
        first, last = data.get("starts_on"), data.get("ends_on")
        if last is not None and first is not None and last < first:
            self.add_error("ends_on", _("The date it ends must be on or after the date it starts"))
        elif last is not None and end is None and "ends_time" not in self.errors:
            self.add_error("ends_time", _("Enter the time it ends"))
        elif end is not None and start is not None and end <= start and last in (None, first):
            self.add_error("ends_time", _("The time it ends must be after the time it starts"))
        return data

    def values(self) -> dict[str, Any]:
        """The service's arguments."""
        data = dict(self.cleaned_data)
        day, start, end = data.pop("starts_on"), data.pop("starts_time"), data.pop("ends_time")
        last = data.pop("ends_on") or day
        zone = timezone.get_current_timezone()
        data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
        data["ends_at"] = datetime.datetime.combine(last, end, tzinfo=zone) if end else None
        data["groups"] = list(data["groups"])
        return data


def opportunity_initial(opportunity: Opportunity) -> dict[str, Any]:
    starts = timezone.localtime(opportunity.starts_at)
    ends = timezone.localtime(opportunity.ends_at) if opportunity.ends_at else None
    fields = (
        "title kind description organisation place online accessibility closes_on places status"
    )
    return initial_of(opportunity, fields) | {
        "starts_on": starts.date(),
        "starts_time": starts.time().replace(second=0, microsecond=0),
        "ends_on": ends.date() if ends and ends.date() != starts.date() else None,
        "ends_time": ends.time().replace(second=0, microsecond=0) if ends else None,
        "age_bands": list(opportunity.age_bands),
        "groups": [group.pk for group in opportunity.groups.all()],
        "areas": ", ".join(opportunity.areas),
    }


class SignUpForm(forms.Form):
    young_person = PersonChoice(
        queryset=YoungPerson.objects.none(),
        label=_("Young person"),
        empty_label=_("Choose a young person"),
        help_text=_("Young people you can see who have not signed up."),
        error_messages={"required": _("Choose the young person to sign up.")},
    )

    def __init__(self, *args: Any, user: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["young_person"]
        field.queryset = selectors.young_people_to_sign_up(user, opportunity)  # type: ignore[attr-defined]
        field.user = user  # type: ignore[attr-defined]


class _SignUpChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    user: Any = None

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj.young_person, self.user)


class _SessionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AttendanceForm(forms.Form):
    """Who came, and the session they attended: an existing one or a new one."""

    sign_ups = _SignUpChoices(
        label=_("Who came"),
        queryset=SignUp.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the young people who came.")},
    )
    session = _SessionChoice(
        label=_("An existing session (optional)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("No: log a new session"),
        help_text=_("The latest sessions of the organisation you can change."),
    )
    date = GovUKDateField(
        label=_("Date of the new session"),
        required=False,
        help_text=_("Leave empty for an existing one."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of new session"),
        choices=[("", _("Choose a kind")), *Session.Kind.choices],
        required=False,
    )
    degree = forms.ChoiceField(
        label=_("Degree of participation"),
        choices=[("", _("Choose a degree")), *Degree.choices],
        required=False,
    )
    participation_type = forms.ChoiceField(
        label=_("Type of participation"),
        choices=[("", _("Choose a type")), *ParticipationType.choices],
        required=False,
    )

    def __init__(self, *args: Any, user: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sign_ups"]
        field.queryset = selectors.waiting_sign_ups(opportunity)  # type: ignore[attr-defined]
        field.user = user  # type: ignore[attr-defined]
        self.fields["session"].queryset = selectors.sessions_for_attendance(  # type: ignore[attr-defined]
            user, opportunity
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("session") is None:
            for name, message in (
                ("date", _("Enter the date of the new session")),
                ("kind", _("Choose the kind of the new session")),
                ("degree", _("Choose the degree of participation")),
                ("participation_type", _("Choose the type of participation")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        new = None
        if data["session"] is None:
            new = {name: data[name] for name in ("date", "kind", "degree", "participation_type")}
        return {"sign_ups": list(data["sign_ups"]), "session": data["session"], "new_session": new}
