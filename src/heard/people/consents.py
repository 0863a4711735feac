"""Which young people have a current consent to a purpose: the consent queries the apps above
people read (voice, to quote, publish and show photographs).

Consents are privacy's records (``privacy.Consent``, ``related_name="consents"``), but privacy
sits above voice in the apps' layers. These queries go through the reverse relation
``YoungPerson.consents`` instead, so any app above people may ask them without importing privacy;
:class:`ConsentPurpose` is the purposes' one list (privacy's ``Consent.Purpose`` holds the same
values and labels). Informed consent is opt-in: never given counts the same as withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef

from heard.people.choices import ConsentPurpose as ConsentPurpose
from heard.people.models import YoungPerson


def _consenting(purpose: str, *, withdrawn: bool) -> models.QuerySet[YoungPerson]:
    """Young people with a consent to ``purpose`` that is current (or withdrawn), one join row
    matching both conditions."""
    return YoungPerson.objects.filter(
        consents__purpose=purpose, consents__withdrawn_on__isnull=not withdrawn
    )


def with_current_consent(purpose: str, young_people: Iterable[Any]) -> set[int]:
    """The ids of these young people (or ids) who have a current consent to ``purpose``: one
    query."""
    ids = [getattr(person, "pk", person) for person in young_people]
    return set(
        _consenting(purpose, withdrawn=False).filter(pk__in=ids).values_list("pk", flat=True)
    )


def has_current_consent(purpose: str, young_person: OuterRef) -> Exists:
    """For a filter or annotation: the young person ``young_person`` names (an ``OuterRef`` to
    their id) has a current consent to ``purpose``."""
    return Exists(_consenting(purpose, withdrawn=False).filter(pk=young_person))


def has_withdrawn_consent(purpose: str, young_person: OuterRef) -> Exists:
    """For a filter or annotation: the young person has withdrawn a consent to ``purpose``."""
    return Exists(_consenting(purpose, withdrawn=True).filter(pk=young_person))
