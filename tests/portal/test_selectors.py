"""The portal's reads: what a young person may see, and the codes staff see."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from heard.portal import selectors, services
from tests import factories

pytestmark = pytest.mark.django_db


def _texts(young_person) -> set[str]:
    return {item.view.text.split(":")[0] for item in selectors.portal_views(young_person)}


def test_each_young_person_sees_only_their_own_and_their_groups_views(world):
    assert _texts(world.amara) == {"AMARA-OWN", "RIVERSIDE-GROUP"}
    assert _texts(world.ben) == {"BEN-SECRET", "BEN-ALONE", "RIVERSIDE-GROUP"}
    assert _texts(world.cleo) == {"CLEO-SECRET", "HILLSIDE-GROUP", "PUBLISHED-SKATE"}
    assert _texts(world.dan) == {"DAN-SECRET"}


def test_told_dates_and_own_ratings(world):
    factories.RatingFactory(response=world.responses.shared, young_person=world.ben)
    items = {item.view.pk: item for item in selectors.portal_views(world.amara)}
    own = items[world.views.amara.pk]
    assert own.is_own
    assert [(r.response, r.told_on, r.rating) for r in own.responses] == [
        (world.responses.shared, datetime.date(2026, 11, 1), None)  # Ben's rating is not hers
    ]
    group = items[world.views.group.pk]
    assert not group.is_own and group.group_name == "Riverside Buddy Group"


def test_portal_response_get_refuses_what_is_not_theirs(world):
    assert selectors.portal_response_get(world.amara, world.responses.shared.pk)
    for response in (world.responses.cleo, world.responses.untold, world.responses.ben_alone):
        with pytest.raises(Http404):
            selectors.portal_response_get(world.amara, response.pk)
    for bad in ("x", None, 10**9):
        with pytest.raises(Http404):
            selectors.portal_response_get(world.amara, bad)


def test_portal_young_person_needs_a_working_code(world, officer):
    code, _ = services.sign_in_code_issue(actor=officer, young_person=world.amara, valid_days=1)
    found = selectors.portal_young_person(young_person_id=world.amara.pk, code_id=code.pk)
    assert found == world.amara
    # A code of one young person never opens another's session.
    assert selectors.portal_young_person(young_person_id=world.ben.pk, code_id=code.pk) is None
    later = timezone.now() + datetime.timedelta(days=2)
    assert (
        selectors.portal_young_person(young_person_id=world.amara.pk, code_id=code.pk, now=later)
        is None
    )


@time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_active_codes_leave_out_revoked_and_expired(officer, theme_lead, organisation):
    person = factories.YoungPersonFactory(organisation=organisation)
    keep, _ = services.sign_in_code_issue(actor=officer, young_person=person)
    gone, _ = services.sign_in_code_issue(actor=officer, young_person=person)
    services.sign_in_code_revoke(actor=officer, code=gone)
    services.sign_in_code_issue(actor=officer, young_person=person, valid_days=1)
    later = timezone.now() + datetime.timedelta(days=2)
    active = selectors.sign_in_codes_active(user=officer, young_person=person, now=later)
    assert list(active) == [keep]
    with pytest.raises(PermissionDenied):
        selectors.sign_in_codes_active(user=theme_lead, young_person=person)
