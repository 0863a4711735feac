"""The voice pages drawn from their columns (issue 17): the views list's tick boxes under a
"Select" heading with its button at the top, only for who may respond; dates as "1 October 2026"."""

import datetime

import pytest
from django.urls import reverse

from heard.voice import services

pytestmark = pytest.mark.django_db


def _view(actor, session, **kwargs):
    values = {"text": "More things to do after school", "session": session, "group": session.group}
    return services.view_record(actor=actor, **(values | kwargs))


def test_responders_tick_views_under_a_select_heading_with_the_button_first(
    client_for, officer, session
):
    view = _view(officer, session)
    page = client_for(officer).get(reverse("voice:view-list")).content.decode()
    assert '<th scope="col" class="govuk-table__header">Select</th>' in page
    assert f'id="select-view-{view.pk}"' in page
    button = page.index("Respond to the selected views")
    assert button < page.index("<table")
    assert 'form="respond-to-views"' in page[page.rindex("<button", 0, button) : button]
    form = page.index('<form id="respond-to-views"')
    assert form < page.index(f'id="select-view-{view.pk}"') < page.index("</form>", form)


def test_who_cannot_respond_sees_no_select_column(client_for, officer, safeguarding_lead, session):
    _view(officer, session, text="Quieter buses")
    page = client_for(safeguarding_lead).get(reverse("voice:view-list")).content.decode()
    assert "Quieter buses" in page
    assert ">Select</th>" not in page and 'name="views"' not in page
    assert "Respond to the selected views" not in page


def test_a_view_page_dates_its_title_without_a_leading_zero(client_for, officer, session):
    view = _view(officer, session, recorded_on=datetime.date(2026, 10, 1))
    page = client_for(officer).get(reverse("voice:view-detail", args=[view.pk])).content.decode()
    assert "given on 1 October 2026</h1>" in page
    assert "1 October 2026" in client_for(officer).get(reverse("voice:view-list")).content.decode()
