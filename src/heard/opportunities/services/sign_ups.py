"""Sign-ups: a young person signs up in the portal, or a worker signs them up; either may
withdraw it. The opportunity's row is locked while a sign-up is checked and saved, so two at
once never take more than its places."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import lock, record_changed, record_created
from heard.opportunities import events
from heard.opportunities.matching import current_group_ids, suits
from heard.opportunities.models import Opportunity, SignUp
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

SIGN_UP_FIELDS = ("opportunity", "young_person", "how", "status", "session")
NOT_PUBLISHED = gettext_noop("This opportunity is not open for sign-ups.")
CLOSED = gettext_noop("Sign-ups for this opportunity closed on {date}.")
FULL = gettext_noop("This opportunity is full: all {places} places are taken.")
NOT_SUITED = gettext_noop("This opportunity is not for this young person (age, group or area).")
ALREADY = gettext_noop("This young person has already signed up.")
NOT_SIGNED_UP = gettext_noop(
    "Only a sign-up that has not been withdrawn or attended can be withdrawn."
)
UNSEEN = gettext_noop("Choose a young person you can see.")


def _check(
    opportunity: Opportunity, young_person: YoungPerson, today: datetime.date
) -> SignUp | None:
    """The rules of a new sign-up, on the locked opportunity: it is published and open, it
    suits the young person, they have not signed up already, and a place is free. The
    withdrawn sign-up to make again, if any."""
    if opportunity.status != Opportunity.Status.PUBLISHED:
        raise ValidationError(_(NOT_PUBLISHED))
    if today > opportunity.closes_on:
        raise ValidationError(_(CLOSED).format(date=opportunity.closes_on.strftime("%-d %B %Y")))
    if not suits(opportunity, young_person, current_group_ids(young_person)):
        raise ValidationError(_(NOT_SUITED))
    existing = SignUp.objects.filter(opportunity=opportunity, young_person=young_person).first()
    if existing is not None and existing.status != SignUp.Status.WITHDRAWN:
        raise ValidationError(_(ALREADY))
    if opportunity.places is not None:
        taken = opportunity.sign_ups.exclude(status=SignUp.Status.WITHDRAWN).count()
        if taken >= opportunity.places:
            raise ValidationError(_(FULL).format(places=opportunity.places))
    return existing


def _save(
    opportunity: Opportunity,
    young_person: YoungPerson,
    how: str,
    actor: Any,
    today: datetime.date | None,
) -> SignUp:
    opportunity = lock(opportunity)
    existing = _check(opportunity, young_person, today or timezone.localdate())
    if existing is not None:
        before = audit.snapshot(existing, SIGN_UP_FIELDS)
        existing.status, existing.how = SignUp.Status.SIGNED_UP, how
        existing.signed_up_at, existing.recorded_by = timezone.now(), actor
        existing.save()
        record_changed(existing, actor=actor, event=events.SIGN_UP_CHANGED, before=before)
        return existing
    sign_up = SignUp.objects.create(
        opportunity=opportunity, young_person=young_person, how=how, recorded_by=actor
    )
    record_created(sign_up, actor=actor, event=events.SIGN_UP_MADE, fields=SIGN_UP_FIELDS)
    return sign_up


def _registered(young_person: Any) -> YoungPerson:
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(_("Only a young person on the register can sign up."))
    return young_person


@transaction.atomic
def sign_up_give(
    *, young_person: YoungPerson, opportunity: Opportunity, today: datetime.date | None = None
) -> SignUp:
    """A young person signs up in the portal (audited with no staff actor). ``today`` is the
    day the closing date is compared with (the demo's day; otherwise today)."""
    _registered(young_person)
    return _save(opportunity, young_person, SignUp.How.PORTAL, None, today)


@transaction.atomic
def sign_up_add(
    *,
    actor: Any,
    opportunity: Opportunity,
    young_person: YoungPerson,
    today: datetime.date | None = None,
) -> SignUp:
    """A worker signs up a young person they can see for one of their opportunities (``today``
    as for :func:`sign_up_give`)."""
    require(actor, "opportunities.add_signup", opportunity)
    _registered(young_person)
    if not people_selectors.sees_young_person(actor, young_person):
        raise ValidationError({"young_person": _(UNSEEN)})
    try:
        return _save(opportunity, young_person, SignUp.How.WORKER, actor, today)
    except ValidationError as exc:
        raise ValidationError({"young_person": exc.messages}) from exc


@transaction.atomic
def sign_up_withdraw(
    *, sign_up: SignUp, actor: Any = None, young_person: YoungPerson | None = None
) -> SignUp:
    """Withdraw a sign-up: by the young person whose it is (``young_person``, in the portal) or
    by a worker who keeps it (``actor``). Its place is free again."""
    if young_person is not None:
        if sign_up.young_person_id != young_person.pk:
            raise PermissionDenied(_("You can only withdraw your own sign-up."))
        actor = None
    else:
        require(actor, "opportunities.change_signup", sign_up)
    sign_up = lock(sign_up)
    if sign_up.status != SignUp.Status.SIGNED_UP:
        raise ValidationError(_(NOT_SIGNED_UP))
    before = audit.snapshot(sign_up, SIGN_UP_FIELDS)
    sign_up.status = SignUp.Status.WITHDRAWN
    sign_up.save(update_fields=["status", "updated_at"])
    record_changed(sign_up, actor=actor, event=events.SIGN_UP_CHANGED, before=before)
    return sign_up
