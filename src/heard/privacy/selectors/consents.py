"""Reads about consents: who has which, who sees them, and what they allow."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from heard.core.roles import AgeBand
from heard.people.models import YoungPerson
from heard.privacy.models import Consent
from heard.privacy.policies import CONSENTS
from heard.voice import consents as voice_consents

#: Whole years each age band covers.
BAND_AGES: dict[str, tuple[int, int]] = {
    AgeBand.UNDER_8: (0, 7),
    AgeBand.AGE_8_10: (8, 10),
    AgeBand.AGE_11_13: (11, 13),
    AgeBand.AGE_14_15: (14, 15),
    AgeBand.AGE_16_17: (16, 17),
    AgeBand.AGE_18_25: (18, 25),
}


def as_pk(pk: Any) -> int:
    """A primary key from a URL or a request: 0 (found nowhere) when it is not a number."""
    try:
        return int(pk)
    except (TypeError, ValueError):
        return 0


def consent_current(young_person: YoungPerson, purpose: str) -> Consent | None:
    return Consent.objects.filter(
        young_person=young_person, purpose=purpose, withdrawn_on__isnull=True
    ).first()


def consents_visible_to(user: Any) -> QuerySet[Consent]:
    """Consents of the young people the user may see (a partner worker: their organisation's),
    with the young person."""
    return CONSENTS.scope(user, "view", Consent.objects.select_related("young_person"))


def consents_for(*, user: Any, young_person: YoungPerson) -> QuerySet[Consent]:
    return (
        consents_visible_to(user)
        .filter(young_person=young_person)
        .order_by("purpose", "-given_on", "-id")
    )


def consent_get(user: Any, pk: Any) -> Consent:
    return get_object_or_404(consents_visible_to(user), pk=as_pk(pk))


def may_be_under(young_person: YoungPerson, age: int, *, on: datetime.date) -> bool:
    """Whether the young person is (or, by their age band, may be) under ``age`` on a date."""
    born = young_person.date_of_birth
    if born is not None:
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return years < age
    youngest, _ = BAND_AGES.get(young_person.age_band, (0, 25))
    return youngest < age


def photos_allowed(young_person: YoungPerson) -> bool:
    """Photographs of the young person may be used only while they have a current consent."""
    return consent_current(young_person, Consent.Purpose.PHOTOGRAPHS) is not None


def photos_withheld_view_ids() -> QuerySet[Any]:
    """Views whose images must be hidden now (values of ``pk``): someone who gave the view has no
    current consent to photographs, never given or withdrawn. The rule, and whose consent counts
    for an anonymous or whole-group view, is ``voice.consents``'s, so pages agree."""
    return voice_consents.views_with_photos_withheld().values("pk")
