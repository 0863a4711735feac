"""The reminders page's form: one tick box per reminder kind."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.messaging.models import REMINDER_KINDS, ReminderPreference


class ReminderForm(forms.Form):
    def __init__(self, *args: Any, initial_settings: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in REMINDER_KINDS:
            field: Any = ReminderPreference._meta.get_field(kind)
            self.fields[kind] = forms.BooleanField(
                label=field.verbose_name,
                required=False,
                initial=initial_settings[kind],
                help_text=_("An email once a day when there is something waiting."),
            )
