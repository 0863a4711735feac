"""GOV.UK's date input (issue 17): ``GovUKDateField`` and ``GovUKDateInput``.

Three boxes (day, month, year) in a fieldset with a legend and the hint "For example, 27 3
2026"; the Design System's error messages, only the wrong boxes highlighted, the error summary
linking to the day box; one ISO value under the field's own name still read (links, the API)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import django_filters
import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from heard.core.filters import DateFilter, FilterSet, date_range
from heard.core.forms import DATE_HINT, PAST, TODAY, GovUKDateField
from heard.core.widgets import DateParts, GovUKDateInput
from heard.participation.models import Session


class Form(forms.Form):
    date_of_birth = GovUKDateField(label="Date of birth", rule=PAST, birthday=True)
    given_on = GovUKDateField(
        label="When was it given?", subject="The date it was given", rule=TODAY, required=False
    )


def parts(day: str = "", month: str = "", year: str = "", name: str = "date_of_birth") -> dict:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


class _Boxes(HTMLParser):
    """The date input's boxes by part: (value, highlighted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.boxes: dict[str, tuple[str, bool]] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input":
            classes = (attributes.get("class") or "").split()
            self.boxes[str(attributes["name"])] = (
                attributes.get("value") or "",
                "govuk-input--error" in classes,
            )
        if tag == "a":
            self.links.append(str(attributes.get("href")))


def rendered(form: forms.Form) -> tuple[str, _Boxes]:
    html = Template(
        "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{{ form|crispy }}"
    ).render(Context({"form": form}))
    parser = _Boxes()
    parser.feed(html)
    return html, parser


def highlighted(form: forms.Form, name: str = "date_of_birth") -> set[str]:
    _html, parser = rendered(form)
    return {
        box.removeprefix(f"{name}_")
        for box, (_value, wrong) in parser.boxes.items()
        if box.startswith(f"{name}_") and wrong
    }


def test_three_parts_make_a_date() -> None:
    form = Form(parts("27", "3", "2012"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2012, 3, 27)
    assert form.cleaned_data["given_on"] is None
    # Spaces and leading zeros as people type them.
    form = Form(parts(" 07 ", "03", "2012"))
    assert form.is_valid() and form.cleaned_data["date_of_birth"] == datetime.date(2012, 3, 7)


def test_the_page_shows_a_fieldset_legend_hint_and_three_labelled_boxes() -> None:
    html, parser = rendered(Form())
    assert '<fieldset class="govuk-fieldset" role="group"' in html
    assert "Date of birth" in html.split('<legend class="govuk-fieldset__legend">')[1]
    assert f'<div id="id_date_of_birth_hint" class="govuk-hint">{DATE_HINT}</div>' in html
    assert DATE_HINT == "For example, 27 3 2026"
    assert list(parser.boxes)[:3] == [
        "date_of_birth_day",
        "date_of_birth_month",
        "date_of_birth_year",
    ]
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert f'for="id_date_of_birth_{part}">{label}</label>' in html
        assert f'id="id_date_of_birth_{part}" name="date_of_birth_{part}" type="text"' in html
    assert html.count('inputmode="numeric"') == 6
    assert 'autocomplete="bday-day"' in html and html.count("autocomplete=") == 3
    assert 'type="date"' not in html and " required" not in html
    assert "govuk-input--width-2" in html and "govuk-input--width-4" in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("", "3", "2012", "Date of birth must include a day", {"day"}),
        ("27", "", "2012", "Date of birth must include a month", {"month"}),
        ("27", "3", "", "Date of birth must include a year", {"year"}),
        ("", "", "2012", "Date of birth must include a day and month", {"day", "month"}),
        ("", "3", "", "Date of birth must include a day and year", {"day", "year"}),
        ("32", "3", "2012", "Date of birth must be a real date", {"day"}),
        ("27", "13", "2012", "Date of birth must be a real date", {"month"}),
        ("0", "0", "2012", "Date of birth must be a real date", {"day", "month"}),
        ("x", "3", "2012", "Date of birth must be a real date", {"day"}),
        ("31", "4", "2012", "Date of birth must be a real date", {"day"}),
        ("29", "2", "2011", "Date of birth must be a real date", {"day"}),
        ("27", "3", "12", "Date of birth must include a year with 4 numbers", {"year"}),
        ("27", "3", "twelve", "Date of birth must include a year with 4 numbers", {"year"}),
    ],
)
def test_each_mistake_has_its_message_and_only_its_boxes_highlighted(
    day: str, month: str, year: str, message: str, wrong: set[str]
) -> None:
    form = Form(parts(day, month, year))
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]
    assert highlighted(form) == wrong
    # What was typed is shown again, as typed.
    _html, parser = rendered(form)
    assert [parser.boxes[f"date_of_birth_{part}"][0] for part in ("day", "month", "year")] == [
        day,
        month,
        year,
    ]


