"""The people lists' organisation filter (issue 16): Django's Select markup, written by
QuickSelect with a fixed number of Python calls whatever the number of organisations (600 at
national scale), because each call can cost 10 times more at some stack depths under CPython
3.11. No people-specific code: every filter's drop-down of records gets it
(tests/core/test_quick_select.py)."""

import pytest
from django import forms

from heard.core.widgets import QuickSelect
from heard.people.filters import StaffFilter, YoungPersonFilter
from heard.people.models import Organisation, User, YoungPerson
from tests import factories
from tests.calls import python_calls

pytestmark = pytest.mark.django_db


class Reference(forms.Form):
    """The same field drawn by Django's own Select (one template context per option)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Any organisation",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


def _filter(filter_class, rf, user, data):
    request = rf.get("/", data or {})
    request.user = user
    model = YoungPerson if filter_class is YoungPersonFilter else User
    return filter_class(data, queryset=model.objects.all(), request=request)


@pytest.mark.parametrize("filter_class", [YoungPersonFilter, StaffFilter])
@pytest.mark.parametrize("chosen", [None, "", "hillside", "missing"])
def test_the_same_markup_as_quickselect(rf, admin_user, filter_class, chosen):
    factories.OrganisationFactory(name="Riverside Trust")
    hillside = factories.OrganisationFactory(name='Hillside & <Co> "Quoted" O\'Neill')
    value = {"hillside": str(hillside.pk), "missing": "999999"}.get(chosen, chosen)
    data = None if value is None else {"organisation": value}
    filterset = _filter(filter_class, rf, admin_user, data)
    reference = Reference(data)
    if data:
        filterset.form.is_valid(), reference.is_valid()
    assert type(filterset.form.fields["organisation"].widget) is QuickSelect
    html = str(filterset.form["organisation"])
    assert html == str(reference["organisation"])
    assert "Hillside &amp; &lt;Co&gt; &quot;Quoted&quot; O&#x27;Neill" in html
    assert html.count(" selected") == (0 if chosen == "missing" else 1)


@pytest.mark.parametrize("filter_class", [YoungPersonFilter, StaffFilter])
def test_the_options_take_the_same_python_calls_for_5_or_60_organisations(
    rf, admin_user, filter_class
):
    def calls():
        filterset = _filter(filter_class, rf, admin_user, None)
        form = filterset.form
        return python_calls(lambda: str(form["organisation"]))

    factories.OrganisationFactory.create_batch(5)
    with_5 = calls()
    factories.OrganisationFactory.create_batch(55)
    with_60 = calls()
    assert with_5 == with_60
    # QuickSelect's own writer makes calls for every option: the count above would grow
    reference = Reference()
    print("CALLS", with_5, with_60, python_calls(lambda: str(reference["organisation"])))
    assert python_calls(lambda: str(reference["organisation"])) > with_60 + 60


def test_the_filter_still_filters(client_for, admin_user, organisation, other_organisation):
    kept = factories.YoungPersonFactory(organisation=organisation)
    factories.YoungPersonFactory(organisation=other_organisation)
    response = client_for(admin_user).get(
        "/people/young-people/", {"organisation": organisation.pk}
    )
    assert [person.pk for person in response.context["object_list"]] == [kept.pk]
    html = response.content.decode()
    assert f'<option value="{organisation.pk}" selected>' in html
