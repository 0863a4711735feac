"""The form that sets an indicator: it collects input; the services validate and save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.forms import whole_number
from heard.core.roles import PROGRAMME_ROLES, AgeBand, Role
from heard.groups.models import Group, Theme
from heard.indicators.measures import measure_choices
from heard.indicators.models import Indicator
from heard.participation.models import Degree, ParticipationType, Session
from heard.people.models import Organisation, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _any(choices: Any, label: StrOrPromise) -> list[tuple[str, StrOrPromise]]:
    return [("", label), *choices]


class IndicatorForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        help_text=_("As the board knows it, like “Young people actively taking part”."),
    )
    measure = forms.ChoiceField(
        choices=(),
        label=_("Measure"),
        help_text=_("What is counted, from the records. Set only the filters the measure reads."),
    )
    period = forms.ChoiceField(choices=Indicator.Period.choices, initial=Indicator.Period.YEAR)
    target = whole_number(
        5,
        min_value=0,
        help_text=_(
            "A number of young people, sessions or groups, or a percentage for a measure "
            "in per cent."
        ),
    )
    amber_within = whole_number(
        3,
        min_value=0,
        max_value=100,
        initial=10,
        label=_("Amber within (per cent of the target)"),
        help_text=_("Green at or above the target; amber within this share of it; red below."),
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(), required=False, empty_label=_("Any theme")
    )
    group_kind = forms.ChoiceField(
        choices=_any(Group.Kind.choices, _("Any kind of group")),
        required=False,
        label=_("Kind of group"),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label=_("Any organisation")
    )
    lead = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Any lead"),
        label=_("Group lead"),
    )
    age_band = forms.ChoiceField(
        choices=_any(AgeBand.choices, _("Any age")), required=False, label=_("Age band")
    )
    session_kind = forms.ChoiceField(
        choices=_any(Session.Kind.choices, _("Any kind of session")),
        required=False,
        label=_("Kind of session"),
    )
    degree = forms.ChoiceField(
        choices=_any(Degree.choices, _("Any degree")),
        required=False,
        label=_("Degree of participation"),
    )
    participation_type = forms.ChoiceField(
        choices=_any(ParticipationType.choices, _("Any type")),
        required=False,
        label=_("Type of participation"),
    )
    session_title = forms.CharField(
        max_length=100,
        required=False,
        label=_("Sessions titled"),
        help_text=_("Only sessions whose title contains these words (Takeover Day, say)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measure_choices()  # type: ignore[attr-defined]
        self.fields["theme"].queryset = Theme.objects.order_by("-period", "title")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        leads = [*PROGRAMME_ROLES, Role.THEME_LEAD, Role.PARTNER_WORKER]
        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=leads
        ).order_by("full_name")