def test_29_february_is_a_date_in_a_leap_year_only() -> None:
    assert Form(parts("29", "2", "2012")).is_valid()
    assert Form(parts("29", "2", "2013")).errors["date_of_birth"] == [
        "Date of birth must be a real date"
    ]


def test_nothing_entered_asks_for_the_date_and_highlights_every_box() -> None:
    form = Form(parts())
    assert form.errors["date_of_birth"] == ["Enter date of birth"]
    assert highlighted(form) == {"day", "month", "year"}
    # Optional: nothing is no date, and no error.
    assert "given_on" not in form.errors and highlighted(form, "given_on") == set()


def test_a_question_label_is_not_the_subject_of_its_errors() -> None:
    form = Form({**parts("1", "1", "2012"), **parts("", "5", "2026", name="given_on")})
    assert form.errors["given_on"] == ["The date it was given must include a day"]
    assert highlighted(form, "given_on") == {"day"}
    assert GovUKDateField(label="When?").subject == "The date"
    assert GovUKDateField(label="Date of issue").error_messages["required"] == (
        "Enter date of issue"
    )
    assert GovUKDateField(error_messages={"required": "Enter it."}).error_messages == {
        "required": "Enter it.",
        "invalid": "The date must be a real date",
    }


def test_the_rules_past_and_today_or_before() -> None:
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)

    def date_parts(day: datetime.date, name: str) -> dict:
        return parts(str(day.day), str(day.month), str(day.year), name=name)

    form = Form({**date_parts(today, "date_of_birth"), **date_parts(tomorrow, "given_on")})
    assert form.errors == {
        "date_of_birth": ["Date of birth must be in the past"],
        "given_on": ["The date it was given must be today or in the past"],
    }
    # The whole date is wrong: every box is highlighted.
    assert highlighted(form) == {"day", "month", "year"}
    form = Form(
        {
            **date_parts(today, "date_of_birth") | parts("1", "1", "2012"),
            **date_parts(today, "given_on"),
        }
    )
    assert form.is_valid(), form.errors


