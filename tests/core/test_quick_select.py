"""QuickSelect writes every option in a number of Python calls that does not grow with the options
(issue 16), with the markup of Django's own Select byte for byte: records labelled by their
``LABEL_FIELD`` are read as ``(pk, label)`` rows; any other record keeps its ``__str__``."""

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from heard.core.widgets import QuickSelect
from heard.groups.filters import GroupFilter
from heard.groups.models import Theme
from heard.participation.filters import SessionFilter
from heard.participation.models import Session
from heard.people.filters import StaffFilter, YoungPersonFilter
from heard.people.models import Organisation, User, YoungPerson
from heard.voice.filters import ViewFilter
from heard.voice.models import View
from tests import factories
from tests.calls import python_calls

NAUGHTY = 'Hillside & <Co> "Quoted" O\'Neill'
NAUGHTY_HTML = "Hillside &amp; &lt;Co&gt; &quot;Quoted&quot; O&#x27;Neill"


def _pair(field_class, data=None, **kwargs):
    """The same field drawn by Django's Select and by QuickSelect."""

    def form(widget):
        field = field_class(
            required=False, widget=widget(attrs={"class": "govuk-select"}), **kwargs
        )
        return type("Form", (forms.Form,), {"pick": field})(data)

    django_form, quick_form = form(forms.Select), form(QuickSelect)
    if data:
        django_form.is_valid(), quick_form.is_valid()
    return str(django_form["pick"]), str(quick_form["pick"])


@pytest.mark.parametrize("value", [None, "", "1", "3", "<&\"'>", "missing"])
def test_flat_choices_match_djangos_select(value):
    choices = [
        ("", "Any"),
        ("1", NAUGHTY),
        (3, "Three"),
        ("<&\"'>", mark_safe("<b>safe</b>")),  # noqa: S308 - a test's own constant
        ("lazy", gettext_lazy("Lazy & late")),
        ("1", "The same value again, never chosen"),
    ]
    django_html, quick_html = _pair(
        forms.ChoiceField, None if value is None else {"pick": value}, choices=choices
    )
    assert quick_html == django_html
    assert NAUGHTY_HTML in quick_html
    assert quick_html.count(" selected") == (0 if value == "missing" else 1)


@pytest.mark.django_db
@pytest.mark.parametrize("prefetched", [False, True])
@pytest.mark.parametrize("empty_label", ["Any organisation", None])
@pytest.mark.parametrize("chosen", [None, "", "hillside", "missing"])
def test_records_with_a_label_field_match_djangos_select(chosen, empty_label, prefetched):
    factories.OrganisationFactory(name="Riverside Trust")
    hillside = factories.OrganisationFactory(name=NAUGHTY)
    value = {"hillside": str(hillside.pk), "missing": "999999"}.get(chosen, chosen)
    queryset = Organisation.objects.order_by("name")
    django_html, quick_html = _pair(
        forms.ModelChoiceField,
        None if value is None else {"pick": value},
        queryset=queryset.prefetch_related("champions") if prefetched else queryset,
        empty_label=empty_label,
    )
    assert quick_html == django_html
    assert NAUGHTY_HTML in quick_html
    shown = chosen == "hillside" or (chosen in (None, "") and empty_label is not None)
    assert quick_html.count(" selected") == (1 if shown else 0)
    assert ("Any organisation" in quick_html) is (empty_label is not None)


class _Labelled(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.area})"


class _ChoiceIterator(ModelChoiceIterator):
    def choice(self, obj):
        value, label = super().choice(obj)
        return value, f"Organisation: {label}"


class _Iterated(forms.ModelChoiceField):
    iterator = _ChoiceIterator


class _Prepared(forms.ModelChoiceField):
    def prepare_value(self, value):
        return f"org-{value.pk}" if hasattr(value, "_meta") else super().prepare_value(value)

    def to_python(self, value):
        return super().to_python(value.removeprefix("org-") if value else value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field_class", "kwargs", "label"),
    [
        (forms.ModelChoiceField, {"to_field_name": "name"}, NAUGHTY_HTML),
        (_Labelled, {}, f"{NAUGHTY_HTML} (Cambridgeshire)"),
        (_Iterated, {}, f"Organisation: {NAUGHTY_HTML}"),
        (_Prepared, {}, NAUGHTY_HTML),
    ],
)
def test_a_field_that_labels_records_its_own_way_keeps_its_labels(field_class, kwargs, label):
    organisation = factories.OrganisationFactory(name=NAUGHTY)
    value = organisation.name if kwargs else str(organisation.pk)
    if field_class is _Prepared:
        value = f"org-{organisation.pk}"
    django_html, quick_html = _pair(
        field_class, {"pick": value}, queryset=Organisation.objects.all(), **kwargs
    )
    assert quick_html == django_html
    assert f" selected>{label}</option>" in quick_html


