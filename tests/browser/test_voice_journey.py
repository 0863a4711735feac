"""A worker's "you said, we did" journey in a real browser, with axe-core on every page.

Record three views from a session, respond to two of them with one response, record feedback to
the group, and see the loop figures change.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.roles import Role
from heard.voice.models import Feedback, Response, View
from tests import factories
from tests.browser.helpers import assert_accessible, assert_no_script_errors

pytestmark = pytest.mark.browser


def _figure(page, label: str) -> str:
    row = page.locator("tr", has=page.locator("th", has_text=label)).first
    return row.locator("td").inner_text().strip()


def test_worker_records_views_responds_feeds_back_and_sees_the_loop_move(
    signed_in_page, live_server
):
    organisation = factories.OrganisationFactory(name="Riverside Youth Project")
    theme = factories.ThemeFactory(title="Enjoying education and leisure")
    group = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    factories.GroupThemeFactory(group=group, theme=theme)
    members = [factories.MembershipFactory(group=group).young_person for _ in range(3)]
    day = timezone.localdate() - datetime.timedelta(days=7)
    session = factories.SessionFactory(group=group, date=day, title="Planning the summer")
    for person in members:
        factories.AttendanceFactory(session=session, young_person=person)
    # Views of another group already on record, 5 open and 5 fed back, so that the figures
    # below are not small counts (1-4 are suppressed, and shares that would give them away too).
    elsewhere = factories.SessionFactory(date=day, title="Elsewhere")
    for status in ["open"] * 5 + ["fed_back"] * 5:
        factories.ViewFactory(
            session=elsewhere,
            status=status,
            responded_on=day if status == "fed_back" else None,
            fed_back_on=day if status == "fed_back" else None,
        )
    officer = factories.UserFactory(role=Role.PARTICIPATION_OFFICER, full_name="Olu Officer")
    page = signed_in_page(officer)

    page.goto(live_server.url + reverse("voice:loop-figures"))
    assert_accessible(page)
    assert _figure(page, "Share responded to") == "50%"

    page.goto(live_server.url + reverse("participation:session-detail", args=[session.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Add views").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_form-0-text").fill("Open the youth club on Saturdays")
    page.locator("#id_form-0-kind").select_option(label="Recommendation")
    page.locator("#id_form-0-whole_group").check()
    page.locator("#id_form-1-text").fill("There is nothing to do after school for free")
    row_two = page.locator("fieldset", has=page.get_by_role("heading", name="View 2"))
    row_two.get_by_label(members[0].reference, exact=False).check()
    page.locator("#id_form-2-text").fill("I feel unsafe walking home in the dark")
    page.locator("#id_form-2-kind").select_option(label="Wish and feeling")
    page.locator("#id_form-2-is_anonymous").check()
    page.get_by_role("button", name="Record views").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "3 views recorded" in page.content()
    assert View.objects.filter(session=session).count() == 3

    page.get_by_role("link", name="Views", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    first, second, _third = View.objects.filter(session=session).order_by("id")
    page.locator(f"#select-view-{first.pk}").check()
    page.locator(f"#select-view-{second.pk}").check()
    page.get_by_role("button", name="Respond to the selected views").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Who made the decision").fill("Head of Youth Services")
    page.get_by_label("Changed", exact=True).check()
    page.get_by_label("What changed, or why not").fill(
        "The youth club now opens every Saturday afternoon, free of charge."
    )
    page.get_by_label("The same, in words a child can read").fill(
        "The youth club is open on Saturdays now. It is free."
    )
    page.get_by_role("button", name="Record response").click()
    page.wait_for_load_state()
    assert_accessible(page)
    response = Response.objects.get()
    assert set(response.views.all()) == {first, second}

    page.get_by_role("button", name="Record feedback").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_label("Riverside Buddy Group").is_checked()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Record feedback").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert Feedback.objects.get().groups.get() == group

    page.goto(live_server.url + reverse("voice:loop-figures"))
    assert_accessible(page)
    assert _figure(page, "Share responded to") == "54%"  # 7 of 13
    assert _figure(page, "Share fed back") == "54%"
    assert _figure(page, "Views recorded") == "13"
    assert _figure(page, "Views not yet responded to") == "6"

    page.goto(live_server.url + reverse("voice:view-detail", args=[first.pk]))
    assert_accessible(page)
    page.goto(live_server.url + reverse("voice:feedback-owed"))
    assert_accessible(page)
    page.goto(live_server.url + reverse("voice:young-person-journey", args=[members[0].pk]))
    assert_accessible(page)
    assert "Response: Changed" in page.content()
    assert_no_script_errors(page)
