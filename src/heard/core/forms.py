import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from heard.core.widgets import DateParts, GovUKDateInput

T = TypeVar("T")


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Enter a correct email address and password."),
        "inactive": _("This account is not active. Ask your administrator."),
    }


#: The hint under every date input: GOV.UK's, with this service's year.
#: English, as tests compare it; the field shows it translated.
DATE_HINT = gettext_noop("For example, 27 3 2026")

#: A date's rule, as a GOV.UK error says it: the date is ``PAST`` (before today) or at the latest
#: ``TODAY``.
PAST = "past"
TODAY = "today"


class GovUKDateField(forms.DateField):
    """A date a person types in GOV.UK's date input (day, month and year boxes; see
    ``GovUKDateInput``) with the Design System's error messages, said of ``subject`` ("Date of
    birth must include a month", "... must be a real date"), and only the wrong boxes highlighted.

    ``rule`` is ``PAST`` ("... must be in the past") or ``TODAY`` ("... must be today or in the
    past"). The hint is ``help_text`` (if any) then "For example, 27 3 2026". One ISO value
    under the field's own name (``date=2026-10-01``) is read too.

        date_of_birth = GovUKDateField(label="Date of birth", rule=PAST, birthday=True)
    """

    widget = GovUKDateInput

    def __init__(
        self,
        *,
        subject: str | Promise | None = None,
        rule: str | None = None,
        birthday: bool = False,
        **kwargs: Any,
    ) -> None:
        hint = kwargs.get("help_text")
        example = _(DATE_HINT)  # marked by gettext_noop above
        kwargs["help_text"] = format_lazy("{} {}", hint, example) if hint else example
        if "widget" not in kwargs:
            kwargs["widget"] = GovUKDateInput(birthday=birthday)
        super().__init__(**kwargs)
        self._subject = subject
        self.rule = rule
        given = kwargs.get("error_messages") or {}
        # Lazy, so the messages are said in the language of the request, with the label then.
        if "required" not in given:
            self.error_messages["required"] = lazy(self._required_message, str)()
        if "invalid" not in given:
            self.error_messages["invalid"] = lazy(self._invalid_message, str)()

    @property
    def subject(self) -> str:
        """What the error messages call the date: ``subject``, else the label if it is not a
        question, else "The date"."""
        if self._subject:
            return str(self._subject)
        label = str(self.label or "")
        return label if label and not label.endswith("?") else gettext("The date")

    def _required_message(self) -> str:
        return gettext("Enter %(subject)s") % {"subject": _lower_first(self.subject)}

    def _invalid_message(self) -> str:
        return gettext("%(subject)s must be a real date") % {"subject": self.subject}

    def _missing_message(self, missing: Sequence[str]) -> str:
        messages = {
            ("day",): gettext("%(subject)s must include a day"),
            ("month",): gettext("%(subject)s must include a month"),
            ("year",): gettext("%(subject)s must include a year"),
            ("day", "month"): gettext("%(subject)s must include a day and month"),
            ("day", "year"): gettext("%(subject)s must include a day and year"),
            ("month", "year"): gettext("%(subject)s must include a month and year"),
        }
        return messages[tuple(missing)] % {"subject": self.subject}

    def _wrong(self, message: Any, parts: Sequence[str], code: str) -> ValidationError:
        if isinstance(self.widget, GovUKDateInput):
            self.widget.error_parts = tuple(parts)
        return ValidationError(message, code=code)

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(self.widget, GovUKDateInput):
            self.widget.error_parts = ()
        if isinstance(value, DateParts) and value:
            return self._from_parts(value)
        return super().to_python(value)

    def _from_parts(self, value: DateParts) -> datetime.date:
        boxes = {"day": value.day, "month": value.month, "year": value.year}
        missing = [part for part, box in boxes.items() if not box]
        if missing:
            raise self._wrong(self._missing_message(missing), missing, "incomplete")
        numbers = {part: int(box) if box.isdigit() else None for part, box in boxes.items()}
        wrong = [
            part
            for part, number, largest in (
                ("day", numbers["day"], 31),
                ("month", numbers["month"], 12),
            )
            if number is None or not 1 <= number <= largest
        ]
        if wrong:
            raise self._wrong(self.error_messages["invalid"], wrong, "invalid")
        year = numbers["year"]
        if year is None or len(value.year) != 4:
            raise self._wrong(
                gettext("%(subject)s must include a year with 4 numbers")
                % {"subject": self.subject},
                ["year"],
                "invalid",
            )
        try:
            return datetime.date(year, numbers["month"] or 0, numbers["day"] or 0)
        except ValueError:
            # 31 April, 29 February 2027: the day is what cannot be.
            raise self._wrong(self.error_messages["invalid"], ["day"], "invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values or self.rule is None:
            return
        today = timezone.localdate()
        if self.rule == PAST and value >= today:
            raise ValidationError(
                gettext("%(subject)s must be in the past") % {"subject": self.subject},
                code="future",
            )
        if self.rule == TODAY and value > today:
            raise ValidationError(
                gettext("%(subject)s must be today or in the past") % {"subject": self.subject},
                code="future",
            )


def _lower_first(text: str) -> str:
    """ "Date of birth" -> "date of birth"; an acronym ("DBS check date") stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def number_input(width: int = 5, *, decimal: bool = False) -> forms.TextInput:
    """GOV.UK's way to ask for a number: a text box with a numeric keyboard (``inputmode``), not
    ``type="number"``, which crispy-forms-gds leaves unstyled and whose spinner changes a value
    on a scroll."""
    return forms.TextInput(
        attrs={
            "class": f"govuk-input govuk-input--width-{width}",
            "inputmode": "decimal" if decimal else "numeric",
            "spellcheck": "false",
        }
    )


def whole_number(width: int = 5, **kwargs: Any) -> forms.IntegerField:
    """A whole number in a GOV.UK text box ``width`` characters wide (see :func:`number_input`)."""
    return forms.IntegerField(widget=number_input(width), **kwargs)


def decimal_number(
    *, digits: int, places: int, width: int = 10, **kwargs: Any
) -> forms.DecimalField:
    """A number of ``digits`` with ``places`` decimals (pounds and pence, hours) in a GOV.UK text
    box ``width`` characters wide."""
    return forms.DecimalField(
        max_digits=digits,
        decimal_places=places,
        widget=number_input(width, decimal=True),
        **kwargs,
    )


def text_area(rows: int = 3, **kwargs: Any) -> forms.CharField:
    """A text field written in a box of ``rows`` lines."""
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def radios(choices: Any, **kwargs: Any) -> forms.ChoiceField:
    """One of ``choices``, as GOV.UK radios."""
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


def ticks(choices: Any = (), *, queryset: Any = None, **kwargs: Any) -> forms.Field:
    """Any of ``choices`` (or of the rows of ``queryset``), as GOV.UK checkboxes."""
    if queryset is not None:
        return forms.ModelMultipleChoiceField(
            queryset=queryset, widget=forms.CheckboxSelectMultiple, **kwargs
        )
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)


def url_input() -> forms.TextInput:
    """A web address as a GOV.UK text input (crispy-forms-gds leaves ``URLInput`` unstyled)."""
    return forms.TextInput(
        attrs={"class": "govuk-input", "inputmode": "url", "spellcheck": "false"}
    )


def add_service_errors(
    form: Any, exc: ValidationError, *, aliases: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Show a service's ValidationError on the form: against the field it names when the form has
    one, else above the form. ``aliases`` maps a service's field to the form fields that stand for
    it (the first one present gets the message), e.g. ``{"attendees": ("attended", ...)}``; a
    form's own ``service_error_fields`` does the same for every view that shows it (a moment the
    form asks for as a date and a time)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    aliases = {**getattr(form, "service_error_fields", {}), **(aliases or {})}
    for name, field_messages in exc.message_dict.items():
        target: str | None = name if name in form.fields else None
        if name in aliases:
            target = next((alias for alias in aliases[name] if alias in form.fields), None)
        for message in field_messages:
            form.add_error(target, message)


def save_form(
    request: HttpRequest,
    form: Any,
    save: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    then: str | Callable[[T], str],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> HttpResponse | None:
    """The POST half of every create and edit page: when the form is valid, ``save()`` (a call
    to a service); its ValidationError goes on the form, otherwise ``success`` is flashed and the
    response redirects to ``then`` (a URL or URL name, or made from what was saved). ``aliases``
    as for :func:`add_service_errors`. ``None``
    means: show the form (again), with its errors if any.

        if done := save_form(request, form, lambda: services.theme_create(...),
                             success="Theme added.", then=lambda theme: theme_url(theme)):
            return done
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as exc:
        add_service_errors(form, exc, aliases=aliases)
        return None
    messages.success(request, success(saved) if callable(success) else success)
    return redirect(then(saved) if callable(then) else then)


SAVE_OPTIONS = ("success", "then", "aliases")


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    template: str = "includes/form_page.html",
    **options: Any,
) -> HttpResponse:
    """The whole of a create or edit page: :func:`save_form` (with ``success``, ``then`` and
    ``aliases`` from ``options``) on a valid POST, otherwise the form (again, with its errors) in
    ``template`` with the other ``options`` as its context (title, back link, button text).

        return form_page(request, form, lambda: services.theme_create(actor=user, **values),
                         success="Theme added.", then=theme_url, title="Add a theme")
    """
    saving = {name: options.pop(name) for name in SAVE_OPTIONS if name in options}
    if done := save_form(request, form, save, **saving):
        return done
    return render(request, template, {"form": form, **options})


def picked_values(form: Any, *names: str) -> dict[str, Any]:
    """The cleaned values of the fields ``names``, as they are: what a service takes of them."""
    return {name: form.cleaned_data[name] for name in names}


def changed_values(form: Any) -> dict[str, Any]:
    """The cleaned values of the fields the user changed: what an edit passes to its service."""
    return {name: form.cleaned_data[name] for name in form.changed_data}
