"""The short session journey (issue 17): questions as labels, the group's usual kind, degree and
type remembered, its usual attendees and the worker ticked, optional detail folded away."""

import datetime
import re

import pytest
from django.urls import reverse

from heard.participation import selectors
from heard.participation.models import Attendance, Degree, ParticipationType, Session
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = reverse("participation:session-create")


def _past_session(group, days_ago, attendees, **kwargs):
    session = factories.SessionFactory(
        group=group,
        date=datetime.date(2026, 10, 15) - datetime.timedelta(days=days_ago),
        staff_present=[],
        **kwargs,
    )
    for person in attendees:
        factories.AttendanceFactory(session=session, young_person=person)
    return session


def _box(page, name, value):
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', page)


def _checked(page, name, value):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', page)
    assert match, f"no {name}={value} box"
    return "checked" in match.group(0)


@pytest.fixture
def regulars(group):
    return [factories.MembershipFactory(group=group).young_person for _ in range(3)]


def test_defaults_are_the_latest_sessions_and_who_came_to_most(group, regulars):
    first, second, rare = regulars
    _past_session(group, 30, [first, second, rare], kind=Session.Kind.EVENT)
    _past_session(group, 20, [first, second])
    _past_session(
        group,
        10,
        [first],
        kind=Session.Kind.VISIT,
        degree=Degree.CYP_INITIATED_DIRECTED,
        participation_type=ParticipationType.SOCIAL,
    )
    defaults = selectors.logging_defaults(group=group)
    assert defaults["kind"] == Session.Kind.VISIT
    assert defaults["degree"] == Degree.CYP_INITIATED_DIRECTED
    assert defaults["participation_type"] == ParticipationType.SOCIAL
    # Came to 3 of 3 and 2 of 3: "most"; 1 of 3 is not.
    assert defaults["usual_attendees"] == {first.pk, second.pk}


def test_apologies_do_not_count_as_coming(group, regulars):
    session = _past_session(group, 5, [])
    factories.AttendanceFactory(
        session=session, young_person=regulars[0], status=Attendance.Status.APOLOGIES
    )
    assert selectors.logging_defaults(group=group)["usual_attendees"] == set()


def test_no_earlier_session_no_defaults(group):
    assert selectors.logging_defaults(group=group) == {}
    assert selectors.logging_defaults() == {}


def test_only_recent_sessions_count(group, regulars):
    old_regular = regulars[0]
    for days in range(100, 100 + selectors.RECENT_SESSIONS):
        _past_session(group, days, [old_regular])
    for days in range(1, 1 + selectors.RECENT_SESSIONS):
        _past_session(group, days, [regulars[1]])
    assert selectors.logging_defaults(group=group)["usual_attendees"] == {regulars[1].pk}


def test_defaults_read_in_three_queries(group, regulars, django_assert_num_queries):
    _past_session(group, 3, regulars)
    with django_assert_num_queries(3):
        selectors.logging_defaults(group=group)


def test_form_asks_questions_and_ticks_the_usual_and_the_worker(
    client_for, officer, group, regulars
):
    factories.BackgroundCheckFactory(staff=officer)
    _past_session(group, 7, regulars[:2], kind=Session.Kind.VISIT)
    page = client_for(officer).get(CREATE, {"group": group.pk}).content.decode()
    for question in ("When was it?", "Who came?", "Which staff were there?"):
        assert question in page
    assert _checked(page, "attended", regulars[0].pk)
    assert _checked(page, "attended", regulars[1].pk)
    assert not _checked(page, "attended", regulars[2].pk)
    assert _checked(page, "staff_present", officer.pk)
    assert _checked(page, "kind", Session.Kind.VISIT)
    assert "Recorded as last time:" in page and "<li>Visit</li>" in page
    # Kind, degree, type and the optional detail are folded away, closed.
    details = page[page.index('<details class="govuk-details"') :]
    assert details.startswith('<details class="govuk-details">')
    for name in ("kind", "degree", "participation_type", "methods", "notes", "title"):
        assert f'name="{name}"' in details, name
        assert f'name="{name}"' not in page[: page.index('<details class="govuk-details"')]


def test_a_worker_without_a_current_check_is_not_ticked(client_for, officer, group, regulars):
    """The service refuses staff without a current DBS check: ticking them would be an error."""
    factories.BackgroundCheckFactory(
        staff=officer,
        issued_on=datetime.date(2020, 1, 1),
        renewal_due=datetime.date(2026, 1, 1),
    )
    page = client_for(officer).get(CREATE, {"group": group.pk}).content.decode()
    assert not _checked(page, "staff_present", officer.pk)


def test_a_first_session_asks_kind_degree_and_type_openly(client_for, officer, group, regulars):
    page = client_for(officer).get(CREATE, {"group": group.pk}).content.decode()
    before_details = page[: page.index('<details class="govuk-details"')]
    for name in ("kind", "degree", "participation_type"):
        assert f'name="{name}"' in before_details
    assert "Recorded as last time" not in page
    assert not any(_checked(page, "attended", person.pk) for person in regulars)


