"""The reads every app's selectors share: one row by its id, and the organisations a user may
record something for."""

import pytest
from django.http import Http404

from heard.core.selectors import get_or_404
from heard.people import selectors as people_selectors
from heard.people.models import Organisation
from tests import factories


def test_get_or_404_finds_the_row_and_refuses_a_missing_or_malformed_id(organisation):
    rows = Organisation.objects.all()
    assert get_or_404(rows, str(organisation.pk)) == organisation
    for pk in (organisation.pk + 1000, "x", None):
        with pytest.raises(Http404):
            get_or_404(rows, pk)


def test_organisation_choices_for_a_partner_worker_are_their_own(
    organisation, partner_worker, officer
):
    other = factories.OrganisationFactory()
    assert list(people_selectors.organisation_choices_for(partner_worker)) == [organisation]
    assert set(people_selectors.organisation_choices_for(officer)) == {organisation, other}
