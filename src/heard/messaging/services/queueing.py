"""Queueing messages: young people told of feedback, and the staff's daily reminders.

A message is queued once: its ``dedupe_key`` is unique and rows are added with
``ignore_conflicts``, so queueing the same feedback or the same day's reminders again adds
nothing. Each queueing enqueues the task that sends what is due, after the commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from heard.core.roles import Role
from heard.groups.models import Membership
from heard.groups.selectors import overdue_groups
from heard.messaging.models import REMINDER_KINDS, Message, ReminderPreference
from heard.people.consents import ConsentPurpose, has_current_consent
from heard.people.models import User, YoungPerson
from heard.plans.selectors import actions_overdue_for
from heard.safeguarding.selectors import checks_due_count, concerns_waiting
from heard.voice.models import Feedback
from heard.voice.selectors.loop import feedback_owed

Kind = Message.Kind


def contactable(young_people: Any) -> Any:
    """Of these young people, those Heard may message: active, with an email address and a
    current consent to be contacted. Read again when each message is sent."""
    return young_people.filter(
        has_current_consent(ConsentPurpose.CONTACT, OuterRef("pk")), is_active=True
    ).exclude(contact_email="")


def enqueue_sending() -> None:
    """Send what is due once the current transaction commits, through the task queue."""
    from heard.messaging.tasks import send_due_messages

    transaction.on_commit(send_due_messages.enqueue)


def _add(messages: Iterable[Message]) -> int:
    """Add the messages not queued before; returns how many were new."""
    rows = list(messages)
    if not rows:
        return 0
    keys = [row.dedupe_key for row in rows]
    before = set(Message.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    return len(set(keys) - before)


@transaction.atomic
def queue_feedback_told(*, feedback: Feedback) -> int:
    """Tell each young person the feedback went to (named, or a current member of a group it
    went to) who may be messaged. Returns how many messages were queued."""
    members = Membership.objects.current().filter(
        young_person=OuterRef("pk"), group__in=feedback.groups.all()
    )
    told = YoungPerson.objects.filter(Q(feedback_received=feedback) | Exists(members))
    ids = contactable(YoungPerson.objects.filter(pk__in=told.values("pk"))).values_list(
        "pk", flat=True
    )
    now = timezone.now()
    added = _add(
        Message(
            kind=Kind.FEEDBACK_TOLD,
            young_person_id=pk,
            feedback=feedback,
            dedupe_key=f"feedback:{feedback.pk}:yp:{pk}",
            next_attempt_at=now,
        )
        for pk in ids.order_by("pk")
    )
    if added:
        enqueue_sending()
    return added


def feedback_recorded(*, feedback_id: int) -> None:
    """The ``feedback.recorded`` hook (voice), after the feedback's commit."""
    feedback = Feedback.objects.filter(pk=feedback_id).first()
    if feedback is not None:
        queue_feedback_told(feedback=feedback)


# --- Reminders ----------------------------------------------------------------------------------

Counter = Callable[[Any, datetime.date], int]

#: Each reminder: the roles that get it and how many things it reminds them of.
REMINDERS: dict[str, tuple[frozenset[str], Counter]] = {
    Kind.VISITS_OVERDUE: (
        frozenset({Role.THEME_LEAD}),
        lambda user, today: overdue_groups(user=user, today=today).count(),
    ),
    Kind.FEEDBACK_OWED: (
        frozenset({Role.THEME_LEAD, Role.PARTNER_WORKER}),
        lambda user, today: feedback_owed(user=user, today=today).count(),
    ),
    Kind.ACTIONS_DUE: (
        frozenset(Role.values),
        lambda user, today: len(actions_overdue_for(user, today=today)),
    ),
    Kind.CHECKS_DUE: (
        frozenset({Role.SAFEGUARDING_LEAD}),
        lambda user, today: checks_due_count(user=user, today=today),
    ),
    Kind.CONCERNS_WAITING: (
        frozenset({Role.SAFEGUARDING_LEAD}),
        lambda user, today: len(concerns_waiting(user=user, now=timezone.now())),
    ),
}


def _reminders_of(user: User, today: datetime.date, now: datetime.datetime) -> list[Message]:
    preference = ReminderPreference.objects.filter(user=user).first()
    messages = []
    for kind in REMINDER_KINDS:
        roles, count = REMINDERS[kind]
        if user.role not in roles or (preference is not None and not preference.wants(kind)):
            continue
        number = count(user, today)
        if number:
            messages.append(
                Message(
                    kind=kind,
                    user=user,
                    dedupe_key=f"reminder:{kind}:{user.pk}:{today.isoformat()}",
                    details={"count": number},
                    next_attempt_at=now,
                )
            )
    return messages


@transaction.atomic
def queue_reminders(*, today: datetime.date) -> int:
    """Queue today's reminders: one message per person per kind per day, only for what is
    waiting and only the kinds they have left on. Returns how many were queued."""
    now = timezone.now()
    added = 0
    for user in User.objects.filter(is_active=True).exclude(role="").order_by("pk"):
        added += _add(_reminders_of(user, today, now))
    if added:
        enqueue_sending()
    return added
