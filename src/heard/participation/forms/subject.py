"""Step one of logging a session: who it was with, a group or one young person found by a search."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from heard.groups.models import Group
from heard.participation import selectors
from heard.people.models import Organisation, YoungPerson


def _found_label(young_person: YoungPerson, names: bool) -> str:
    """A young person among the search's results: name first, reference beside, for roles that
    see names; the reference alone for the others."""
    if names:
        return f"{young_person.display_name} ({young_person.reference})"
    return young_person.reference


class SessionSubjectForm(forms.Form):
    """Step one of logging a session: who it was with. Sent by GET, so no JavaScript is needed.

    A group, or one young person found by any part of their name or reference (a role that
    does not see names searches references only): a reference typed whole goes straight on;
    otherwise the matches the user may see are offered as radios (``chosen``, by reference) and
    the one chosen goes on as ``?young_person=<reference>``, the next step's query string."""

    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        required=False,
        label=_("Which group?"),
        empty_label=_("Choose a group"),
        help_text=_("The next page lists its members to tick who came."),
    )
    young_person = forms.CharField(
        label=_("Or find one young person"),
        required=False,
        max_length=100,
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Or an organisation's session with no group"),
        empty_label=_("Choose an organisation"),
        help_text=_(
            "An event, a consultation, a Takeover Day or a Primary Parliament sitting: "
            "record who came from anywhere on the register, and count the rest as a headcount."
        ),
    )
    is_open = forms.BooleanField(
        required=False,
        label=_("It was open to all young people, not only the organisation's"),
    )
    chosen = forms.ChoiceField(
        label=_("Which young person was it?"),
        required=False,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the young people listed.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["group"].queryset = selectors.groups_for_logging(user)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = selectors.organisations_for_logging(user)  # type: ignore[attr-defined]
        self.names = selectors.sees_names(user)
        self.fields["young_person"].help_text = (
            "For an individual session, like a one-to-one review: any part of their first, last "
            "or preferred name, or their reference, for example YP-ABC234."
            if self.names
            else "For an individual session, like a one-to-one review: their reference or part "
            "of it, for example YP-ABC234. Your role does not show young people’s names, "
            "so you cannot search by name."
        )
        self.found = selectors.Found()
        self.text = ""
        if self.is_bound:
            self.text = str(self.data.get(self.add_prefix("young_person")) or "").strip()
            if not self.data.get(self.add_prefix("group")) and self.text:
                self.found = selectors.young_person_found(user, self.text[:100])
        if self.found.exact is None and 0 < self.found.total <= selectors.MOST_FOUND:
            self.fields["chosen"].choices = [  # type: ignore[attr-defined]
                (person.reference, _found_label(person, self.names)) for person in self.found.people
            ]
            found = self.found.total
            self.fields["chosen"].help_text = (
                f"{found} young {'person' if found == 1 else 'people'} you can see "
                f"match{'es' if found == 1 else ''} \u201c{self.text}\u201d. Choose one, or "
                "change the search above."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.select("group"),
            Field.text("young_person"),
            Field.select("organisation"),
            Field.checkbox("is_open", small=True),
            *([Field.radios("chosen", small=True)] if self.offers_choice else []),
        )

    @property
    def offers_choice(self) -> bool:
        """Whether the page lists young people to choose one of."""
        return bool(self.fields["chosen"].choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        group, chosen = data.get("group"), data.get("chosen") or ""
        organisation = data.get("organisation")
        data["young_person"] = None
        if group and (self.text or chosen):
            raise forms.ValidationError(_("Choose a group or one young person, not both."))
        if organisation and (group or self.text or chosen):
            raise forms.ValidationError(
                _("Choose a group, one young person or an organisation: only one of them.")
            )
        if data.get("is_open") and not organisation:
            self.add_error("organisation", _("Choose the organisation that ran the open session."))
            return data
        if organisation:
            return data
        if not group and not self.text and not chosen:
            if "group" not in self.errors:
                self.add_error(
                    "group", _("Choose the group, find a young person, or choose an organisation.")
                )
            return data
        if group:
            return data
        if chosen:
            data["young_person"] = next(
                person for person in self.found.people if person.reference == chosen
            )
        elif self.found.exact is not None:
            data["young_person"] = self.found.exact
        elif not self.found.total:
            none = (
                _("No young person you can see matches “%(text)s”.")
                if self.names
                else _("No young person you can see matches “%(text)s” by reference.")
            )
            self.add_error("young_person", none % {"text": self.text})
        elif self.found.total > selectors.MOST_FOUND:
            many = (
                ngettext(
                    "%(total)d young person matches “%(text)s”: type more of their name or "
                    "reference.",
                    "%(total)d young people match “%(text)s”: type more of their name or "
                    "reference.",
                    self.found.total,
                )
                if self.names
                else ngettext(
                    "%(total)d young person matches “%(text)s”: type more of their reference.",
                    "%(total)d young people match “%(text)s”: type more of their reference.",
                    self.found.total,
                )
            )
            self.add_error("young_person", many % {"total": self.found.total, "text": self.text})
        return data

    @property
    def needs_choice(self) -> bool:
        """A search found young people: the worker chooses one of them before going on."""
        return self.offers_choice and not (self.is_valid() and self.cleaned_data["young_person"])
