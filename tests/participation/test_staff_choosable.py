"""Staff a theme lead may record as present at a session (issue 17).

A theme lead logs the sessions of the groups they answer for and records the youth workers who
ran them: besides themselves, the active staff of the host organisations of the groups they may
log sessions for (``selectors.groups_for_logging``), and no other organisation's. The form's
choices and the service's check read the one definition, ``selectors.staff_choosable``.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from heard.core.roles import Role
from heard.participation import selectors, services
from heard.participation.forms import SessionForm
from heard.participation.models import Degree, ParticipationType, Session
from tests import factories

CREATE = reverse("participation:session-create")


@pytest.fixture
def youth_worker(make_user, other_organisation):
    """A worker of the host organisation of the theme lead's group (``theme_group``)."""
    return make_user(Role.PARTNER_WORKER, organisation=other_organisation, full_name="Yan Worker")


@pytest.fixture
def unrelated_worker(make_user):
    """A worker of an organisation hosting none of the theme lead's groups."""
    return make_user(
        Role.PARTNER_WORKER,
        organisation=factories.OrganisationFactory(),
        full_name="Una Related",
    )


def _offered(form: SessionForm) -> set[int]:
    fields = [form.fields["staff_present"], form.fields.get("other_staff_present")]
    return {int(pk) for field in fields if field is not None for pk, _ in field.choices}


def _log(actor, group, staff):
    return services.session_log(
        actor=actor,
        group=group,
        date="2026-10-14",
        kind=Session.Kind.GROUP_SESSION,
        degree=Degree.CYP_INITIATED_SHARED,
        participation_type=ParticipationType.PUBLIC,
        staff_present=staff,
    )


def _form(**extra):
    return {
        "date": "2026-10-14",
        "kind": Session.Kind.GROUP_SESSION,
        "degree": Degree.CYP_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
        **extra,
    }


def test_a_theme_lead_may_choose_the_host_organisations_workers_and_no_others(
    theme_lead, theme_group, youth_worker, unrelated_worker, group, partner_worker
):
    # ``group`` (and its host's ``partner_worker``) is not on the theme lead's theme.
    choosable = set(selectors.staff_choosable(theme_lead))
    assert choosable == {theme_lead, youth_worker}
    assert selectors.staff_not_choosable(
        theme_lead, [youth_worker, unrelated_worker, partner_worker]
    ) == [unrelated_worker, partner_worker]
    form = SessionForm(user=theme_lead, group=theme_group)
    assert _offered(form) == {theme_lead.pk, youth_worker.pk}


def test_a_theme_lead_with_no_groups_may_choose_only_themselves(theme_lead, youth_worker, group):
    assert list(selectors.staff_choosable(theme_lead)) == [theme_lead]


def test_a_host_organisations_inactive_worker_is_not_choosable(
    theme_lead, theme_group, youth_worker
):
    youth_worker.is_active = False
    youth_worker.save(update_fields=["is_active"])
    assert set(selectors.staff_choosable(theme_lead)) == {theme_lead}


def test_a_partner_worker_still_chooses_their_own_organisations_staff_only(
    partner_worker, group, theme_group, youth_worker
):
    assert set(selectors.staff_choosable(partner_worker)) == {partner_worker}


def test_what_a_theme_lead_may_choose_is_one_query_whatever_their_groups(
    theme_lead, theme, theme_group, youth_worker, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert len(list(selectors.staff_choosable(theme_lead))) == 2
    for _ in range(3):
        host = factories.OrganisationFactory()
        factories.UserFactory(role=Role.PARTNER_WORKER, organisation=host)
        factories.GroupThemeFactory(
            group=factories.GroupFactory(host_organisation=host), theme=theme
        )
    with django_assert_num_queries(1):
        assert len(list(selectors.staff_choosable(theme_lead))) == 5


def test_the_service_lets_a_theme_lead_record_the_host_organisations_worker(
    theme_lead, theme_group, youth_worker
):
    factories.BackgroundCheckFactory(staff=youth_worker)
    session = _log(theme_lead, theme_group, [youth_worker])
    assert list(session.staff_present.all()) == [youth_worker]


def test_the_service_refuses_a_theme_lead_an_unrelated_organisations_worker(
    theme_lead, theme_group, unrelated_worker
):
    factories.BackgroundCheckFactory(staff=unrelated_worker)
    with pytest.raises(ValidationError) as refused:
        _log(theme_lead, theme_group, [unrelated_worker])
    assert "You cannot record Una Related as present" in str(refused.value)
    assert not Session.objects.exists()


def test_a_theme_lead_logs_a_session_with_the_host_organisations_worker_on_the_page(
    client_for, theme_lead, theme_group, youth_worker
):
    factories.BackgroundCheckFactory(staff=youth_worker)
    response = client_for(theme_lead).post(
        f"{CREATE}?group={theme_group.pk}", _form(staff_present=[str(youth_worker.pk)])
    )
    assert response.status_code == 302, response.content.decode()
    session = Session.objects.get()
    assert (session.group, list(session.staff_present.all())) == (theme_group, [youth_worker])


def test_a_theme_lead_posting_an_unrelated_worker_is_refused_on_the_page(
    client_for, theme_lead, theme_group, unrelated_worker
):
    factories.BackgroundCheckFactory(staff=unrelated_worker)
    response = client_for(theme_lead).post(
        f"{CREATE}?group={theme_group.pk}", _form(staff_present=[str(unrelated_worker.pk)])
    )
    assert response.status_code == 200
    assert "Choose staff from the list." in response.content.decode()
    assert not Session.objects.exists()
