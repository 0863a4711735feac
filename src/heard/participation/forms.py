"""Forms for logging and editing sessions, choosing who a session was with, and importing a CSV."""

from __future__ import annotations

import re
from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.utils.html import format_html

from heard.core.forms import GovUKDateField
from heard.core.permissions import can
from heard.core.roles import HearByRightStandard
from heard.groups.models import Group, Theme
from heard.participation import selectors
from heard.participation.models import Attendance, Degree, ParticipationType, Session
from heard.people.models import YoungPerson
from heard.people.templatetags.young_people import young_person_link

#: What each degree means, from the Wheel of Participation (seed 002, after Treseder).
DEGREE_HINTS: dict[str, str] = {
    Degree.CONSULTED_INFORMED: (
        "Consult. Adults design and run the project, but children and young people are consulted. "
        "They understand the process and their opinions are taken seriously."
    ),
    Degree.ASSIGNED_INFORMED: (
        "Inform. Adults decide on the project and young people volunteer for it. They understand "
        "the project and know who decided to involve them and why."
    ),
    Degree.ADULT_INITIATED_SHARED: (
        "Involve. Adults have the initial idea, but young people are involved in every step of "
        "planning and doing it, and in making the decisions."
    ),
    Degree.CYP_INITIATED_SHARED: (
        "Involve. Children and young people have the ideas, set up projects and come to adults for "
        "advice and support. The adults do not direct."
    ),
    Degree.CYP_INITIATED_DIRECTED: (
        "Involve. Children and young people have the idea and decide how it is carried out. Adults "
        "are available but do not take charge."
    ),
}
TYPE_HINTS: dict[str, str] = {
    ParticipationType.INDIVIDUAL: "Decisions about their own care, support or service plan.",
    ParticipationType.SOCIAL: "In their community, school or youth work.",
    ParticipationType.PUBLIC: "Forums, councils, surveys, recruitment, inspection and boards.",
}
NOT_RECORDED = ""
_REFERENCE_SPLIT = re.compile(r"[\s,;]+")


def _heading(text: str) -> HTML:
    return HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', text))


def _person_label(young_person: YoungPerson, user: Any) -> str:
    if can(user, "people.view_youngperson", young_person):
        return f"{young_person.reference} - {young_person.display_name}"
    return young_person.reference


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
        label="Which group?",
        empty_label="Choose a group",
        help_text="The next page lists its members to tick who came.",
    )
    young_person = forms.CharField(
        label="Or find one young person",
        required=False,
        max_length=100,
    )
    chosen = forms.ChoiceField(
        label="Which young person was it?",
        required=False,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the young people listed."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["group"].queryset = selectors.groups_for_logging(user)  # type: ignore[attr-defined]
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
            if not self.data.get(self.add_prefix("group")):
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
            *([Field.radios("chosen", small=True)] if self.offers_choice else []),
        )

    @property
    def offers_choice(self) -> bool:
        """Whether the page lists young people to choose one of."""
        return bool(self.fields["chosen"].choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        group, chosen = data.get("group"), data.get("chosen") or ""
        data["young_person"] = None
        if group and (self.text or chosen):
            raise forms.ValidationError("Choose a group or one young person, not both.")
        if not group and not self.text and not chosen:
            if "group" not in self.errors:
                self.add_error("group", "Choose the group, or find a young person.")
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
            searched = "" if self.names else " by reference"
            self.add_error(
                "young_person",
                f"No young person you can see matches \u201c{self.text}\u201d{searched}.",
            )
        elif self.found.total > selectors.MOST_FOUND:
            more = "of their name or reference" if self.names else "of their reference"
            self.add_error(
                "young_person",
                f"{self.found.total} young people match \u201c{self.text}\u201d: type more {more}.",
            )
        return data

    @property
    def needs_choice(self) -> bool:
        """A search found young people: the worker chooses one of them before going on."""
        return self.offers_choice and not (self.is_valid() and self.cleaned_data["young_person"])


def _checkboxes(queryset: Any, label: str) -> forms.ModelMultipleChoiceField:
    """An optional choice of many records, as check boxes."""
    return forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple, label=label
    )


