"""Partner organisations (M2): add one, change one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import Change, record_created
from heard.people import events
from heard.people.models import Organisation, User
from heard.people.services._common import (
    ORGANISATION_FIELDS,
    clean_values,
    full_clean,
)


def _name_problem(name: str, *, exclude_pk: int | None = None) -> str | None:
    if not name:
        return "Enter the organisation's name."
    clash = Organisation.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        return f"An organisation called {name} already exists."
    return None


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str = Organisation.Kind.VOLUNTARY,
    area: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    champions: Iterable[User] = (),
    notes: str = "",
) -> Organisation:
    require(actor, "people.add_organisation")
    values: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "area": area,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_phone": contact_phone,
        "notes": notes,
    }
    clean_values(values)
    organisation = Organisation(**values)
    problem = _name_problem(organisation.name)
    if problem:
        raise ValidationError({"name": problem})
    full_clean(organisation)
    organisation.save()
    organisation.champions.set(list(champions))
    record_created(
        organisation, actor=actor, event=events.ORGANISATION_CREATED, fields=ORGANISATION_FIELDS
    )
    return organisation


_CHANGE = Change("organisation_update", events.ORGANISATION_CHANGED, ORGANISATION_FIELDS)


def _check(organisation: Organisation, values: dict[str, Any], errors: dict[str, Any]) -> None:
    clean_values(values)
    if "name" in values:
        problem = _name_problem(values["name"], exclude_pk=organisation.pk)
        if problem:
            errors["name"] = problem


def organisation_update(
    *, actor: User | None, organisation: Organisation, **fields: Any
) -> Organisation:
    require(actor, "people.change_organisation", organisation)
    return _CHANGE.apply(organisation, actor=actor, fields=fields, check=_check)
