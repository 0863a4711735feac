"""Every list, detail and form page is accessible (axe-core, WCAG 2.1 AA) in a real browser.

A page whose URL name does not exist yet is skipped with the reason, so this file starts checking a
page as soon as it lands. To check a new page, add one line to PAGES (or to FORM_PAGES for a form
that is also submitted empty to check its error summary).
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from heard.core.roles import Role
from heard.groups.models import GroupTheme
from tests.browser.helpers import assert_accessible, assert_no_script_errors, submit_form
from tests.factories import (
    AttendanceFactory,
    GroupFactory,
    GroupThemeFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser

#: (URL name, the sample record whose pk the URL takes, or None)
PAGES = [
    ("people:young-person-list", None),
    ("people:young-person-detail", "young_person"),
    ("people:young-person-create", None),
    ("people:young-person-edit", "young_person"),
    ("people:organisation-list", None),
    ("people:organisation-detail", "organisation"),
    ("people:organisation-create", None),
    ("people:staff-list", None),
    ("groups:theme-list", None),
    ("groups:theme-detail", "theme"),
    ("groups:theme-create", None),
    ("groups:group-list", None),
    ("groups:group-detail", "group"),
    ("groups:group-create", None),
    ("groups:group-edit", "group"),
    ("groups:calendar", None),
    ("participation:session-list", None),
    ("participation:session-detail", "session"),
    ("participation:session-create", None),
    ("participation:session-edit", "session"),
]

#: Forms submitted empty: the page with the error summary must be accessible too.
FORM_PAGES = [
    ("people:young-person-create", None),
    ("people:organisation-create", None),
    ("groups:theme-create", None),
    ("groups:group-create", None),
    ("participation:session-create", None),
]


@pytest.fixture
def sample():
    """A small partnership: one of each record, linked together, so detail pages have content."""
    organisation = OrganisationFactory(name="Riverside Youth Club")
    theme_lead = UserFactory(role=Role.THEME_LEAD, full_name="Tess Lead")
    theme = ThemeFactory(title="Getting around", lead=theme_lead)
    group = GroupFactory(name="Riverside Buddy Group", host_organisation=organisation)
    GroupThemeFactory(group=group, theme=theme, relationship=GroupTheme.Relationship.WORKING_ON)
    young_person = YoungPersonFactory(organisation=organisation, first_name="Sam")
    MembershipFactory(group=group, young_person=young_person, joined_on=datetime.date(2026, 4, 1))
    session = SessionFactory(group=group, title="Planning the summer trip")
    AttendanceFactory(session=session, young_person=young_person)
    return {
        "organisation": organisation,
        "theme": theme,
        "group": group,
        "young_person": young_person,
        "session": session,
    }


def url_or_skip(url_name, record=None):
    try:
        return reverse(url_name, args=[record.pk] if record is not None else [])
    except NoReverseMatch as exc:
        pytest.skip(f"{url_name} does not resolve yet ({exc})")


@pytest.mark.parametrize(("url_name", "record"), PAGES, ids=[name for name, _ in PAGES])
def test_page_is_accessible(logged_in_page, sample, url_name, record):
    url = url_or_skip(url_name, sample[record] if record else None)
    page = logged_in_page(UserFactory(role=Role.ADMINISTRATOR))

    response = page.goto(url)

    assert response is not None and response.status == 200, f"{url} answered {response.status}"
    assert urlsplit(page.url).path == url, f"{url} redirected to {page.url}"
    assert page.locator("h1").count() == 1, f"{url} should have exactly one <h1>"
    assert_accessible(page)
    assert_no_script_errors(page)


@pytest.mark.parametrize(("url_name", "record"), FORM_PAGES, ids=[n for n, _ in FORM_PAGES])
def test_form_errors_are_accessible(logged_in_page, sample, url_name, record):
    url = url_or_skip(url_name, sample[record] if record else None)
    page = logged_in_page(UserFactory(role=Role.ADMINISTRATOR))
    page.goto(url)

    submit_form(page)

    assert page.locator(".govuk-error-summary").is_visible(), f"{url} accepted an empty form"
    assert page.title().startswith("Error: "), f"{url}: the title should start with 'Error: '"
    assert_accessible(page)
