"""Young people joining and leaving groups: validate, check, save, audit."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core.dates import long_date
from heard.core.permissions import is_partner_worker, require
from heard.core.updates import Change, audited_create
from heard.groups import events
from heard.groups.models import Group, Membership
from heard.people.models import User, YoungPerson

MEMBERSHIP_FIELDS = ("group", "young_person", "joined_on", "left_on")


def _joining_error(
    actor: User | None, group: Group, young_person: YoungPerson, joined_on: datetime.date
) -> dict[str, str]:
    if group.stage == Group.Stage.CLOSED:
        return {"group": "This group is closed: it cannot gain members."}
    if (
        actor is not None
        and is_partner_worker(actor)
        and young_person.organisation_id != actor.organisation_id
    ):
        return {"young_person": "You can only add young people your organisation supports."}
    if not young_person.is_active:
        return {"young_person": f"{young_person}'s record is not active."}
    if Membership.objects.current().filter(group=group, young_person=young_person).exists():
        return {"young_person": f"{young_person} is already a member of this group."}
    if group.start_date and joined_on < group.start_date:
        return {
            "joined_on": "The joining date cannot be before the group started on "
            f"{long_date(group.start_date)}."
        }
    return {}


@transaction.atomic
def membership_add(
    *, actor: User | None, group: Group, young_person: YoungPerson, joined_on: datetime.date
) -> Membership:
    require(actor, "groups.add_membership", group)
    errors = _joining_error(actor, group, young_person, joined_on)
    if errors:
        raise ValidationError(errors)
    membership = Membership(group=group, young_person=young_person, joined_on=joined_on)
    return audited_create(
        membership, actor=actor, event=events.MEMBERSHIP_ADDED, fields=MEMBERSHIP_FIELDS
    )


def _check_leaving(membership: Membership, values: dict[str, Any], errors: dict[str, Any]) -> None:
    if membership.left_on is not None:
        errors["left_on"] = _("This membership already ended on %(left_on)s.") % {
            "left_on": long_date(membership.left_on)
        }
    elif values["left_on"] < membership.joined_on:
        errors["left_on"] = _("The leaving date cannot be before they joined on %(joined_on)s.") % {
            "joined_on": long_date(membership.joined_on)
        }


_MEMBERSHIP_END = Change("membership_end", events.MEMBERSHIP_ENDED, ("left_on",))


@transaction.atomic
def membership_end(
    *, actor: User | None, membership: Membership, left_on: datetime.date
) -> Membership:
    require(actor, "groups.change_membership", membership)
    ending = {"left_on": left_on}
    return _MEMBERSHIP_END.apply(membership, actor=actor, fields=ending, check=_check_leaving)
