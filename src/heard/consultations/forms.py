"""Forms for consultations, questions and the portal's surveys: they collect and type the
input; the services decide and save."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.consultations import selectors
from heard.consultations.models import Consultation, Question
from heard.consultations.services.responses import TEXT_MAX_LENGTH, question_key
from heard.core.form_parts import age_band_ticks, initial_of
from heard.core.forms import GovUKDateField, radios, text_area, ticks
from heard.groups.models import Group, Theme
from heard.people.models import Organisation
from heard.voice.models import Response
from heard.voice.policies import RESPONSE_POLICY

#: Numbers are separated by commas, spaces or new lines.
SEPARATORS = re.compile(r"[\s,;]+")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ConsultationForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text=_("What young people are asked, like “Have Your Say 2026”.")
    )
    summary = text_area(3, required=False, help_text=_("What it asks and why."))
    organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    owner = forms.ModelChoiceField(
        label=_("Owner (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("You"),
        help_text=_("The member of staff who runs it."),
    )
    method = radios(Consultation.Method.choices)
    opens_on = GovUKDateField(label=_("Opens"))
    closes_on = GovUKDateField(label=_("Closes"))
    themes = ticks(
        queryset=Theme.objects.order_by("-period", "title"),
        required=False,
        help_text=_("Heard shows others on the same themes and audience before it starts."),
    )
    age_bands = age_band_ticks(
        _("Audience: age bands (optional)"), help_text=_("Leave empty for every age.")
    )
    groups = ticks(
        label=_("Audience: groups (optional)"),
        queryset=Group.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for every group."),
    )
    areas = text_area(
        2,
        label=_("Audience: areas (optional)"),
        required=False,
        help_text=_("One area a line, like Fenland. Leave empty for every area."),
    )
    organisations = ticks(
        label=_("Audience: organisations (optional)"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_(
            "Young people these organisations support. Leave empty for every organisation."
        ),
    )
    findings = text_area(4, required=False)
    decisions = text_area(3, label=_("Decisions that followed"), required=False)
    responses = forms.CharField(
        label=_("Responses in the loop (optional)"),
        required=False,
        help_text=_("Numbers of the responses to views that came from it, separated by commas."),
    )

    def __init__(
        self, *args: Any, user: Any, consultation: Consultation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = selectors.organisations_for_consultations(user)  # type: ignore[attr-defined]
        owner = self.fields["owner"]
        if consultation is not None:  # an edit: empty is no owner (a new one's is you)
            owner.empty_label = _("No one")  # type: ignore[attr-defined]
        owner.queryset = selectors.owner_choices(user)  # type: ignore[attr-defined]
        owner.label_from_instance = lambda staff: staff.full_name  # type: ignore[attr-defined]
        if getattr(user, "role", None) == "partner_worker":
            self.fields["organisation"].initial = user.organisation_id

    def clean_areas(self) -> list[str]:
        return _lines(self.cleaned_data.get("areas") or "")

    def clean_responses(self) -> list[Response]:
        text = self.cleaned_data.get("responses") or ""
        numbers = [part for part in SEPARATORS.split(text) if part]
        wrong = [part for part in numbers if not part.isdigit()]
        if wrong:
            raise forms.ValidationError(_("Enter response numbers, like 12, 15."))
        wanted = {int(part) for part in numbers}
        found = list(RESPONSE_POLICY.scope(self.user, "view").filter(pk__in=wanted))
        missing = sorted(wanted - {response.pk for response in found})
        if missing:
            raise forms.ValidationError(
                _("No response you can see has the number %(numbers)s.")
                % {"numbers": ", ".join(map(str, missing))}
            )
        return found


def consultation_initial(consultation: Consultation) -> dict[str, Any]:
    """An edit form's first values: the consultation's."""
    fields = "title summary organisation owner method opens_on closes_on findings decisions"
    return initial_of(consultation, fields) | {
        "themes": [theme.pk for theme in consultation.themes.all()],
        "age_bands": list(consultation.age_bands),
        "groups": list(consultation.groups.values_list("pk", flat=True)),
        "areas": "\n".join(consultation.areas),
        "organisations": list(consultation.organisations.values_list("pk", flat=True)),
        "responses": ", ".join(
            str(pk) for pk in consultation.responses.values_list("pk", flat=True)
        ),
    }


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = radios(Question.Kind.choices, label=_("Kind of answer"))
    options = text_area(
        4,
        label=_("Options (choice questions)"),
        required=False,
        help_text=_("One option a line, at least two."),
    )
    low_label = forms.CharField(
        label=_("Label for 1 (scale questions, optional)"),
        max_length=100,
        required=False,
        help_text=_("Like “Not at all”."),
    )
    high_label = forms.CharField(
        label=_("Label for 5 (scale questions, optional)"),
        max_length=100,
        required=False,
        help_text=_("Like “Very much”."),
    )
    required = forms.TypedChoiceField(
        label=_("Must young people answer it?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether young people must answer it.")},
    )

    def clean_options(self) -> list[str]:
        return _lines(self.cleaned_data.get("options") or "")


def question_initial(question: Question) -> dict[str, Any]:
    return initial_of(question, "text kind low_label high_label") | {
        "options": "\n".join(question.options),
        "required": "yes" if question.required else "no",
    }


def scale_choices(question: Question) -> list[tuple[str, str]]:
    labels = {1: question.low_label, 5: question.high_label}
    return [
        (str(point), f"{point} - {labels[point]}" if labels.get(point) else str(point))
        for point in range(1, 6)
    ]


class SurveyForm(forms.Form):
    """A survey's questions as a form, one field each, named by ``question_key``."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            messages = {"required": _("Answer this question.")}
            numbered = {"position": question.position, "text": question.text}
            if question.required:
                label = _("%(position)s. %(text)s") % numbered
            else:
                label = _("%(position)s. %(text)s (you do not have to answer)") % numbered
            field: forms.Field
            if question.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(option, option) for option in question.options],
                    widget=forms.RadioSelect,
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(option, option) for option in question.options],
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose all that apply."),
                )
            elif question.kind == Question.Kind.SCALE:
                field = radios(
                    scale_choices(question), help_text=_("1 is the lowest, 5 the highest.")
                )
            else:
                field = text_area(4, max_length=TEXT_MAX_LENGTH)
            field.label = label
            field.required = question.required
            field.error_messages.update(messages)
            self.fields[question_key(question)] = field
