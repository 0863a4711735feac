"""The portal's "I need help" form (the safe word): all of it optional, so one press will do."""

from __future__ import annotations

from django import forms

from heard.safeguarding.models import Concern

WORDS_MAX_LENGTH = 5000


class SafeWordForm(forms.Form):
    words = forms.CharField(
        label="Tell us in your own words (you do not have to)",
        help_text="You can write as much or as little as you like.",
        required=False,
        max_length=WORDS_MAX_LENGTH,
        error_messages={
            "max_length": (
                f"That is too long to send: use {WORDS_MAX_LENGTH:,} letters or fewer. "
                "You can tell the safeguarding lead the rest when they get in touch."
            )
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    how_to_contact = forms.ChoiceField(
        label="How would you like us to get in touch? (you do not have to say)",
        required=False,
        choices=Concern.Contact.choices,
        error_messages={
            "invalid_choice": "Choose how you would like us to get in touch, or none of them."
        },
        widget=forms.RadioSelect,
    )
    #: One-time: pressing the button twice (a double click, a refresh) raises one concern.
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