def test_one_iso_value_under_the_fields_name_is_read_and_shown_as_three_boxes() -> None:
    form = Form({"date_of_birth": "2012-03-27", "given_on": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2012, 3, 27)
    _html, parser = rendered(Form({"date_of_birth": "2012-03-27"}))
    assert parser.boxes["date_of_birth_day"] == ("27", False)
    assert parser.boxes["date_of_birth_month"] == ("3", False)
    assert parser.boxes["date_of_birth_year"] == ("2012", False)
    # Not a date: the same message, every box highlighted (which part is wrong is not known).
    form = Form({"date_of_birth": "2012-13-27"})
    assert form.errors["date_of_birth"] == ["Date of birth must be a real date"]
    assert highlighted(form) == {"day", "month", "year"}
    # The boxes win when both are sent, as a page's form sends them.
    form = Form({"date_of_birth": "2012-03-27", **parts("1", "2", "2013")})
    assert form.is_valid() and form.cleaned_data["date_of_birth"] == datetime.date(2013, 2, 1)


def test_an_initial_date_fills_the_boxes_and_the_same_date_is_no_change() -> None:
    form = Form(initial={"date_of_birth": datetime.date(2012, 3, 27)})
    _html, parser = rendered(form)
    assert parser.boxes["date_of_birth_day"] == ("27", False)
    bound = Form(parts("27", "03", "2012"), initial={"date_of_birth": datetime.date(2012, 3, 27)})
    assert bound.is_valid() and "date_of_birth" not in bound.changed_data
    bound = Form(parts("28", "3", "2012"), initial={"date_of_birth": datetime.date(2012, 3, 27)})
    assert bound.is_valid() and bound.changed_data == ["date_of_birth"]


def test_the_error_summary_links_to_the_day_box() -> None:
    form = Form(parts("27", "", "2012"))
    html, parser = rendered(form)
    assert "#id_date_of_birth_day" in parser.links
    assert 'id="id_date_of_birth_day"' in html
    assert 'aria-describedby="id_date_of_birth_hint id_date_of_birth_1_error"' in html
    assert "govuk-form-group--error" in html.split('id="div_id_date_of_birth"')[1][:60]


def test_a_service_error_on_the_field_highlights_every_box() -> None:
    form = Form(parts("27", "3", "2012"))
    assert form.is_valid()
    form.add_error("date_of_birth", "The date of birth must be after 1900.")
    assert highlighted(form) == {"day", "month", "year"}
    assert "#id_date_of_birth_day" in rendered(form)[1].links


def test_a_plain_date_field_with_the_widget_still_reads_the_boxes() -> None:
    """A form that declares ``forms.DateField(widget=GovUKDateInput())`` (the sign-in events'
    filter) keeps working: the boxes read as year-month-day."""

    class Plain(forms.Form):
        start = forms.DateField(required=False, widget=GovUKDateInput())

    form = Plain(parts("1", "2", "2026", name="start"))
    assert form.is_valid() and form.cleaned_data["start"] == datetime.date(2026, 2, 1)
    assert Plain({"start": "2026-02-01"}).is_valid()
    assert not Plain(parts("1", "", "2026", name="start")).is_valid()
    assert Plain(parts(name="start")).is_valid()


def test_the_widget_reads_nothing_when_nothing_was_sent() -> None:
    widget = GovUKDateInput()
    assert widget.value_from_datadict({}, {}, "d") is None
    assert widget.value_omitted_from_data({}, {}, "d")
    assert not widget.value_omitted_from_data({"d_month": ""}, {}, "d")
    assert not widget.value_omitted_from_data({"d": "2026-01-01"}, {}, "d")
    assert widget.value_from_datadict({"d_day": "", "d_month": "", "d_year": ""}, {}, "d") == ""
    sent = widget.value_from_datadict({"d_day": "5", "d_month": "6", "d_year": "2026"}, {}, "d")
    assert isinstance(sent, DateParts) and (sent.day, sent.month, sent.year) == ("5", "6", "2026")
    assert sent == "2026-6-5"
    assert widget.id_for_label("id_d") == "id_d_day"


@pytest.mark.django_db
def test_date_filters_take_the_boxes_or_one_iso_value_from_a_link() -> None:
    class Sessions(FilterSet):
        date_from, date_to = date_range("date")

        class Meta:
            model = Session
            fields: list[str] = []

    assert isinstance(Sessions.base_filters["date_from"], django_filters.DateFilter)
    assert isinstance(Sessions.base_filters["date_from"], DateFilter)
    linked = Sessions({"date_from": "2026-01-01"}, queryset=Session.objects.all())
    assert linked.form.is_valid()
    assert linked.form.cleaned_data["date_from"] == datetime.date(2026, 1, 1)
    typed = Sessions(
        {**parts("1", "1", "2026", name="date_from"), **parts("31", "12", "2026", name="date_to")},
        queryset=Session.objects.all(),
    )
    assert typed.form.is_valid()
    assert typed.form.cleaned_data["date_to"] == datetime.date(2026, 12, 31)
    wrong = Sessions(parts("31", "2", "2026", name="date_to"), queryset=Session.objects.all())
    assert wrong.form.errors["date_to"] == ["The end date must be a real date"]
    html, parser = rendered(wrong.form)
    assert {name for name, (_v, bad) in parser.boxes.items() if bad} == {"date_to_day"}
    assert "For example, 27 3 2026" in html
