"""The portal's "I need help" form (the safe word): all of it optional, so one press will do."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.safeguarding.models import Concern

WORDS_MAX_LENGTH = 5000
#: The ways a safeguarding lead may get in touch, as the portal says them (in the young person's
#: language).
CONTACT_CHOICES = [
    (Concern.Contact.FACE_TO_FACE.value, _("Talk face to face")),
    (Concern.Contact.PHONE.value, _("A phone call")),
    (Concern.Contact.TEXT.value, _("A text message")),
    (Concern.Contact.WORKER.value, _("Through my worker")),
]
WORDS_TOO_LONG = lazy(
    lambda: (
        gettext(
            "That is too long to send: use %(limit)s letters or fewer. "
            "You can tell the safeguarding lead the rest when they get in touch."
        )
        % {"limit": f"{WORDS_MAX_LENGTH:,}"}
    ),
    str,
)()


class SafeWordForm(forms.Form):
    words = forms.CharField(
        label=_("Tell us in your own words (you do not have to)"),
        help_text=_("You can write as much or as little as you like."),
        required=False,
        max_length=WORDS_MAX_LENGTH,
        error_messages={"max_length": WORDS_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    how_to_contact = forms.ChoiceField(
        label=_("How would you like us to get in touch? (you do not have to say)"),
        required=False,
        choices=CONTACT_CHOICES,
        error_messages={
            "invalid_choice": _("Choose how you would like us to get in touch, or none of them.")
        },
        widget=forms.RadioSelect,
    )
    #: One-time: pressing the button twice (a double click, a refresh) raises one concern.
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
