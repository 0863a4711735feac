"""Who came to a session: a row of status radios per young person when editing one, a check box
per member when logging one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.permissions import can
from heard.participation.models import Attendance
from heard.people.models import YoungPerson

NOT_RECORDED = ""


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
