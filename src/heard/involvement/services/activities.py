"""Involvement activities: recruitment, commissioning and procurement with young people."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import can, require
from heard.core.svc_values import plain_texts
from heard.core.updates import Change, Removal, full_clean, plain_text, record_created
from heard.involvement import events
from heard.involvement.models import InvolvementActivity
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson

ACTIVITY_FIELDS = (
    "title",
    "kind",
    "date",
    "organisation",
    "young_people_involved",
    "how",
    "young_people",
    "notes",
)
NOT_INVOLVED_HOW = gettext_noop(
    "Leave how they were involved empty: young people were not involved."
)
NOT_INVOLVED_PEOPLE = gettext_noop("Name no young people: young people were not involved.")
INVOLVED_HOW = gettext_noop("Choose how young people were involved.")
NOT_YOURS = gettext_noop("Choose your own organisation.")
UNSEEN = gettext_noop("Choose young people you can see.")


def _how(value: Any, errors: dict[str, Any]) -> list[str]:
    """The ways chosen, once each, in the order of the choices."""
    chosen = list(value) if isinstance(value, list | tuple | set) else [value] if value else []
    known = InvolvementActivity.How.values
    if any(item not in known for item in chosen):
        labels = ", ".join(str(label).lower() for label in InvolvementActivity.How.labels)
        errors["how"] = _("Choose how young people were involved from: %(labels)s.") % {
            "labels": labels
        }
        return []
    return [item for item in known if item in chosen]


def _young_people(actor: Any, value: Iterable[Any], errors: dict[str, Any]) -> list[YoungPerson]:
    chosen = list(value or [])
    if not all(isinstance(person, YoungPerson) and person.pk for person in chosen):
        errors["young_people"] = _(UNSEEN)
        return []
    seen = people_selectors.young_people_visible_to(actor).filter(
        pk__in=[person.pk for person in chosen]
    )
    if seen.count() != len({person.pk for person in chosen}):
        errors["young_people"] = _(UNSEEN)
        return []
    return chosen


def _check_involvement(
    involved: bool, how: list[str], young_people: list[Any], errors: dict[str, Any]
) -> None:
    if involved and not how:
        errors.setdefault("how", _(INVOLVED_HOW))
    if not involved and how:
        errors.setdefault("how", _(NOT_INVOLVED_HOW))
    if not involved and young_people:
        errors.setdefault("young_people", _(NOT_INVOLVED_PEOPLE))


@transaction.atomic
def activity_record(
    *,
    actor: Any,
    title: str,
    kind: str,
    date: datetime.date,
    organisation: Organisation,
    young_people_involved: bool = False,
    how: Iterable[str] = (),
    young_people: Iterable[YoungPerson] = (),
    notes: str = "",
) -> InvolvementActivity:
    """Record an activity of ``organisation``: a partner worker records their own's only."""
    require(actor, "involvement.add_involvementactivity")
    errors: dict[str, Any] = {}
    activity = InvolvementActivity(
        title=plain_text(title),
        kind=kind,
        date=date,
        organisation=organisation if isinstance(organisation, Organisation) else None,
        young_people_involved=bool(young_people_involved),
        how=_how(how, errors),
        notes=plain_text(notes),
        recorded_by=actor,
    )
    if activity.organisation is not None and not can(
        actor, "involvement.add_involvementactivity", activity
    ):
        errors["organisation"] = _(NOT_YOURS)
    chosen = _young_people(actor, young_people, errors)
    _check_involvement(activity.young_people_involved, activity.how, chosen, errors)
    full_clean(activity, errors, exclude=["recorded_by"])
    if errors:
        raise ValidationError(errors)
    activity.save()
    activity.young_people.set(chosen)
    record_created(activity, actor=actor, event=events.ACTIVITY_RECORDED, fields=ACTIVITY_FIELDS)
    return activity


_ACTIVITY_UPDATE = Change("activity_update", events.ACTIVITY_CHANGED, ACTIVITY_FIELDS)


@transaction.atomic
def activity_update(
    *, actor: Any, activity: InvolvementActivity, **fields: Any
) -> InvolvementActivity:
    """Change an activity. Young people the actor cannot see stay named in it."""
    require(actor, "involvement.change_involvementactivity", activity)
    hidden: list[YoungPerson] = []
    if "young_people" in fields:
        seen = people_selectors.young_people_visible_to(actor).values("pk")
        hidden = list(activity.young_people.exclude(pk__in=seen))

    def check(obj: InvolvementActivity, values: dict[str, Any], errors: dict[str, Any]) -> None:
        plain_texts(values, ("title", "notes"))
        if "how" in values:
            values["how"] = _how(values["how"], errors)
        people = list(obj.young_people.all())
        if "young_people" in values:
            people = _young_people(actor, values["young_people"], errors) + hidden
            values["young_people"] = people
        organisation = values.get("organisation", obj.organisation)
        if not people_selectors.may_use_organisation(
            actor, organisation, "involvement.change_involvementactivity", InvolvementActivity
        ):
            errors["organisation"] = _(NOT_YOURS)
        _check_involvement(
            bool(values.get("young_people_involved", obj.young_people_involved)),
            values.get("how", obj.how),
            people,
            errors,
        )

    return _ACTIVITY_UPDATE.apply(activity, actor=actor, fields=fields, check=check)


_ACTIVITY_DELETE = Removal(
    "involvement.delete_involvementactivity", events.ACTIVITY_DELETED, ACTIVITY_FIELDS
)


def activity_delete(*, actor: Any, activity: InvolvementActivity) -> None:
    _ACTIVITY_DELETE.apply(activity, actor=actor)
