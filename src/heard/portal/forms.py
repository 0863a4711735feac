"""Forms for the portal: they collect and type the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.core.forms import add_service_errors  # noqa: F401 (used by the views)
from heard.voice.models import Rating

COMMENT_MAX_LENGTH = 1000


class SignInForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("Your worker gave you this code. It looks like ABCD-2345."),
        error_messages={"required": _("Type in the code your worker gave you.")},
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


#: A rating's three answers, as the portal's buttons say them (in the young person's language).
RATING_CHOICES = [
    (Rating.Value.HELPFUL.value, _("Helpful")),
    (Rating.Value.NOT_SURE.value, _("Not sure")),
    (Rating.Value.NOT_HELPFUL.value, _("Not helpful")),
]
#: The comment's limit, in words a child can read.
COMMENT_TOO_LONG = lazy(
    lambda: (
        gettext("Your comment is too long: use %(limit)s letters or fewer.")
        % {"limit": COMMENT_MAX_LENGTH}
    ),
    str,
)()


def _one_of(choices: list[tuple[str, Any]], choose: Any) -> forms.ChoiceField:
    """One of the portal's buttons; ``choose`` says what to do when none (or another) is sent."""
    return forms.ChoiceField(
        choices=choices, error_messages={"required": choose, "invalid_choice": choose}
    )


def _comment() -> forms.CharField:
    """A young person's comment, if they wish, up to ``COMMENT_MAX_LENGTH`` letters."""
    return forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"max_length": COMMENT_TOO_LONG},
    )


class RatingForm(forms.Form):
    value = _one_of(RATING_CHOICES, _("Choose helpful, not sure or not helpful."))
    comment = _comment()


class EvaluationForm(forms.Form):
    """How a session went, in the portal (``heard.portal.evaluation_views``)."""

    rating = _one_of(
        [("positive", _("Good")), ("neutral", _("OK")), ("negative", _("Not good"))],
        _("Choose good, OK or not good."),
    )
    comment = _comment()
