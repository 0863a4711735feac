"""Importing sessions from a CSV file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SessionImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=(
            _(
                "Columns: date, kind, group, young_person, title, degree, participation_type, "
                "standards, themes, methods, attendees, monitoring_form_complete, notes. "
                "Separate several values with semicolons."
            )
        ),
        error_messages={"required": _("Choose a CSV file to import.")},
    )
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Only check the file: import nothing"),
    )
