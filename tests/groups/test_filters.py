"""The groups filters other lists reuse: a group by id or by part of its name, offered as a
drop-down when the reader sees few groups; and the list pages' own filters."""

import pytest
from django.contrib.auth.models import AnonymousUser

from heard.core.filters import FilterSet
from heard.groups import filters
from heard.groups.models import Group, Membership
from tests import factories

pytestmark = pytest.mark.django_db


class MembershipsByGroup(FilterSet):
    group = filters.GroupIdOrNameFilter()

    class Meta:
        model = Membership
        fields = ["group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        filters.offer_group_dropdown(self)


def _filtered(rf, user, value, **kwargs):
    request = rf.get("/", {"group": value})
    request.user = user
    found = MembershipsByGroup(
        request.GET, queryset=Membership.objects.all(), request=request, **kwargs
    )
    return found, set(found.qs)


def test_a_group_by_id_or_by_part_of_its_name(rf, officer, monkeypatch):
    council = factories.MembershipFactory(group__name="Youth Council")
    forum = factories.MembershipFactory(group__name="Carers Forum")
    found, rows = _filtered(rf, officer, str(council.group_id))
    assert rows == {council}
    assert isinstance(found.filters["group"], filters.GroupDropDownFilter)
    monkeypatch.setattr(filters, "GROUP_CHOICES_MAX", 1)  # too many to list: a name search
    found, rows = _filtered(rf, officer, "forum")
    assert rows == {forum}
    assert not isinstance(found.filters["group"], filters.GroupDropDownFilter)
    assert _filtered(rf, officer, " ")[1] == {council, forum}
    found, rows = _filtered(rf, officer, "council", shown=False)  # the API: no drop-down
    assert rows == {council}
    assert not isinstance(found.filters["group"], filters.GroupDropDownFilter)


def test_only_a_name_search_becomes_a_drop_down(rf, officer):
    class Wrong(FilterSet):
        group = filters.django_filters.CharFilter()

        class Meta:
            model = Membership
            fields = ["group"]

    request = rf.get("/")
    request.user = officer
    with pytest.raises(TypeError):
        filters.offer_group_dropdown(
            Wrong(request.GET, queryset=Membership.objects.all(), request=request)
        )


def test_no_choices_without_a_request_or_a_reader():
    assert filters.group_dropdown_choices(None) == []
    factories.GroupFactory()

    class Request:
        user = AnonymousUser()

    assert filters.group_dropdown_choices(Request()) == []


def test_list_filters_search_and_narrow(rf, officer):
    theme = factories.ThemeFactory(title="Transport", description="Buses to school")
    factories.ThemeFactory(title="Health")
    on_theme = factories.GroupFactory(name="Youth Council", cadence=Group.Cadence.TERMLY)
    factories.GroupThemeFactory(group=on_theme, theme=theme)
    factories.GroupFactory(name="Carers Forum")
    request = rf.get("/")
    request.user = officer

    def rows(filterset, data):
        return set(
            filterset(data, queryset=filterset._meta.model.objects.all(), request=request).qs
        )

    assert rows(filters.ThemeFilter, {"q": "buses school"}) == {theme}
    assert rows(filters.GroupFilter, {"q": "council"}) == {on_theme}
    assert rows(filters.GroupFilter, {"theme": theme.pk}) == {on_theme}
    assert rows(filters.GroupFilter, {"theme": ""}) == set(Group.objects.all())
    assert rows(filters.MembershipFilter, {"current": "true"}) == set()
