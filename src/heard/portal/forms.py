"""Forms for the portal: they collect and type the input; the services decide and save."""

from __future__ import annotations

from django import forms

from heard.core.forms import add_service_errors  # noqa: F401 (used by the views)
from heard.voice.models import Rating

COMMENT_MAX_LENGTH = 1000


class SignInForm(forms.Form):
    code = forms.CharField(
        label="Your code",
        max_length=20,
        help_text="Your worker gave you this code. It looks like ABCD-2345.",
        error_messages={"required": "Type in the code your worker gave you."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class IssueCodeForm(forms.Form):
    valid_days = forms.TypedChoiceField(
        label="How long until the code must be used?",
        help_text="It works once, on the first device that signs in with it, and is then spent.",
        choices=[(1, "1 day"), (7, "7 days"), (14, "14 days"), (28, "28 days")],
        coerce=int,
        initial=14,
        widget=forms.RadioSelect,
    )


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        choices=Rating.Value.choices,
        error_messages={
            "required": "Choose helpful, not sure or not helpful.",
            "invalid_choice": "Choose helpful, not sure or not helpful.",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": f"Your comment is too long: use {COMMENT_MAX_LENGTH} letters or fewer."
        },
    )


class EvaluationForm(forms.Form):
    """How a session went, in the portal (``heard.portal.evaluation_views``)."""

    rating = forms.ChoiceField(
        choices=[("positive", "Good"), ("neutral", "OK"), ("negative", "Not good")],
        error_messages={
            "required": "Choose good, OK or not good.",
            "invalid_choice": "Choose good, OK or not good.",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": f"Your comment is too long: use {COMMENT_MAX_LENGTH} letters or fewer."
        },
    )