class SessionForm(forms.Form):
    """Logging or editing one session and its attendance."""

    date = GovUKDateField(
        label="When was it?",
        subject="The date of the session",
        error_messages={"required": "Enter the date of the session."},
    )
    kind = forms.ChoiceField(
        label="What kind of session was it?",
        choices=Session.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of session."},
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Optional: what it was about."
    )
    staff_present = forms.ModelMultipleChoiceField(
        queryset=selectors.active_staff(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which staff were there?",
        error_messages={"invalid_choice": "Choose staff from the list."},
    )
    partner_staff_present = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Which partner staff were there?",
        help_text="One per line.",
    )
    methods = _checkboxes(selectors.methods_all(), "Which methods were used?")
    degree = forms.ChoiceField(
        label="How far did young people lead?",
        choices=[Choice(code, label, hint=DEGREE_HINTS[code]) for code, label in Degree.choices],
        widget=forms.RadioSelect,
        help_text="The degree of participation, from the Wheel of Participation.",
        error_messages={"required": "Choose the degree of participation."},
    )
    participation_type = forms.ChoiceField(
        label="What type of participation was it?",
        choices=[
            Choice(code, label, hint=TYPE_HINTS[code]) for code, label in ParticipationType.choices
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of participation."},
    )
    standards = forms.MultipleChoiceField(
        label="Which Hear by Right standards did it meet?",
        choices=HearByRightStandard.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = _checkboxes(Theme.objects.none(), "Which themes (Spotlight areas) was it about?")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, label="Anything else to note?"
    )
    monitoring_form_complete = forms.BooleanField(
        required=False, label="The monitoring form for this session is complete"
    )
    other_attendees = forms.CharField(
        required=False,
        label="Who else came?",
        help_text="References of young people who are not members, separated by spaces or commas.",
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
        #: The kind, degree and type of the group's (or young person's) latest session, and who
        #: usually comes: a new session starts as that one, so a typical one needs no change.
        self.remembered: dict[str, Any] = {}
        if not self.editing:
            self.remembered = selectors.logging_defaults(group=group, young_person=young_person)
            for name in selectors.REMEMBERED_FIELDS:
                if name in self.remembered:
                    self.initial.setdefault(name, self.remembered[name])
        self.fields["themes"].queryset = selectors.themes_for_sessions(  # type: ignore[attr-defined]
            user, session=session
        )
        # Staff the user may choose, and any the session already records: an edit keeps them.
        self.fields["staff_present"].queryset = selectors.staff_choosable(  # type: ignore[attr-defined]
            user,
            keep=[member.pk for member in session.staff_present.all()] if session else (),
        )
        self.people: dict[int, YoungPerson] = {}
        self.status_fields: list[str] = []
        current: dict[int, str] = {}
        if session is not None:
            for attendance in session.attendances.all():
                self.people[attendance.young_person_id] = attendance.young_person
                current[attendance.young_person_id] = attendance.status
        if group is not None:
            for person in selectors.current_members(group):
                self.people.setdefault(person.pk, person)
        if young_person is not None and session is None:
            self.fields.pop("other_attendees")
        ordered = sorted(self.people.values(), key=lambda person: person.reference)
        if self.editing:
            statuses = [*Attendance.Status.choices, (NOT_RECORDED, "Not recorded")]
            for person in ordered:
                name = f"status_{person.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=_person_label(person, user),
                    choices=statuses,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=current.get(person.pk, NOT_RECORDED),
                )
                self.status_fields.append(name)
        elif ordered:
            usual = self.remembered.get("usual_attendees", set())
            self.initial.setdefault(
                "attended", [str(person.pk) for person in ordered if person.pk in usual]
            )
            self.fields["attended"] = forms.MultipleChoiceField(
                label="Who came?",
                choices=[(str(person.pk), _person_label(person, user)) for person in ordered],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=(
                    "Tick the members who came. Those who came to most recent sessions are "
                    "ticked already."
                    if usual
                    else "Tick the members who came."
                ),
            )
        self._split_staff()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self._layout()

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
        people: list[Any] = []
        if self.status_fields:
            people = [Field.radios(name, small=True, inline=True) for name in self.status_fields]
        elif "attended" in self.fields:
            people = [Field.checkboxes("attended", small=True)]
        elif self.young_person is not None and not self.editing:
            people = [
                HTML(
                    format_html(
                        '<p class="govuk-body">{} is recorded as attending this session.</p>',
                        young_person_link({"user": self.user}, self.young_person),
                    )
                )
            ]
        remembered = [
            Field.radios("kind", small=True),
            Field.radios("degree"),
            Field.radios("participation_type"),
        ]
        folded_remembered = all(name in self.remembered for name in selectors.REMEMBERED_FIELDS)
        optional = [
            *(remembered if folded_remembered else []),
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
        # Open when editing, or when a folded-away answer needs fixing: never hide an error.
        is_open = self.editing or any(name in self.errors for name in folded)
        return Layout(
            Field.text("date"),
            *people,
            *([] if folded_remembered else remembered),
            Field.checkboxes("staff_present", small=True),
            HTML(self._remembered_summary() if folded_remembered else ""),
            HTML(
                format_html(
                    '<details class="govuk-details"{}><summary class="govuk-details__summary">'
                    '<span class="govuk-details__summary-text">Add more detail (optional)</span>'
                    '</summary><div class="govuk-details__text">',
                    " open" if is_open else "",
                )
            ),
            *optional,
            HTML("</div></details>"),
        )

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
        text = self.cleaned_data.get("other_attendees", "")
        references = [ref.upper() for ref in _REFERENCE_SPLIT.split(text) if ref]
        found = selectors.young_people_by_reference(self.user, references)
        missing = [ref for ref in references if ref not in found]
        if missing:
            raise forms.ValidationError(
                f"No young person you can see has the reference {', '.join(missing)}."
            )
        return [found[ref] for ref in references]

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
            "date": data["date"],
            "kind": data["kind"],
            "title": data["title"],
            "staff_present": list(
                dict.fromkeys([*data["staff_present"], *data.get("other_staff_present", [])])
            ),
            "partner_staff_present": data["partner_staff_present"],
            "methods": list(data["methods"]),
            "degree": data["degree"],
            "participation_type": data["participation_type"],
            "standards": list(data["standards"]),
            "themes": list(data["themes"]),
            "notes": data["notes"],
            "monitoring_form_complete": data["monitoring_form_complete"],
            "attendees": self.attendees(),
        }

    @staticmethod
    def initial_for(session: Session) -> dict[str, Any]:
        return {
            "date": session.date,
            "kind": session.kind,
            "title": session.title,
            "staff_present": list(session.staff_present.all()),
            "partner_staff_present": session.partner_staff_present,
            "methods": list(session.methods.all()),
            "degree": session.degree,
            "participation_type": session.participation_type,
            "standards": [standard.code for standard in session.standards.all()],
            "themes": list(session.themes.all()),
            "notes": session.notes,
            "monitoring_form_complete": session.monitoring_form_complete,
        }


class SessionImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "Columns: date, kind, group, young_person, title, degree, participation_type, "
            "standards, themes, methods, attendees, monitoring_form_complete, notes. "
            "Separate several values with semicolons."
        ),
        error_messages={"required": "Choose a CSV file to import."},
    )
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label="Only check the file: import nothing",
    )
