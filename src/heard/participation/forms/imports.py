"""Importing sessions from a CSV file."""

from __future__ import annotations

from django import forms


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
