"""Setting, changing and deleting indicators: validated, permission-checked and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.groups.models import Group
from heard.indicators import services
from heard.indicators.models import Indicator
from tests import factories
from tests.indicators.indicator_helpers import indicator

pytestmark = pytest.mark.django_db


def _entries(obj):
    return AuditEntry.objects.filter(object_type="indicators.indicator", object_id=str(obj.pk))


def test_the_lead_sets_an_indicator_and_it_is_audited(lead):
    made = services.indicator_create(
        actor=lead,
        name="  Through Buddy Groups ",
        measure="active_through_group_kind",
        target=100,
        group_kind=Group.Kind.BUDDY_GROUP,
    )
    assert made.name == "Through Buddy Groups"
    entry = _entries(made).get()
    assert (entry.event, entry.actor) == ("indicator.set", lead)
    assert entry.changes["target"] == [None, 100]
    assert entry.changes["group_kind"] == [None, "buddy_group"]


def test_an_officer_may_not_set_one(officer):
    with pytest.raises(PermissionDenied):
        services.indicator_create(actor=officer, name="X", measure="sessions", target=1)
    assert not Indicator.objects.exists()


def test_a_setter_may_not_set_a_field_the_form_does_not_have(lead):
    with pytest.raises(TypeError):
        services.indicator_create(actor=lead, name="X", measure="sessions", target=1, pk=9)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"measure": "nothing_like_it"}, "measure", "Choose a measure"),
        ({"measure": "sessions", "age_band": "8_10"}, "age_band", "cannot be filtered by age band"),
        ({"measure": "active_through_group_kind"}, "group_kind", "needs a group kind"),
        ({"measure": "views_fed_back", "target": 120}, "target", "from 0 to 100"),
        ({"measure": "sessions", "amber_within": 101}, "amber_within", "100"),
        ({"measure": "sessions", "name": "Two\nlines"}, "name", ""),
    ],
)
def test_what_cannot_be_set_is_refused_at_its_field(lead, fields, field, words):
    values = {"name": "An indicator", "target": 10, **fields}
    with pytest.raises(ValidationError) as caught:
        services.indicator_create(actor=lead, **values)
    assert field in caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field])
    assert not Indicator.objects.exists()


def test_a_change_is_checked_and_audited_with_what_changed(lead, organisation):
    made = indicator(measure="sessions", target=12)
    changed = services.indicator_update(
        actor=lead, indicator=made, name=" Sessions ", target=20, organisation=organisation
    )
    assert (changed.name, changed.target, changed.organisation) == ("Sessions", 20, organisation)
    entry = _entries(made).filter(event="indicator.changed").get()
    assert entry.changes == {
        "name": ["Young people actively participating", "Sessions"],
        "target": [12, 20],
        "organisation": [None, organisation.pk],
    }
    with pytest.raises(ValidationError):
        services.indicator_update(actor=lead, indicator=made, age_band="8_10")


def test_a_board_member_may_not_change_or_delete_one(board_member):
    made = indicator()
    with pytest.raises(PermissionDenied):
        services.indicator_update(actor=board_member, indicator=made, target=1)
    with pytest.raises(PermissionDenied):
        services.indicator_delete(actor=board_member, indicator=made)
    assert Indicator.objects.filter(pk=made.pk).exists()


def test_a_deletion_is_audited_with_what_was_deleted(lead):
    theme = factories.ThemeFactory()
    made = indicator(theme=theme, target=40)
    pk = made.pk
    services.indicator_delete(actor=lead, indicator=made)
    assert not Indicator.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(object_type="indicators.indicator", event="indicator.deleted")
    assert entry.object_id == str(pk)
    assert entry.changes["target"] == [40, None]
    assert entry.changes["theme"] == [theme.pk, None]
    assert "age_band" not in entry.changes
