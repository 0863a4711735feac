"""The sessions tables drawn from their columns (issue 17): the follow-up list's Action column
posts a working form (with its CSRF token) for the sessions the reader may change."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_follow_up_action_cell_posts_with_its_csrf_token(client_for, officer):
    session = factories.SessionFactory(monitoring_form_complete=False, title="No form yet")
    page = client_for(officer).get(reverse("participation:monitoring-followup")).content.decode()
    assert '<th scope="col" class="govuk-table__header">Action</th>' in page
    cell = page[page.index('data-label="Action"') :]
    cell = cell[: cell.index("</td>")]
    action = reverse("participation:session-monitoring-complete", args=[session.pk])
    assert f'<form method="post" action="{action}">' in cell
    assert 'name="csrfmiddlewaretoken"' in cell and "Mark complete" in cell


def test_the_sessions_list_dates_read_in_full(client_for, officer):
    factories.SessionFactory(title="Autumn visit")
    page = client_for(officer).get(reverse("participation:session-list")).content.decode()
    assert 'data-label="Date">1 October 2026</td>' in page
