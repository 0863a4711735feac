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


class TestSaveForm:
    """The POST half of every create and edit page."""

    @staticmethod
    def request(method="post", data=None):
        from django.contrib.messages.storage.fallback import FallbackStorage
        from django.test import RequestFactory

        request = getattr(RequestFactory(), method)("/", data or {})
        request.session = {}
        request._messages = FallbackStorage(request)
        return request

    def test_get_shows_the_form(self):
        from heard.core.forms import save_form

        calls = []
        request = self.request("get")
        form = Form(None)
        assert save_form(request, form, lambda: calls.append(1), success="x", then="/") is None
        assert calls == []

    def test_saved_flashes_and_redirects_with_what_was_saved(self):
        from django.contrib.messages import get_messages

        from heard.core.forms import save_form

        request = self.request(data={"name": "Ada"})
        response = save_form(
            request,
            Form(request.POST),
            lambda: 7,
            success=lambda n: f"Saved {n}.",
            then=lambda n: f"/things/{n}/",
        )
        assert response.status_code == 302 and response.url == "/things/7/"
        assert [str(m) for m in get_messages(request)] == ["Saved 7."]

    def test_a_service_error_stays_on_the_form_and_nothing_is_flashed(self):
        from django.contrib.messages import get_messages

        from heard.core.forms import save_form

        def refuse():
            raise ValidationError({"name": "Taken."})

        request = self.request(data={"name": "Ada"})
        form = Form(request.POST)
        assert save_form(request, form, refuse, success="x", then="/") is None
        assert form.errors["name"] == ["Taken."]
        assert list(get_messages(request)) == []


def test_changed_values_are_only_the_fields_the_user_changed():
    from heard.core.forms import changed_values

    form = Form({"name": "Ada", "attended": ""}, initial={"name": "Bo", "attended": ""})
    assert form.is_valid()
    assert changed_values(form) == {"name": "Ada"}
