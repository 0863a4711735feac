"""A concern raised from a session: participation keeps the link (``SessionConcern``), since a
relation from safeguarding up to participation would break the apps' layers; safeguarding reads
it back through the reverse relation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.participation.concerns import SessionConcern, concern_raise_from_session
from heard.safeguarding import selectors, services
from heard.safeguarding.models import Concern
from tests import factories

from .conftest import NOW

VALUES = {
    "what_happened": "Said they were scared to go home.",
    "happened_at": NOW - datetime.timedelta(hours=2),
    "who_was_present": "Two youth workers.",
    "immediate_action": "Listened.",
    "child_told": "That I would tell the safeguarding lead today.",
}


def test_from_a_one_to_one_session_the_concern_is_about_its_young_person(
    officer, safeguarding_lead
):
    young_person = factories.YoungPersonFactory()
    session = factories.SessionFactory(group=None, young_person=young_person)
    concern = concern_raise_from_session(actor=officer, session=session, **VALUES)
    assert concern.session_link.session == session and concern.young_person == young_person
    assert str(concern.session_link) == f"{concern} from session {session.pk}"
    assert list(AuditEntry.objects.order_by("pk").values_list("event", flat=True)) == [
        "concern.raised",
        "concern.from_session",
    ]
    rows = selectors.concern_trail_rows(selectors.concern_trail(safeguarding_lead, concern))
    assert rows[0].description == "Raised it from a session"
    page = selectors.concern_get(safeguarding_lead, concern.pk)
    assert page.session_link.session == session


def test_a_named_young_person_is_kept_for_a_group_session(officer):
    session = factories.SessionFactory()
    young_person = factories.YoungPersonFactory()
    concern = concern_raise_from_session(
        actor=officer, session=session, young_person=young_person, **VALUES
    )
    assert concern.young_person == young_person


def test_a_board_member_cannot_raise_from_a_session_they_cannot_see(board_member):
    session = factories.SessionFactory()
    with pytest.raises(PermissionDenied):
        concern_raise_from_session(actor=board_member, session=session, **VALUES)
    assert not Concern.objects.exists() and not SessionConcern.objects.exists()


def test_the_lead_sees_the_session_on_the_concern_and_through_the_api(
    client_for, api_for, officer, safeguarding_lead
):
    session = factories.SessionFactory(title="Tuesday club")
    linked = concern_raise_from_session(actor=officer, session=session, **VALUES)
    alone = services.concern_raise(actor=officer, **VALUES)
    client = client_for(safeguarding_lead)
    page = client.get(reverse("safeguarding:concern-detail", args=[linked.pk])).content.decode()
    assert reverse("participation:session-detail", args=[session.pk]) in page
    assert "Tuesday club" in page
    page = client.get(reverse("safeguarding:concern-detail", args=[alone.pk])).content.decode()
    assert "Not from a session" in page
    api = api_for(safeguarding_lead)
    assert api.get(f"/api/v1/safeguarding-concerns/{linked.pk}/").json()["session"] == session.pk
    assert api.get(f"/api/v1/safeguarding-concerns/{alone.pk}/").json()["session"] is None


def test_a_session_deleted_takes_only_the_link_with_it(officer):
    session = factories.SessionFactory()
    concern = concern_raise_from_session(actor=officer, session=session, **VALUES)
    session.delete()
    concern = Concern.objects.get(pk=concern.pk)
    assert not SessionConcern.objects.exists()
    assert not hasattr(concern, "session_link")
