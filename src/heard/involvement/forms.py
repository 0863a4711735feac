"""Forms for involvement activities and evaluations: they collect and type the input; the
services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import PersonChoice, initial_of
from heard.core.form_parts import person_label as person_label  # the activity page's, too
from heard.core.forms import TODAY, GovUKDateField, radios, text_area, ticks
from heard.core.permissions import is_partner_worker
from heard.involvement import selectors
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.involvement.services.evaluations import COMMENT_MAX_LENGTH
from heard.participation.forms.attendance import young_people_named
from heard.people.models import Organisation, YoungPerson


class ActivityForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text=_("What was decided, like “Recruiting a youth worker”.")
    )
    kind = radios(InvolvementActivity.Kind.choices)
    date = GovUKDateField(label=_("Date"), rule=TODAY, help_text=_("When the decision was made."))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    young_people_involved = forms.TypedChoiceField(
        label=_("Were young people involved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether young people were involved.")},
    )
    how = ticks(
        InvolvementActivity.How.choices,
        label=_("How were they involved?"),
        required=False,
        help_text=_("Select all that apply."),
    )
    young_people = text_area(
        2,
        label=_("Which young people (optional)"),
        required=False,
        help_text=_("Their references, like YP-ABC234, separated by commas or spaces."),
    )
    notes = text_area(3, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = selectors.organisations_for_activities(user)  # type: ignore[attr-defined]
        if is_partner_worker(user):  # their own organisation is the only one they may choose
            self.fields["organisation"].initial = user.organisation_id

    def clean_young_people(self) -> list[YoungPerson]:
        named = young_people_named(self.user, self.cleaned_data.get("young_people") or "")
        return list(dict.fromkeys(named))  # each once, however often typed


def activity_initial(activity: InvolvementActivity, people: Any) -> dict[str, Any]:
    """An edit form's first values: the activity's, with the young people the user may see."""
    return initial_of(activity, "title kind date organisation notes") | {
        "young_people_involved": "yes" if activity.young_people_involved else "no",
        "how": list(activity.how),
        "young_people": ", ".join(person.reference for person in people),
    }


class EvaluationForm(forms.Form):
    young_person = PersonChoice(
        queryset=YoungPerson.objects.none(),
        required=False,
        label=_("Who gave it"),
        empty_label=_("Anonymous (no name on the paper form)"),
        help_text=_("Attendees of the session who have not evaluated it yet."),
    )
    rating = radios(
        Evaluation.Rating.choices,
        label=_("How did it go for them?"),
        error_messages={"required": _("Choose positive, neutral or negative.")},
    )
    comment = text_area(
        3,
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("What they wrote, if anything."),
    )

    def __init__(self, *args: Any, user: Any, attendees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if attendees is None:
            del self.fields["young_person"]
        else:
            field = self.fields["young_person"]
            field.queryset = attendees  # type: ignore[attr-defined]
            field.user = user  # type: ignore[attr-defined]
