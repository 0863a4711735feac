"""Who came to a session: a row of status radios per young person when editing one, a check box
per member when logging one."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.permissions import can
from heard.participation import selectors
from heard.participation.models import Attendance
from heard.people.models import YoungPerson

NOT_RECORDED = ""

#: Young people's references as typed in a box: separated by spaces, commas or semicolons.
REFERENCE_SEPARATORS = re.compile(r"[\s,;]+")


def person_label(young_person: YoungPerson, user: Any) -> str:
    if can(user, "people.view_youngperson", young_person):
        return f"{young_person.reference} - {young_person.display_name}"
    return young_person.reference


def status_field(young_person: YoungPerson, user: Any, status: str) -> forms.ChoiceField:
    """Editing: one young person's attendance, starting at the status recorded now."""
    return forms.ChoiceField(
        label=person_label(young_person, user),
        choices=[*Attendance.Status.choices, (NOT_RECORDED, "Not recorded")],
        required=False,
        widget=forms.RadioSelect,
        initial=status,
    )


def attended_field(people: list[YoungPerson], user: Any, usual: Any) -> forms.MultipleChoiceField:
    """Logging: a check box per member; ``usual`` are those who came to most recent sessions."""
    return forms.MultipleChoiceField(
        label=_("Who came?"),
        choices=[(str(person.pk), person_label(person, user)) for person in people],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Tick the members who came. Those who came to most recent sessions are ticked already."
            if usual
            else "Tick the members who came."
        ),
    )


def young_people_named(user: Any, text: str) -> list[YoungPerson]:
    """The young people whose references ``text`` lists (in any case), in its order, among those
    ``user`` may see; a ValidationError names every reference not found."""
    references = [ref.upper() for ref in REFERENCE_SEPARATORS.split(text) if ref]
    found = selectors.young_people_by_reference(user, references)
    missing = [ref for ref in references if ref not in found]
    if missing:
        raise forms.ValidationError(
            _("No young person you can see has the reference %(references)s.")
            % {"references": ", ".join(missing)}
        )
    return [found[ref] for ref in references]
