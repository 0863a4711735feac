"""Opportunities: added, changed and deleted by the organisation's staff."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from heard.core import audience
from heard.core.permissions import can, require
from heard.core.svc_values import plain_texts
from heard.core.updates import Change, Creation, Removal
from heard.groups.models import Group
from heard.opportunities import events
from heard.opportunities.models import Opportunity, SignUp
from heard.people import selectors as people_selectors
from heard.people.models import Organisation

OPPORTUNITY_FIELDS = (
    "title",
    "kind",
    "description",
    "organisation",
    "age_bands",
    "groups",
    "areas",
    "starts_at",
    "ends_at",
    "place",
    "online",
    "accessibility",
    "closes_on",
    "places",
    "status",
)
NOT_YOURS = gettext_noop("Choose your own organisation.")
WHERE = gettext_noop("Say where it is: a place, online, or both.")
CLOSES_AFTER_START = gettext_noop("The closing date must be on or before the day it starts.")
ENDS_BEFORE_START = gettext_noop("The end must be after the start.")
AREAS = f"Each area is one line of {audience.AREA_MAX_LENGTH} characters or fewer."
NO_PLACES = gettext_noop("Places must be at least 1, or leave it empty for no limit.")
#: What the rules read of an opportunity being changed besides the values changed.
CHECKED = ("place", "online", "places", "starts_at", "ends_at", "closes_on")


def _groups(value: Iterable[Any], errors: dict[str, Any]) -> list[Group]:
    chosen = list(value or [])
    if not all(isinstance(group, Group) and group.pk for group in chosen):
        errors["groups"] = _("Choose groups on the register.")
        return []
    return chosen


def _check_times(values: dict[str, Any], errors: dict[str, Any]) -> None:
    starts, ends, closes = values.get("starts_at"), values.get("ends_at"), values.get("closes_on")
    if not isinstance(starts, datetime.datetime):
        return
    if isinstance(ends, datetime.datetime) and ends < starts:
        errors.setdefault("ends_at", _(ENDS_BEFORE_START))
    if isinstance(closes, datetime.date) and closes > timezone.localdate(starts):
        errors.setdefault("closes_on", _(CLOSES_AFTER_START))


def _check(values: dict[str, Any], errors: dict[str, Any]) -> None:
    """The rules every opportunity keeps, on its values as they will be saved."""
    plain_texts(values, ("title", "description", "place", "accessibility"))
    if "age_bands" in values:
        values["age_bands"] = audience.age_bands(values["age_bands"], errors)
    if "areas" in values:
        values["areas"] = audience.areas(values["areas"], errors, message=AREAS)
    if "groups" in values:
        values["groups"] = _groups(values["groups"], errors)
    if not values.get("place") and not values.get("online"):
        errors.setdefault("place", _(WHERE))
    places = values.get("places")
    if places is not None and (not isinstance(places, int) or places < 1):
        errors.setdefault("places", _(NO_PLACES))
    _check_times(values, errors)


_OPPORTUNITY_ADD = Creation(events.OPPORTUNITY_ADDED, OPPORTUNITY_FIELDS, exclude=["created_by"])


@transaction.atomic
def opportunity_add(
    *,
    actor: Any,
    title: str,
    kind: str,
    description: str,
    organisation: Organisation,
    starts_at: datetime.datetime,
    closes_on: datetime.date,
    ends_at: datetime.datetime | None = None,
    age_bands: Iterable[str] = (),
    groups: Iterable[Group] = (),
    areas: Iterable[str] = (),
    place: str = "",
    online: bool = False,
    accessibility: str = "",
    places: int | None = None,
    status: str = Opportunity.Status.DRAFT,
) -> Opportunity:
    """Add an opportunity of ``organisation``: a partner worker adds their own's only."""
    require(actor, "opportunities.add_opportunity")
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {
        "title": title,
        "description": description,
        "age_bands": age_bands,
        "groups": list(groups),
        "areas": areas,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "closes_on": closes_on,
        "place": place,
        "online": bool(online),
        "accessibility": accessibility,
        "places": places,
    }
    _check(values, errors)
    chosen_groups = values.pop("groups")
    opportunity = Opportunity(
        kind=kind,
        organisation=organisation if isinstance(organisation, Organisation) else None,
        status=status,
        created_by=actor,
        **values,
    )
    if opportunity.organisation is not None and not can(
        actor, "opportunities.add_opportunity", opportunity
    ):
        errors["organisation"] = _(NOT_YOURS)
    related = {"groups": chosen_groups}
    return _OPPORTUNITY_ADD.save(opportunity, actor=actor, related=related, errors=errors)


def taken_places(opportunity: Opportunity) -> int:
    """Sign-ups that hold a place (not withdrawn)."""
    return opportunity.sign_ups.exclude(status=SignUp.Status.WITHDRAWN).count()


_OPPORTUNITY_UPDATE = Change("opportunity_update", events.OPPORTUNITY_CHANGED, OPPORTUNITY_FIELDS)


@transaction.atomic
def opportunity_update(*, actor: Any, opportunity: Opportunity, **fields: Any) -> Opportunity:
    """Change an opportunity. Places may not drop below the young people already signed up."""
    require(actor, "opportunities.change_opportunity", opportunity)

    def check(obj: Opportunity, values: dict[str, Any], errors: dict[str, Any]) -> None:
        current = {name: getattr(obj, name) for name in CHECKED}
        merged = {**current, **values}
        _check(merged, errors)
        for name in values:
            values[name] = merged[name]
        organisation = values.get("organisation", obj.organisation)
        if not people_selectors.may_use_organisation(
            actor, organisation, "opportunities.change_opportunity", Opportunity
        ):
            errors["organisation"] = _(NOT_YOURS)
        places = values.get("places")
        if "places" in values and places is not None and "places" not in errors:
            taken = taken_places(obj)
            if places < taken:
                errors["places"] = ngettext(
                    "%(taken)d young person has signed up: places cannot be fewer than %(taken)d.",
                    "%(taken)d young people have signed up: places cannot be fewer than %(taken)d.",
                    taken,
                ) % {"taken": taken}

    return _OPPORTUNITY_UPDATE.apply(opportunity, actor=actor, fields=fields, check=check)


_OPPORTUNITY_DELETE = Removal(
    "opportunities.delete_opportunity", events.OPPORTUNITY_DELETED, OPPORTUNITY_FIELDS
)


def opportunity_delete(*, actor: Any, opportunity: Opportunity) -> None:
    """Delete an opportunity and its sign-ups (attendance already logged stays in the log)."""
    _OPPORTUNITY_DELETE.apply(opportunity, actor=actor)
