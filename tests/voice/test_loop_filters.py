"""The loop figures' group filter: a drop-down for few groups, a name search for many."""

import pytest
from django.urls import reverse

from heard.groups.models import Group, Theme
from heard.voice.forms import LoopFilterForm
from tests import factories

pytestmark = pytest.mark.django_db


def form(data, groups=None):
    return LoopFilterForm(
        data,
        themes=Theme.objects.all(),
        groups=groups if groups is not None else Group.objects.all(),
        organisations=Group.objects.none(),
    )


def test_few_groups_are_a_drop_down_of_their_ids():
    group = factories.GroupFactory(name="Hillside Buddy Group")
    bound = form({"group": str(group.pk)})
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["group"] == group
    assert (str(group.pk), "Hillside Buddy Group") in bound.fields["group"].choices


def test_many_groups_become_a_name_search(monkeypatch):
    monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 1)
    hillside = factories.GroupFactory(name="Hillside Buddy Group")
    factories.GroupFactory(name="Riverside Buddy Group")
    factories.GroupFactory(name="Hillside Youth Council")
    assert not hasattr(form({}).fields["group"], "choices")
    by_part = form({"group": "riverside"})
    assert by_part.is_valid() and by_part.cleaned_data["group"].name == "Riverside Buddy Group"
    exact = form({"group": "hillside buddy group"})
    assert exact.is_valid() and exact.cleaned_data["group"] == hillside
    by_id = form({"group": str(hillside.pk)})
    assert by_id.is_valid() and by_id.cleaned_data["group"] == hillside
    several = form({"group": "Hillside"})
    assert not several.is_valid()
    assert "More than one group" in several.errors["group"][0]
    none = form({"group": "Nowhere"})
    assert not none.is_valid() and "No group you can see" in none.errors["group"][0]


def test_a_group_the_user_cannot_see_is_not_found_by_id_or_name(monkeypatch):
    monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 0)
    hidden = factories.GroupFactory(name="Elsewhere Group")
    visible = Group.objects.exclude(pk=hidden.pk)
    assert not form({"group": str(hidden.pk)}, groups=visible).is_valid()
    assert not form({"group": "Elsewhere"}, groups=visible).is_valid()


def test_the_page_filters_by_a_group_name(client_for, officer, monkeypatch):
    monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 0)
    group = factories.GroupFactory(name="Hillside Buddy Group")
    client = client_for(officer)
    page = client.get(reverse("voice:loop-figures"), {"group": "Hillside"})
    assert page.status_code == 200
    assert "No group you can see" not in page.content.decode()
    assert group.name in Group.objects.values_list("name", flat=True)
    missing = client.get(reverse("voice:loop-figures"), {"group": "Nowhere"})
    assert "No group you can see is called" in missing.content.decode()
