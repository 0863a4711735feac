"""The predicates the apps' policies share: who is a partner worker, and whose record it is."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from heard.core.policies import is_partner, of_own_organisation
from heard.core.roles import Role


def test_only_an_active_partner_worker_is_a_partner(make_user, organisation):
    assert is_partner(make_user(Role.PARTNER_WORKER, organisation=organisation))
    assert not is_partner(
        make_user(Role.PARTNER_WORKER, organisation=organisation, is_active=False)
    )
    assert not is_partner(make_user(Role.PARTICIPATION_OFFICER))
    assert not is_partner(AnonymousUser())
    assert not is_partner(None)


def test_a_record_is_their_own_organisations_or_none_yet(
    make_user, organisation, other_organisation
):
    partner = make_user(Role.PARTNER_WORKER, organisation=organisation)
    assert of_own_organisation(partner, SimpleNamespace(organisation_id=organisation.pk))
    assert not of_own_organisation(partner, SimpleNamespace(organisation_id=other_organisation.pk))
    assert of_own_organisation(partner, None)
