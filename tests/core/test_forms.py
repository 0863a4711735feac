"""One way to put a service's ValidationError on a form, for every app's pages."""

from django import forms
from django.core.exceptions import ValidationError

from heard.core.forms import add_service_errors


class Form(forms.Form):
    name = forms.CharField(required=False)
    attended = forms.CharField(required=False)


def bound():
    form = Form({})
    assert form.is_valid()
    return form


def test_field_errors_go_on_their_field_and_unknown_ones_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError({"name": "Enter a name.", "date": "Too late."}))
    assert form.errors["name"] == ["Enter a name."]
    assert form.non_field_errors() == ["Too late."]


def test_a_plain_error_goes_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError("Nothing to do."))
    assert form.non_field_errors() == ["Nothing to do."]


def test_aliases_put_a_service_field_on_the_form_field_that_stands_for_it():
    form = bound()
    add_service_errors(
        form,
        ValidationError({"attendees": "Staff need a current check."}),
        aliases={"attendees": ("other_attendees", "attended")},
    )
    assert form.errors["attended"] == ["Staff need a current check."]