def test_a_typical_session_is_logged_with_the_defaults_posted_back(
    client_for, officer, group, regulars
):
    """What the browser sends when the worker changes nothing: the form's own initial values."""
    factories.BackgroundCheckFactory(staff=officer)  # staff present need a current check
    _past_session(
        group,
        7,
        regulars[:2],
        kind=Session.Kind.VISIT,
        degree=Degree.ADULT_INITIATED_SHARED,
        participation_type=ParticipationType.SOCIAL,
    )
    client = client_for(officer)
    response = client.post(
        f"{CREATE}?group={group.pk}",
        {
            "date_day": "15",
            "date_month": "10",
            "date_year": "2026",
            "attended": [str(regulars[0].pk), str(regulars[1].pk)],
            "staff_present": [str(officer.pk)],
            "kind": Session.Kind.VISIT,
            "degree": Degree.ADULT_INITIATED_SHARED,
            "participation_type": ParticipationType.SOCIAL,
        },
    )
    assert response.status_code == 302
    session = Session.objects.latest("id")
    assert session.kind == Session.Kind.VISIT
    assert list(session.staff_present.all()) == [officer]
    assert set(session.attendances.values_list("young_person_id", flat=True)) == {
        regulars[0].pk,
        regulars[1].pk,
    }


def test_an_error_in_the_folded_detail_opens_it(client_for, officer, group, regulars):
    _past_session(group, 7, regulars)
    response = client_for(officer).post(
        f"{CREATE}?group={group.pk}",
        {
            "date_day": "15",
            "date_month": "10",
            "date_year": "2026",
            "kind": Session.Kind.VISIT,
            "degree": Degree.ADULT_INITIATED_SHARED,
            "participation_type": ParticipationType.SOCIAL,
            "other_attendees": "YP-NOSUCH",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<details class="govuk-details" open>' in page


def test_editing_shows_every_detail_open(client_for, officer, group, regulars):
    session = _past_session(group, 7, regulars)
    page = (
        client_for(officer)
        .get(reverse("participation:session-edit", args=[session.pk]))
        .content.decode()
    )
    assert '<details class="govuk-details" open>' in page


def test_from_a_group_back_goes_to_the_group(client_for, officer, group):
    page = client_for(officer).get(CREATE, {"group": group.pk}).content.decode()
    assert (
        f'href="{reverse("groups:group-detail", args=[group.pk])}" class="govuk-back-link"' in page
    )


def test_the_chooser_asks_which_group(client_for, officer, group):
    page = client_for(officer).get(CREATE).content.decode()
    assert "Which group?" in page


def test_an_individual_session_remembers_the_young_persons_last_one(organisation):
    person = factories.YoungPersonFactory(organisation=organisation)
    factories.SessionFactory(
        group=None,
        young_person=person,
        organisation=organisation,
        kind=Session.Kind.ONE_TO_ONE_REVIEW,
        participation_type=ParticipationType.INDIVIDUAL,
    )
    defaults = selectors.logging_defaults(young_person=person)
    assert defaults["kind"] == Session.Kind.ONE_TO_ONE_REVIEW
    assert defaults["participation_type"] == ParticipationType.INDIVIDUAL
    assert "usual_attendees" not in defaults


def test_only_the_worker_and_usual_staff_are_listed_the_rest_folded(
    client_for, officer, group, regulars
):
    factories.BackgroundCheckFactory(staff=officer)
    usual, stranger = factories.UserFactory(), factories.UserFactory()
    factories.BackgroundCheckFactory(staff=stranger)
    _past_session(group, 7, regulars).staff_present.add(usual)
    assert selectors.logging_defaults(group=group)["usual_staff"] == {usual.pk}
    client = client_for(officer)
    page = client.get(CREATE, {"group": group.pk}).content.decode()
    folded = page[page.index('<details class="govuk-details"') :]
    shown = page[: page.index('<details class="govuk-details"')]
    assert _box(shown, "staff_present", officer.pk)
    assert _box(shown, "staff_present", usual.pk)
    assert not _box(shown, "staff_present", stranger.pk)
    assert not _box(folded, "staff_present", stranger.pk)
    assert _box(folded, "other_staff_present", stranger.pk)
    response = client.post(
        f"{CREATE}?group={group.pk}",
        {
            "date_day": "15",
            "date_month": "10",
            "date_year": "2026",
            "kind": Session.Kind.VISIT,
            "degree": Degree.ADULT_INITIATED_SHARED,
            "participation_type": ParticipationType.SOCIAL,
            "staff_present": [str(officer.pk)],
            "other_staff_present": [str(stranger.pk)],
        },
    )
    assert response.status_code == 302
    session = Session.objects.latest("id")
    assert set(session.staff_present.all()) == {officer, stranger}
    # Editing it lists both as there, ticked, outside the folded detail.
    page = client.get(reverse("participation:session-edit", args=[session.pk])).content.decode()
    shown = page[: page.index('<details class="govuk-details"')]
    assert _checked(shown, "staff_present", stranger.pk)
