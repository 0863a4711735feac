"""Budget rounds and theme votes: set up, changed before voting, deleted before any ballot."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import require
from heard.core.roles import AgeBand
from heard.core.svc_values import plain_texts
from heard.core.updates import (
    Change,
    audited_create,
    audited_delete,
    full_clean,
)
from heard.decisions import events
from heard.decisions.models import BudgetRound
from heard.groups.models import Group, Theme
from heard.people.models import Organisation

ROUND_FIELDS = (
    "title",
    "description",
    "kind",
    "organisation",
    "theme",
    "pot",
    "young_people_share",
    "method",
    "points_per_voter",
    "winners",
    "theme_period",
    "young_people_propose",
    "proposals_open",
    "opens",
    "closes",
    "eligible_groups",
    "eligible_age_bands",
    "eligible_areas",
    "eligible_organisations",
)
#: What cannot change once someone has voted: it would change what their ballot meant.
FIXED_ONCE_VOTED = frozenset(
    {
        "kind",
        "method",
        "points_per_voter",
        "opens",
        "eligible_groups",
        "eligible_age_bands",
        "eligible_areas",
        "eligible_organisations",
    }
)
VOTED = gettext_noop("Young people have already voted: {what} can no longer change.")
DECIDED = gettext_noop("This round has been decided: it can no longer change.")
PERIOD = re.compile(r"^\d{4}-\d{2}$")
#: The error of a record that is not on the register, by what was chosen.
NOT_ON_REGISTER = {
    "groups": gettext_noop("Choose groups that are on the register."),
    "organisations": gettext_noop("Choose organisations that are on the register."),
}


def _saved(
    value: Iterable[Any], model: type, field: str, noun: str, errors: dict[str, Any]
) -> list[Any]:
    chosen = list(value or [])
    if not all(isinstance(item, model) and getattr(item, "pk", None) for item in chosen):
        errors[field] = _(NOT_ON_REGISTER[noun])
        return []
    return chosen


def _age_bands(value: Any, errors: dict[str, Any]) -> list[str]:
    chosen = list(value or [])
    if any(band not in AgeBand.values for band in chosen):
        errors["eligible_age_bands"] = _("Choose age bands from the list.")
        return []
    return [band for band in AgeBand.values if band in chosen]


def _areas(value: Any, errors: dict[str, Any]) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"[,\n]", value)
    areas: list[str] = []
    for item in value or []:
        if not isinstance(item, str):
            errors["eligible_areas"] = _("Enter the areas as words, separated by commas.")
            return []
        item = " ".join(item.split())
        if item and item.lower() not in {area.lower() for area in areas}:
            areas.append(item[:100])
    return areas


def _money(value: Any, field: str, errors: dict[str, Any]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        errors[field] = _("Enter an amount in pounds, like 20000 or 150.50.")
        return None
    if not amount.is_finite():
        errors[field] = _("Enter an amount in pounds, like 20000 or 150.50.")
        return None
    return amount


def _check(obj: BudgetRound, errors: dict[str, Any]) -> None:
    """What holds between the fields of a round, whatever changed."""
    if obj.kind not in BudgetRound.Kind.values:
        errors["kind"] = _("Choose a budget round or a theme vote.")
        return
    if obj.method not in BudgetRound.Method.values:
        errors["method"] = _("Choose one vote each or points to spread.")
        return
    if obj.method == BudgetRound.Method.POINTS and not obj.points_per_voter:
        errors.setdefault("points_per_voter", _("Enter how many points each young person spreads."))
    if obj.method == BudgetRound.Method.ONE_VOTE:
        obj.points_per_voter = None
    if obj.is_theme_vote:
        obj.pot = Decimal("0")
        if not obj.winners:
            errors.setdefault("winners", _("Enter how many options become themes, like 6."))
        if not PERIOD.match(obj.theme_period or ""):
            errors.setdefault(
                "theme_period", _("Enter the period of the themes chosen, like 2027-28.")
            )
    else:
        obj.winners = None
        obj.theme_period = ""
        if obj.pot is None or obj.pot <= 0:
            errors.setdefault("pot", _("Enter the pot in pounds, more than 0."))
    if (
        isinstance(obj.opens, datetime.date)
        and isinstance(obj.closes, datetime.date)
        and obj.closes < obj.opens
    ):
        errors.setdefault("closes", _("Voting must close on or after the day it opens."))
    if (
        isinstance(obj.proposals_open, datetime.date)
        and isinstance(obj.opens, datetime.date)
        and obj.proposals_open > obj.opens
    ):
        errors.setdefault("proposals_open", _("Proposals must open on or before voting opens."))


def _clean_values(values: dict[str, Any], errors: dict[str, Any]) -> None:
    plain_texts(values, ("title", "description", "theme_period"))
    if "pot" in values:
        values["pot"] = _money(values["pot"], "pot", errors)
    if "eligible_age_bands" in values:
        values["eligible_age_bands"] = _age_bands(values["eligible_age_bands"], errors)
    if "eligible_areas" in values:
        values["eligible_areas"] = _areas(values["eligible_areas"], errors)
    if "eligible_groups" in values:
        values["eligible_groups"] = _saved(
            values["eligible_groups"], Group, "eligible_groups", "groups", errors
        )
    if "eligible_organisations" in values:
        values["eligible_organisations"] = _saved(
            values["eligible_organisations"],
            Organisation,
            "eligible_organisations",
            "organisations",
            errors,
        )
    if values.get("organisation") is not None and not isinstance(
        values["organisation"], Organisation
    ):
        errors["organisation"] = _("Choose an organisation that is on the register.")
    if values.get("theme") is not None and not isinstance(values["theme"], Theme):
        errors["theme"] = _("Choose a theme that exists.")


def _new_round(actor: Any, values: dict[str, Any], **fields: Any) -> BudgetRound:
    """A new round, validated but not saved: ``values`` cleaned (in place), ``fields`` as given."""
    errors: dict[str, Any] = {}
    _clean_values(values, errors)
    round_ = BudgetRound(
        title=values["title"],
        description=values["description"],
        organisation=values["organisation"] if "organisation" not in errors else None,
        theme=values["theme"] if "theme" not in errors else None,
        pot=values["pot"] if values["pot"] is not None else Decimal("0"),
        theme_period=values["theme_period"],
        eligible_age_bands=values["eligible_age_bands"],
        eligible_areas=values["eligible_areas"],
        created_by=actor,
        **fields,
    )
    _check(round_, errors)
    full_clean(round_, errors, exclude=["created_by", "decided_by"])
    if errors:
        raise ValidationError(errors)
    return round_


@transaction.atomic
def round_create(
    *,
    actor: Any,
    title: str,
    opens: datetime.date,
    closes: datetime.date,
    kind: str = BudgetRound.Kind.BUDGET,
    description: str = "",
    organisation: Organisation | None = None,
    theme: Theme | None = None,
    pot: Any = None,
    young_people_share: int = 50,
    method: str = BudgetRound.Method.ONE_VOTE,
    points_per_voter: int | None = None,
    winners: int | None = None,
    theme_period: str = "",
    young_people_propose: bool = True,
    proposals_open: datetime.date | None = None,
    eligible_groups: Iterable[Group] = (),
    eligible_age_bands: Iterable[str] = (),
    eligible_areas: Iterable[str] | str = (),
    eligible_organisations: Iterable[Organisation] = (),
) -> BudgetRound:
    """Set up a round: the pot and young people's share (or, for a theme vote, how many
    options win and for which period), the method, the dates and who may take part."""
    require(actor, "decisions.add_budgetround")
    values: dict[str, Any] = {
        "title": title,
        "description": description,
        "theme_period": theme_period,
        "pot": pot,
        "organisation": organisation,
        "theme": theme,
        "eligible_age_bands": eligible_age_bands,
        "eligible_areas": eligible_areas,
        "eligible_groups": eligible_groups,
        "eligible_organisations": eligible_organisations,
    }
    round_ = _new_round(
        actor,
        values,
        kind=kind,
        young_people_share=young_people_share,
        method=method,
        points_per_voter=points_per_voter,
        winners=winners,
        young_people_propose=bool(young_people_propose),
        proposals_open=proposals_open,
        opens=opens,
        closes=closes,
    )
    return audited_create(
        round_,
        actor=actor,
        event=events.ROUND_CREATED,
        fields=ROUND_FIELDS,
        related={name: values[name] for name in ("eligible_groups", "eligible_organisations")},
        clean=False,
    )


_ROUND_UPDATE = Change("round_update", events.ROUND_CHANGED, ROUND_FIELDS)


@transaction.atomic
def round_update(*, actor: Any, round: BudgetRound, **fields: Any) -> BudgetRound:  # noqa: A002
    """Change a round. Once someone has voted, the method, the opening and who may vote stay as
    they were; a decided round no longer changes."""
    require(actor, "decisions.change_budgetround", round)

    def check(obj: BudgetRound, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if obj.decided_on is not None:
            errors["__all__"] = _(DECIDED)
            return
        _clean_values(values, errors)
        if obj.ballots.exists():
            for name in sorted(FIXED_ONCE_VOTED & set(values)):
                if name not in errors and _differs(obj, name, values[name]):
                    label = getattr(BudgetRound._meta.get_field(name), "verbose_name", name)
                    errors[name] = _(VOTED).format(what=str(label).replace("_", " "))
        probe = _probe(obj, values, errors)
        _check(probe, errors)
        for name in ("pot", "points_per_voter", "winners", "theme_period"):
            if name in values or getattr(probe, name) != getattr(obj, name):
                values[name] = getattr(probe, name)

    audited = list(dict.fromkeys([*fields, "pot", "points_per_voter", "winners"]))
    return _ROUND_UPDATE.apply(round, actor=actor, fields=fields, check=check, audited=audited)


def _differs(obj: BudgetRound, name: str, value: Any) -> bool:
    field = BudgetRound._meta.get_field(name)
    if field.many_to_many:
        return {item.pk for item in getattr(obj, name).all()} != {item.pk for item in value}
    return bool(getattr(obj, name) != value)


def _probe(obj: BudgetRound, values: dict[str, Any], errors: dict[str, Any]) -> BudgetRound:
    """The round as it would be: its fields with the new values (to check them together)."""
    probe = BudgetRound(
        **{f.attname: getattr(obj, f.attname) for f in BudgetRound._meta.concrete_fields}
    )
    for name, value in values.items():
        field = BudgetRound._meta.get_field(name)
        if not field.many_to_many and name not in errors:
            setattr(probe, name, value)
    return probe


@transaction.atomic
def round_delete(*, actor: Any, round: BudgetRound) -> None:  # noqa: A002
    """Delete a round nobody has voted in (with its proposals)."""
    require(actor, "decisions.delete_budgetround", round)
    if round.ballots.exists():
        raise ValidationError(
            _(
                "Young people have voted in this round: it cannot be deleted. Its results stay on "
                "the record."
            )
        )
    audited_delete(round, actor=actor, event=events.ROUND_DELETED, fields=ROUND_FIELDS)
