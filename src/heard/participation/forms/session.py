"""Logging or editing one session: what it was, who ran it and who came."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import initial_of
from heard.core.forms import GovUKDateField, picked_values, radios
from heard.core.roles import HearByRightStandard
from heard.groups.models import Group, Theme
from heard.participation import selectors
from heard.participation.forms.attendance import (
    NOT_RECORDED,
    attended_field,
    status_field,
    young_people_named,
)
from heard.participation.forms.hints import DEGREE_HINTS, TYPE_HINTS
from heard.participation.models import Attendance, Degree, ParticipationType, Session
from heard.people.models import YoungPerson
from heard.people.templatetags.young_people import young_person_link


def _checkboxes(queryset: Any, label: str) -> forms.ModelMultipleChoiceField:
    """An optional choice of many records, as check boxes."""
    return forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple, label=label
    )


def _details_start(is_open: bool) -> str:
    """The opening of the "Add more detail (optional)" details element; the layout closes it."""
    return format_html(
        '<details class="govuk-details"{}><summary class="govuk-details__summary">'
        '<span class="govuk-details__summary-text">Add more detail (optional)</span>'
        '</summary><div class="govuk-details__text">',
        " open" if is_open else "",
    )


class SessionForm(forms.Form):
    """Logging or editing one session and its attendance."""

    date = GovUKDateField(
        label=_("When was it?"),
        subject=_("The date of the session"),
        error_messages={"required": _("Enter the date of the session.")},
    )
    kind = radios(
        Session.Kind.choices,
        label=_("What kind of session was it?"),
        error_messages={"required": _("Choose the kind of session.")},
    )
    title = forms.CharField(
        max_length=200, required=False, help_text=_("Optional: what it was about.")
    )
    staff_present = forms.ModelMultipleChoiceField(
        queryset=selectors.active_staff(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Which staff were there?"),
        error_messages={"invalid_choice": _("Choose staff from the list.")},
    )
    partner_staff_present = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Which partner staff were there?"),
        help_text=_("One per line."),
    )
    methods = _checkboxes(selectors.methods_all(), "Which methods were used?")
    degree = forms.ChoiceField(
        label=_("How far did young people lead?"),
        choices=[Choice(code, label, hint=DEGREE_HINTS[code]) for code, label in Degree.choices],
        widget=forms.RadioSelect,
        help_text=_("The degree of participation, from the Wheel of Participation."),
        error_messages={"required": _("Choose the degree of participation.")},
    )
    participation_type = forms.ChoiceField(
        label=_("What type of participation was it?"),
        choices=[
            Choice(code, label, hint=TYPE_HINTS[code]) for code, label in ParticipationType.choices
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of participation.")},
    )
    standards = forms.MultipleChoiceField(
        label=_("Which Hear by Right standards did it meet?"),
        choices=HearByRightStandard.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = _checkboxes(Theme.objects.none(), "Which themes (Spotlight areas) was it about?")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, label=_("Anything else to note?")
    )
    monitoring_form_complete = forms.BooleanField(
        required=False, label=_("The monitoring form for this session is complete")
    )
    other_attendees = forms.CharField(
        required=False,
        label=_("Who else came?"),
        help_text=_(
            "References of young people who are not members, separated by spaces or commas."
        ),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        group: Group | None = None,
        young_person: YoungPerson | None = None,
        session: Session | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.group = group
        self.young_person = young_person
        self.session = session
        self.editing = session is not None
        self._remember()
        self._scope_choices()
        self.people: dict[int, YoungPerson] = {}
        self.status_fields: list[str] = []
        current = self._gather_people()
        if young_person is not None and session is None:
            self.fields.pop("other_attendees")
        ordered = sorted(self.people.values(), key=lambda person: person.reference)
        if self.editing:
            self._add_statuses(ordered, current)
        elif ordered:
            self._add_attended(ordered)
        self._split_staff()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self._layout()

    def _remember(self) -> None:
        """The kind, degree and type of the group's (or young person's) latest session, and who
        usually comes: a new session starts as that one, so a typical one needs no change."""
        self.remembered: dict[str, Any] = {}
        if self.editing:
            return
        self.remembered = selectors.logging_defaults(
            group=self.group, young_person=self.young_person
        )
        for name in selectors.REMEMBERED_FIELDS:
            if name in self.remembered:
                self.initial.setdefault(name, self.remembered[name])

    def _scope_choices(self) -> None:
        """The themes and staff the user may choose; an edit keeps the staff the session records."""
        session = self.session
        self.fields["themes"].queryset = selectors.themes_for_sessions(  # type: ignore[attr-defined]
            self.user, session=session
        )
        self.fields["staff_present"].queryset = selectors.staff_choosable(  # type: ignore[attr-defined]
            self.user,
            keep=[member.pk for member in session.staff_present.all()] if session else (),
        )

    def _gather_people(self) -> dict[int, str]:
        """Collect into ``self.people`` who the session records and the group's current members;
        return the status each recorded young person has now."""
        current: dict[int, str] = {}
        if self.session is not None:
            for attendance in self.session.attendances.all():
                self.people[attendance.young_person_id] = attendance.young_person
                current[attendance.young_person_id] = attendance.status
        if self.group is not None:
            for person in selectors.current_members(self.group):
                self.people.setdefault(person.pk, person)
        return current

    def _add_statuses(self, ordered: list[YoungPerson], current: dict[int, str]) -> None:
        """Editing: one row of status radios per young person, starting at their status now."""
        for person in ordered:
            name = f"status_{person.pk}"
            self.fields[name] = status_field(
                person, self.user, current.get(person.pk, NOT_RECORDED)
            )
            self.status_fields.append(name)

    def _add_attended(self, ordered: list[YoungPerson]) -> None:
        """Logging: a check box per member, those who usually come ticked already."""
        usual = self.remembered.get("usual_attendees", set())
        self.initial.setdefault(
            "attended", [str(person.pk) for person in ordered if person.pk in usual]
        )
        self.fields["attended"] = attended_field(ordered, self.user, usual)

    def _split_staff(self) -> None:
        """ "Which staff were there?" lists the worker, the staff at the latest sessions and anyone
        already chosen; every other member of staff is folded away with the optional detail,
        so a partnership's whole staff is not a phone's screenfuls of check boxes. Still one
        query: the choices are read once here, not again by the widgets."""
        field: Any = self.fields["staff_present"]
        chosen = {
            str(getattr(value, "pk", value)) for value in self.initial.get("staff_present", [])
        }
        if self.is_bound:
            posted: Any = getattr(self.data, "getlist", lambda name: [])
            chosen |= set(posted(self.add_prefix("staff_present")))
        shown = {str(self.user.pk), *map(str, self.remembered.get("usual_staff", ())), *chosen}
        staff = list(field.queryset)
        main = [user for user in staff if str(user.pk) in shown]
        rest = [user for user in staff if str(user.pk) not in shown]
        label = field.label_from_instance
        if not main or not rest:
            field.choices = [(user.pk, label(user)) for user in staff]
            return
        field.choices = [(user.pk, label(user)) for user in main]
        other = _checkboxes(
            field.queryset.filter(pk__in=[user.pk for user in rest]),
            "Which other staff were there?",
        )
        other.error_messages["invalid_choice"] = "Choose staff from the list."
        other.choices = [(user.pk, label(user)) for user in rest]
        self.fields["other_staff_present"] = other

    def _layout(self) -> Layout:
        remembered = [
            Field.radios("kind", small=True),
            Field.radios("degree"),
            Field.radios("participation_type"),
        ]
        folded_remembered = all(name in self.remembered for name in selectors.REMEMBERED_FIELDS)
        people = self._people_layout()
        is_open = self._details_open(folded_remembered)
        return Layout(
            Field.text("date"),
            *people,
            *([] if folded_remembered else remembered),
            Field.checkboxes("staff_present", small=True),
            HTML(self._remembered_summary() if folded_remembered else ""),
            HTML(_details_start(is_open)),
            *(remembered if folded_remembered else []),
            *self._optional_layout(),
            HTML("</div></details>"),
        )

    def _people_layout(self) -> list[Any]:
        """Who came: status radios when editing, member check boxes when logging a group's
        session, or a line naming the one young person a one-to-one is with."""
        if self.status_fields:
            return [Field.radios(name, small=True, inline=True) for name in self.status_fields]
        if "attended" in self.fields:
            return [Field.checkboxes("attended", small=True)]
        if self.young_person is not None and not self.editing:
            return [
                HTML(
                    format_html(
                        '<p class="govuk-body">{} is recorded as attending this session.</p>',
                        young_person_link({"user": self.user}, self.young_person),
                    )
                )
            ]
        return []

    def _optional_layout(self) -> list[Any]:
        """The optional detail always folded away under "Add more detail"."""
        return [
            Field.text("title"),
            *([Field.text("other_attendees")] if "other_attendees" in self.fields else []),
            Field.checkboxes("methods", small=True),
            Field.checkboxes("standards", small=True),
            Field.checkboxes("themes", small=True),
            *(
                [Field.checkboxes("other_staff_present", small=True)]
                if "other_staff_present" in self.fields
                else []
            ),
            Field.textarea("partner_staff_present"),
            Field.textarea("notes"),
            Field.checkbox("monitoring_form_complete", small=True),
        ]

    def _details_open(self, folded_remembered: bool) -> bool:
        """Open when editing, or when a folded-away answer needs fixing: never hide an error."""
        folded = [
            "title",
            "other_attendees",
            "methods",
            "standards",
            "themes",
            "other_staff_present",
            "partner_staff_present",
            "notes",
            "monitoring_form_complete",
            *(selectors.REMEMBERED_FIELDS if folded_remembered else ()),
        ]
        return self.editing or any(name in self.errors for name in folded)

    def _remembered_summary(self) -> str:
        """What the new session is recorded as unless changed: the group's latest session's."""
        kind = dict(Session.Kind.choices).get(self.remembered["kind"], "")
        degree = dict(Degree.choices).get(self.remembered["degree"], "")
        kind_of = dict(ParticipationType.choices).get(self.remembered["participation_type"], "")
        return format_html(
            '<div class="govuk-inset-text" id="remembered"><p class="govuk-body">Recorded as '
            'last time:</p><ul class="govuk-list govuk-list--bullet"><li>{}</li><li>{}</li>'
            '<li>{}</li></ul><p class="govuk-body">Change these under \u201cAdd more detail'
            "\u201d.</p></div>",
            kind,
            degree,
            kind_of,
        )

    def clean_other_attendees(self) -> list[YoungPerson]:
        return young_people_named(self.user, self.cleaned_data.get("other_attendees", ""))

    def attendees(self) -> list[tuple[YoungPerson, str]]:
        """The attendance list to give the service, from the ticked boxes or chosen statuses."""
        pairs: list[tuple[YoungPerson, str]] = []
        if self.status_fields:
            for name in self.status_fields:
                status = self.cleaned_data.get(name) or NOT_RECORDED
                if status != NOT_RECORDED:
                    pairs.append((self.people[int(name.removeprefix("status_"))], status))
        elif "attended" in self.fields:
            pairs.extend(
                (self.people[int(pk)], Attendance.Status.ATTENDED)
                for pk in self.cleaned_data.get("attended", [])
            )
        elif self.young_person is not None and not self.editing:
            pairs.append((self.young_person, Attendance.Status.ATTENDED))
        listed = {person.pk for person, _ in pairs}
        for person in self.cleaned_data.get("other_attendees") or []:
            if person.pk not in listed:
                pairs.append((person, Attendance.Status.ATTENDED))
                listed.add(person.pk)
        return pairs

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **picked_values(
                self,
                "date",
                "kind",
                "title",
                "partner_staff_present",
                "degree",
                "participation_type",
                "notes",
                "monitoring_form_complete",
            ),
            "staff_present": list(
                dict.fromkeys([*data["staff_present"], *data.get("other_staff_present", [])])
            ),
            "methods": list(data["methods"]),
            "standards": list(data["standards"]),
            "themes": list(data["themes"]),
            "attendees": self.attendees(),
        }

    @staticmethod
    def initial_for(session: Session) -> dict[str, Any]:
        fields = (
            "date kind title partner_staff_present degree participation_type notes"
            " monitoring_form_complete"
        )
        return initial_of(session, fields) | {
            "staff_present": list(session.staff_present.all()),
            "methods": list(session.methods.all()),
            "standards": [standard.code for standard in session.standards.all()],
            "themes": list(session.themes.all()),
        }
