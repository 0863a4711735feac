"""Forms for recording views (many at once from a session), responses, feedback and evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crispy_forms_gds.choices import Choice
from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.filters import QuickSelectForm
from heard.core.form_parts import PeopleChoices, initial_of
from heard.core.forms import (
    TODAY,
    GovUKDateField,
    picked_values,
    radios,
    text_area,
    ticks,
    url_input,
)
from heard.groups import selectors as group_selectors
from heard.groups.filters import few_group_choices
from heard.groups.models import Group, Theme
from heard.participation.models import Session
from heard.people.models import YoungPerson
from heard.voice.models import Feedback, Response, View

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: How many blank view rows the session page offers at once.
VIEW_ROWS = 5

OUTCOME_HINTS: dict[str, StrOrPromise] = {
    Response.Outcome.CHANGED: _("We did what they asked."),
    Response.Outcome.PARTLY_CHANGED: _("We did some of it."),
    Response.Outcome.NOT_POSSIBLE: _("We could not: you must explain why."),
    Response.Outcome.STILL_CONSIDERING: _("A decision has not been made yet."),
}


def themes_for_views(user: Any) -> Any:
    return group_selectors.themes_visible_to(user).order_by("-period", "title")


class ViewEntryForm(forms.Form):
    """One view of a session's quick-entry page. A row left blank is skipped."""

    text = forms.CharField(
        label=_("What was said"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        error_messages={"required": _("Enter what was said.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=View.Kind.choices, initial=View.Kind.VIEW)
    themes = ticks(
        queryset=Theme.objects.none(), required=False, label=_("Themes (Spotlight areas)")
    )
    young_people = PeopleChoices(
        queryset=YoungPerson.objects.none(),
        required=False,
        label=_("Who gave it"),
        help_text=_("Tick the young people, or the whole group, or anonymous."),
    )
    whole_group = forms.BooleanField(required=False, label=_("The whole group"))
    is_anonymous = forms.BooleanField(required=False, label=_("Anonymous"))
    consent = forms.ChoiceField(
        label=_("How it may be used"), choices=View.Consent.choices, initial=View.Consent.INTERNAL
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        session: Session,
        attendees: list[YoungPerson],
        themes: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        people = self.fields["young_people"]
        people.queryset = YoungPerson.objects.filter(pk__in=[p.pk for p in attendees])  # type: ignore[attr-defined]
        people.user = user  # type: ignore[attr-defined]
        if not attendees:
            del self.fields["young_people"]
        if session.group_id is None:
            del self.fields["whole_group"]
        else:
            name = session.group.name  # type: ignore[union-attr]
            self.fields["whole_group"].label = _("The whole group (%(name)s)") % {"name": name}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = bool(data.get("young_people"))
        if named and data.get("is_anonymous"):
            self.add_error("is_anonymous", _("Untick anonymous, or untick the young people."))
        elif not named and not data.get("whole_group") and not data.get("is_anonymous"):
            target = "young_people" if "young_people" in self.fields else "is_anonymous"
            self.add_error(
                target, _("Say who gave the view: the young people, the whole group, or anonymous.")
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **picked_values(self, "text", "kind", "consent"),
            "themes": list(data.get("themes") or []),
            "young_people": list(data.get("young_people") or []),
            "group": self.session.group if data.get("whole_group") else None,
            "is_anonymous": bool(data.get("is_anonymous")),
        }


class BaseViewEntryFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Enter at least one view."))

    def entries(self) -> list[dict[str, Any]]:
        return [form.service_kwargs() for form in self.forms if form.has_changed()]


ViewEntryFormSet = forms.formset_factory(
    ViewEntryForm, formset=BaseViewEntryFormSet, extra=VIEW_ROWS, max_num=VIEW_ROWS
)


class ViewEditForm(forms.Form):
    text = forms.CharField(
        label=_("What was said"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )
    kind = radios(View.Kind.choices, label=_("Kind"))
    recorded_on = GovUKDateField(
        label=_("Date given"),
        subject=_("The date the view was given"),  # type: ignore[arg-type]
        rule=TODAY,
    )
    themes = ticks(
        queryset=Theme.objects.none(), required=False, label=_("Themes (Spotlight areas)")
    )
    consent = radios(View.Consent.choices, label=_("How it may be used"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes_for_views(user)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(view: View) -> dict[str, Any]:
        initial = initial_of(view, "text kind recorded_on consent")
        return initial | {"themes": list(view.themes.all())}


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A photo (JPEG or PNG), a recording (MP3, M4A or WAV), a PDF or a Word "
            "document, up to 10 MB."
        ),
        error_messages={"required": _("Choose a file to upload.")},
    )
    description = forms.CharField(max_length=200, required=False, label=_("What it is"))


class ResponseForm(forms.Form):
    decision_maker = forms.CharField(
        max_length=200,
        label=_("Who made the decision"),
        help_text=_("A person or a board, like Head of Youth Services."),
        error_messages={"required": _("Enter who made the decision.")},
    )
    outcome = forms.ChoiceField(
        choices=[
            Choice(code, label, hint=OUTCOME_HINTS[code])
            for code, label in Response.Outcome.choices
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    explanation = forms.CharField(
        label=_("What changed, or why not"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
        help_text=_("Required. When it was not possible, give the reason."),
    )
    plain_language = forms.CharField(
        label=_("The same, in words a child can read"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Short sentences and short words: aim for a reading age of 11 or under."),
        error_messages={"required": _("Enter the response in words a child can read.")},
    )
    date = GovUKDateField(
        label=_("Date of the response"),
        rule=TODAY,
        error_messages={"required": _("Enter the date of the response.")},
    )
    evidence_link = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Link to evidence"),
        widget=url_input(),
        help_text=_("Optional: a web page or document showing what was done."),
    )


class FeedbackForm(forms.Form):
    date = GovUKDateField(
        label=_("Date they were told"),
        subject=_("The date they were told"),  # type: ignore[arg-type]
        rule=TODAY,
        error_messages={"required": _("Enter the date they were told.")},
    )
    channel = radios(
        Feedback.Channel.choices,
        label=_("How they were told"),
        error_messages={"required": _("Choose how they were told.")},
    )
    groups = ticks(queryset=Group.objects.none(), required=False, label=_("Groups told"))
    young_people = PeopleChoices(
        queryset=YoungPerson.objects.none(), required=False, label=_("Young people told")
    )
    notes = text_area(3, required=False)

    def __init__(self, *args: Any, user: Any, people: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        field = self.fields["young_people"]
        field.queryset = people  # type: ignore[attr-defined]
        field.user = user  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("young_people") and not data.get("groups") and not self.errors:
            self.add_error(
                "young_people", _("Choose who was told: the young people or the groups.")
            )
        return data


class LoopFilterForm(QuickSelectForm):
    """The loop figures' filters, sent by GET (its selects written by ``QuickSelect``)."""

    start = GovUKDateField(required=False, label=_("Views given from"), subject=_("The start date"))  # type: ignore[arg-type]
    end = GovUKDateField(required=False, label=_("Views given to"), subject=_("The end date"))  # type: ignore[arg-type]
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(), required=False, empty_label=_("Any theme")
    )
    #: A drop-down when the user sees few groups, else a name search (see ``__init__``).
    group = forms.CharField(required=False, label=_("Group"), max_length=200)
    organisation = forms.ModelChoiceField(
        queryset=Group.objects.none(), required=False, empty_label=_("Any organisation")
    )

    def __init__(self, *args: Any, themes: Any, groups: Any, organisations: Any, **kwargs: Any):
        """``groups``: the visible groups, plain (no counts): a national partnership has 15,000,
        so they are offered as a drop-down only up to ``groups.filters.GROUP_CHOICES_MAX``."""
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.groups = groups
        choices = few_group_choices(groups.order_by("name", "pk").values_list("pk", "name"))
        if choices is not None:
            self.fields["group"] = forms.ChoiceField(
                required=False, label=_("Group"), choices=[("", _("Any group")), *choices]
            )
        else:
            self.fields["group"].help_text = _("The group's name, or part of it.")

    def clean_group(self) -> Group | None:
        """The one visible group the value names: its id (the drop-down, links) or its name."""
        value = (self.cleaned_data.get("group") or "").strip()
        if not value:
            return None
        if value.isdigit():
            found = list(self.groups.filter(pk=int(value))[:1])
        else:
            exact = list(self.groups.filter(name__iexact=value)[:2])
            found = exact or list(self.groups.filter(name__icontains=value)[:2])
            if len(found) > 1:
                raise forms.ValidationError(
                    _("More than one group's name contains “%(value)s”: enter more of the name.")
                    % {"value": value}
                )
        if not found:
            raise forms.ValidationError(
                _("No group you can see is called “%(value)s”.") % {"value": value}
            )
        return found[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data
