"""QuickSelect writes exactly the markup Django's Select writes, faster, and filter forms use it."""

import pytest
from django import forms

from heard.core.filters import FilterSet
from heard.core.widgets import QuickSelect
from heard.people.filters import StaffFilter
from heard.people.models import Organisation
from tests import factories

CHOICES = [
    ("", "Any"),
    ("a", 'Alpha & <Beta> "O\'Neill"'),
    (3, "Three"),
    ("Grouped", [("g1", 'First "one"'), ("g2", "Second")]),
    (None, "Nothing"),
]


class Plain(forms.Form):
    pick = forms.ChoiceField(
        choices=CHOICES, required=False, widget=forms.Select(attrs={"class": "govuk-select"})
    )


class Quick(forms.Form):
    pick = forms.ChoiceField(
        choices=CHOICES, required=False, widget=QuickSelect(attrs={"class": "govuk-select"})
    )


@pytest.mark.parametrize("value", [None, "", "a", "3", "g2", "missing"])
def test_the_same_markup_as_djangos_select(value):
    data = {"pick": value} if value is not None else None
    plain, quick = Plain(data), Quick(data)
    if data:
        plain.is_valid(), quick.is_valid()
    assert str(quick["pick"]) == str(plain["pick"])
    html = str(quick["pick"])
    assert "Alpha &amp; &lt;Beta&gt; &quot;O&#x27;Neill&quot;" in html
    empty_chosen = " selected" if value in (None, "") else ""
    assert f'<option value=""{empty_chosen}>Any</option>' in html
    assert html.count(" selected") == (0 if value == "missing" else 1)


@pytest.mark.django_db
def test_filter_forms_use_it_with_model_choices_and_errors(rf, admin_user):
    factories.OrganisationFactory(name="Riverside Trust")
    chosen = factories.OrganisationFactory(name='Hillside & <Co> "O\'Neill"')
    request = rf.get("/", {"organisation": chosen.pk})
    request.user = admin_user
    filterset = StaffFilter(request.GET, queryset=factories.User.objects.all(), request=request)
    assert isinstance(filterset, FilterSet)
    field = filterset.form.fields["organisation"]
    assert type(field.widget) is QuickSelect
    html = str(filterset.form["organisation"])
    assert (
        f'<option value="{chosen.pk}" selected>Hillside &amp; &lt;Co&gt; &quot;O&#x27;Neill&quot;'
        "</option>"
    ) in html
    assert '<option value="">Any organisation</option>' in html
    assert html.count("<option") == Organisation.objects.count() + 1
    # A choice that is not there: the same error as before, the list still offered.
    bad = StaffFilter({"organisation": "999999"}, queryset=factories.User.objects.all())
    assert not bad.form.is_valid()
    assert "organisation" in bad.form.errors
