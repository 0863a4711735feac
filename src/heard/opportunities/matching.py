"""Who an opportunity suits: each of its age bands, groups and areas that is set must match the
young person (an empty one suits everyone). The portal list, the detail and the sign-up services
ask the same question."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from heard.groups.models import Membership
from heard.people.models import YoungPerson


def current_group_ids(young_person: YoungPerson) -> set[int]:
    """The groups the young person belongs to now (one query)."""
    rows = Membership.objects.current().filter(young_person=young_person)
    return set(rows.values_list("group_id", flat=True))


def suits(opportunity: Any, young_person: YoungPerson, group_ids: Collection[int]) -> bool:
    """Whether ``opportunity`` (its ``groups`` prefetched or read) suits ``young_person``, a
    member of ``group_ids``."""
    if opportunity.age_bands and young_person.age_band not in opportunity.age_bands:
        return False
    areas = {area.casefold() for area in opportunity.areas or []}
    if areas and (young_person.area or "").strip().casefold() not in areas:
        return False
    wanted = {group.pk for group in opportunity.groups.all()}
    return not wanted or bool(wanted & set(group_ids))