@pytest.mark.django_db
def test_records_labelled_by_more_than_one_field_keep_their_str():
    theme = factories.ThemeFactory(title="Safe & <sound>", period="2026-27")
    assert not hasattr(Theme, "LABEL_FIELD")
    django_html, quick_html = _pair(
        forms.ModelChoiceField, {"pick": str(theme.pk)}, queryset=Theme.objects.all()
    )
    assert quick_html == django_html
    assert f'value="{theme.pk}" selected>Safe &amp; &lt;sound&gt; (2026-27)</option>' in quick_html


@pytest.mark.django_db
def test_django_filters_null_choice_comes_after_the_empty_label(rf):
    organisation = factories.OrganisationFactory(name=NAUGHTY)

    class Filters(django_filters.FilterSet):
        organisation = django_filters.ModelChoiceFilter(
            queryset=Organisation.objects.all(), null_label="No organisation"
        )

        class Meta:
            model = YoungPerson
            fields = ["organisation"]

    form = Filters({"organisation": "null"}, queryset=YoungPerson.objects.all()).form
    form.is_valid()
    django_html = str(form["organisation"])
    form.fields["organisation"].widget = QuickSelect(attrs=form.fields["organisation"].widget.attrs)
    form.fields["organisation"].widget.choices = form.fields["organisation"].choices
    quick_html = str(form["organisation"])
    assert quick_html.replace(' class="govuk-select"', "") == django_html
    assert (
        '<option value="">---------</option>\n  <option value="null" selected>No organisation'
        f'</option>\n  <option value="{organisation.pk}">{NAUGHTY_HTML}</option>'
    ) in quick_html


def test_a_select_of_several_marks_every_chosen_value():
    class Several(QuickSelect):
        allow_multiple_selected = True

    html = Several(choices=[("a", "A"), ("b", "B"), ("c", "C")]).render("pick", ["a", "c"])
    assert '"a" selected>' in html and '"b">' in html and '"c" selected>' in html


@pytest.mark.django_db
def test_every_label_field_is_what_str_returns():
    declared = [model for model in apps.get_models() if hasattr(model, "LABEL_FIELD")]
    assert Organisation in declared
    for model in declared:
        instance = model(**{model.LABEL_FIELD: NAUGHTY})
        assert str(instance) == getattr(instance, model.LABEL_FIELD) == NAUGHTY


LISTS = [
    (YoungPersonFilter, YoungPerson, "organisation"),
    (StaffFilter, User, "organisation"),
    (SessionFilter, Session, "organisation"),
    (ViewFilter, View, "organisation"),
    (GroupFilter, factories.Group, "host_organisation"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("filter_class", "model", "name"), LISTS)
def test_every_lists_organisation_drop_down_takes_the_same_calls_for_5_or_60(
    rf, admin_user, filter_class, model, name
):
    def calls():
        request = rf.get("/")
        request.user = admin_user
        form = filter_class(None, queryset=model.objects.all(), request=request).form
        str(form[name])  # once uncounted: the first query of a kind fills Django's caches
        return python_calls(lambda: str(form[name])), str(form[name])

    factories.OrganisationFactory.create_batch(5)
    with_5, html = calls()
    assert html.count("<option") == 6
    factories.OrganisationFactory.create_batch(55)
    with_60, html = calls()
    assert html.count("<option") == 61
    assert with_60 == with_5


def test_plain_choices_take_the_same_calls_for_5_or_200():
    def calls(count):
        choices = [("", "Any group"), *((str(n), f"Group {n} & co") for n in range(count))]
        widget = QuickSelect(choices=choices)
        widget.render("group", "3")
        return python_calls(lambda: widget.render("group", "3"))

    assert calls(200) == calls(5)
