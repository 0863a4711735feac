"""Staff reminders: each computed through its app's selectors, one per person per kind per day,
each switchable; a concern's reminder says only how many are waiting."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from heard.core.standards import Standard
from heard.messaging import services
from heard.messaging.models import Message, ReminderPreference
from heard.plans import services as plan_services
from tests import factories

pytestmark = pytest.mark.usefixtures("dummy_tasks")


def kinds_for(user):
    return sorted(Message.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def overdue_group(theme_lead, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    factories.GroupThemeFactory(group=group, theme=factories.ThemeFactory(lead=theme_lead))
    return group


@pytest.fixture
def concern(safeguarding_lead):
    concern = factories.ConcernFactory()
    type(concern).objects.filter(pk=concern.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    return concern


@pytest.fixture
def check_due(safeguarding_lead, officer, today):
    return factories.BackgroundCheckFactory(
        staff=officer, renewal_due=today + datetime.timedelta(days=3)
    )


@pytest.fixture
def late_action(officer, organisation, today):
    plan = plan_services.plan_create(
        actor=None,
        organisation=organisation,
        period="2026-27",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        title="Active involvement action plan",
    )
    outcome = plan_services.outcome_add(
        actor=None, plan=plan, standard=Standard.SHARED_VALUES, number="1.1", text="Recruit"
    )
    return plan_services.action_add(
        actor=None,
        outcome=outcome,
        text="Run the pilot panel",
        lead_staff=[officer],
        due_on=today - datetime.timedelta(days=1),
    )


def test_each_reminder_to_those_it_is_for(
    today,
    theme_lead,
    overdue_group,
    officer,
    late_action,
    safeguarding_lead,
    concern,
    check_due,
    board_member,
    responded,
):
    partner = factories.UserFactory(
        role="partner_worker", organisation=responded.views.get().organisation
    )
    assert services.queue_reminders(today=today) == 5
    # The view owed feedback is in none of the theme lead's themes.
    assert kinds_for(theme_lead) == ["visits_overdue"]
    assert kinds_for(partner) == ["feedback_owed"]
    assert kinds_for(officer) == ["actions_due"]
    assert kinds_for(safeguarding_lead) == ["checks_due", "concerns_waiting"]
    assert kinds_for(board_member) == []
    waiting = Message.objects.get(kind="concerns_waiting")
    assert waiting.details == {"count": 1}
    assert waiting.dedupe_key == f"reminder:concerns_waiting:{safeguarding_lead.pk}:{today}"
    # Once a day: the same day queues nothing more; the next day queues again.
    assert services.queue_reminders(today=today) == 0
    assert services.queue_reminders(today=today + datetime.timedelta(days=1)) == 5


def test_switched_off_reminders_are_not_queued(today, safeguarding_lead, concern, check_due):
    services.reminder_preferences_update(
        actor=safeguarding_lead, user=safeguarding_lead, concerns_waiting=False
    )
    assert services.queue_reminders(today=today) == 1
    assert kinds_for(safeguarding_lead) == ["checks_due"]


def test_nothing_waiting_nothing_queued(today, theme_lead, safeguarding_lead, officer):
    assert services.queue_reminders(today=today) == 0


def test_concern_reminder_email_says_only_how_many(today, safeguarding_lead, concern, smtp):
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert services.deliver_due() == {"sent": 1}
    assert smtp.wait_for(1, timeout=10)
    email = smtp.received[0][1]
    assert email["To"] == safeguarding_lead.email
    text = email.get_body(preferencelist=("plain",)).get_content()
    assert "One concern is waiting for a decision." in text
    assert concern.what_happened not in text
    assert concern.young_person.first_name not in text
    assert "/account/reminders/" in text
    html = email.get_body(preferencelist=("html",)).get_content()
    assert concern.what_happened not in html


def test_reminder_to_someone_no_longer_active_is_not_sent(today, safeguarding_lead, concern):
    services.queue_reminders(today=today)
    safeguarding_lead.is_active = False
    safeguarding_lead.save()
    assert services.deliver_due() == {"cancelled": 1}


def test_send_messages_command(today, safeguarding_lead, concern, smtp, capsys):
    services.queue_reminders(today=today)
    call_command("send_messages")
    assert "1 sent" in capsys.readouterr().out
    call_command("send_messages")
    assert "none due" in capsys.readouterr().out


def test_preferences_default_on_and_only_one_s_own(safeguarding_lead, officer):
    from heard.messaging.selectors import reminder_settings

    assert set(reminder_settings(officer).values()) == {True}
    with pytest.raises(PermissionDenied):
        services.reminder_preferences_update(
            actor=officer, user=safeguarding_lead, checks_due=False
        )
    with pytest.raises(ValueError, match="Not a reminder"):
        services.reminder_preferences_update(actor=officer, user=officer, spam=False)
    services.reminder_preferences_update(actor=officer, user=officer, actions_due=False)
    services.reminder_preferences_update(actor=officer, user=officer, actions_due=False)
    assert reminder_settings(officer)["actions_due"] is False
    assert ReminderPreference.objects.get(user=officer).visits_overdue is True
    assert str(ReminderPreference.objects.get(user=officer)).startswith("Reminders of")
