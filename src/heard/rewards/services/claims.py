"""Expense claims: submitted item by item with receipts, approved or rejected by a participation
lead who did not submit them, then paid."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.permissions import require
from heard.core.updates import Change, audited_delete, full_clean, lock, plain_text, record_created
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, User, YoungPerson
from heard.rewards import events
from heard.rewards.models import ExpenseClaim, ExpenseItem
from heard.rewards.services import _common
from heard.rewards.services._common import receipt_checked

NOUN = "claim"
CLAIM = _common.Money(
    noun=NOUN,
    approve_permission="rewards.approve_expenseclaim",
    pay_permission="rewards.pay_expenseclaim",
    approved=events.CLAIM_APPROVED,
    rejected=events.CLAIM_REJECTED,
    paid=events.CLAIM_PAID,
)
CLAIM_FIELDS = ("organisation", "young_person", "claimant", "purpose", "status")
ITEM_FIELDS = ("claim", "kind", "date", "description", "amount", "receipt_content_type")
#: Items one claim may hold.
MAX_ITEMS = 30
NO_ITEMS = gettext_noop("Add at least one item: what was spent, when and how much.")
WHOSE = gettext_noop(
    "Choose the young person whose costs these are, or claim your own costs, not both."
)
NOT_YOURS = gettext_noop("Choose your own organisation.")
UNSEEN = gettext_noop("Choose a young person you can see.")
OWN_ONLY = gettext_noop("You can claim only your own costs as a member of staff.")
LAST_ITEM = gettext_noop("A claim keeps at least one item: delete the claim instead.")


def _check_whose(
    actor: Any, values: dict[str, Any], errors: dict[str, Any], *, check_claimant: bool = True
) -> None:
    """One of a young person (whom the actor sees) or the actor themself; an organisation the
    actor may claim for. An unchanged claimant is not checked again (``check_claimant``)."""
    person = values.get("young_person")
    claimant = values.get("claimant")
    if (person is None) == (claimant is None):
        errors["young_person"] = _(WHOSE)
    elif person is not None and not people_selectors.sees_young_person(actor, person):
        errors["young_person"] = _(UNSEEN)
    elif (
        claimant is not None
        and check_claimant
        and (not isinstance(claimant, User) or (actor is not None and claimant.pk != actor.pk))
    ):
        errors["claimant"] = _(OWN_ONLY)
    organisation = values.get("organisation")
    if not people_selectors.may_use_organisation(
        actor, organisation, "rewards.add_expenseclaim", ExpenseClaim
    ):
        errors["organisation"] = _(NOT_YOURS)


def _item(claim: ExpenseClaim, values: Mapping[str, Any], errors: dict[str, Any]) -> ExpenseItem:
    found: dict[str, Any] = {}
    receipt = receipt_checked(values.get("receipt"), found)
    item = ExpenseItem(  # type: ignore[misc]
        claim=claim,
        kind=values.get("kind"),
        date=values.get("date"),
        description=plain_text(values.get("description")),
        amount=values.get("amount"),
        **receipt,
    )
    full_clean(item, found, exclude=["claim", "receipt"])
    errors.update(found)
    return item


def _audit_item(actor: Any, item: ExpenseItem) -> None:
    record_created(item, actor=actor, event=events.ITEM_ADDED, fields=ITEM_FIELDS)


@transaction.atomic
def claim_submit(
    *,
    actor: Any,
    organisation: Organisation,
    purpose: str,
    items: Iterable[Mapping[str, Any]],
    young_person: YoungPerson | None = None,
    claimant: User | None = None,
) -> ExpenseClaim:
    """Submit a claim for ``young_person``'s costs, or the actor's own (``claimant``), with its
    items (each ``kind``, ``date``, ``description``, ``amount`` and an optional ``receipt``)."""
    require(actor, "rewards.add_expenseclaim")
    values: dict[str, Any] = {
        "organisation": organisation,
        "young_person": young_person,
        "claimant": claimant,
    }
    errors: dict[str, Any] = {}
    _check_whose(actor, values, errors)
    claim = ExpenseClaim(
        organisation=organisation if "organisation" not in errors else None,
        young_person=young_person if "young_person" not in errors else None,
        claimant=claimant if "claimant" not in errors else None,
        purpose=plain_text(purpose),
        submitted_by=actor,
    )
    full_clean(claim, errors, exclude=["submitted_by", "organisation", "young_person", "claimant"])
    rows = list(items or [])
    if not rows:
        errors["items"] = _(NO_ITEMS)
    elif len(rows) > MAX_ITEMS:
        errors["items"] = _("A claim holds %(max_items)s items at most: split it in two.") % {
            "max_items": MAX_ITEMS
        }
    built = []
    for row in rows[:MAX_ITEMS]:
        found: dict[str, Any] = {}
        built.append(_item(claim, row, found))
        for name, message in found.items():
            errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)
    claim.save()
    record_created(claim, actor=actor, event=events.CLAIM_SUBMITTED, fields=CLAIM_FIELDS)
    for item in built:
        item.claim = claim
        item.save()
        _audit_item(actor, item)
    return claim


_CLAIM_UPDATE = Change(
    "claim_update", events.CLAIM_CHANGED, ("organisation", "young_person", "claimant", "purpose")
)


@transaction.atomic
def claim_update(*, actor: Any, claim: ExpenseClaim, **fields: Any) -> ExpenseClaim:
    """Change whose claim it is or what for, while it waits for a decision."""
    require(actor, "rewards.change_expenseclaim", claim)
    claim = lock(claim)
    _common.refuse_once_decided(claim, NOUN)

    def check(obj: ExpenseClaim, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if "purpose" in values:
            values["purpose"] = plain_text(values["purpose"])
        merged = {
            name: values.get(name, getattr(obj, name))
            for name in ("organisation", "young_person", "claimant")
        }
        kept = getattr(merged["claimant"], "pk", None) == obj.claimant_id
        _check_whose(actor, merged, errors, check_claimant=not kept)

    return _CLAIM_UPDATE.apply(claim, actor=actor, fields=fields, check=check, locked=True)


_CLAIM_DELETE = _common.Undecided(
    "rewards.delete_expenseclaim", events.CLAIM_DELETED, CLAIM_FIELDS, noun=NOUN
)


def claim_delete(*, actor: Any, claim: ExpenseClaim) -> None:
    _CLAIM_DELETE.apply(claim, actor=actor)


@transaction.atomic
def item_add(
    *,
    actor: Any,
    claim: ExpenseClaim,
    kind: str,
    date: datetime.date,
    description: str,
    amount: Decimal,
    receipt: Any = None,
) -> ExpenseItem:
    """Add an item to a claim that waits for a decision."""
    require(actor, "rewards.change_expenseclaim", claim)
    claim = lock(claim)
    _common.refuse_once_decided(claim, NOUN)
    errors: dict[str, Any] = {}
    if claim.items.count() >= MAX_ITEMS:
        raise ValidationError(
            _("A claim holds %(max_items)s items at most: start another claim.")
            % {"max_items": MAX_ITEMS}
        )
    values = {
        "kind": kind,
        "date": date,
        "description": description,
        "amount": amount,
        "receipt": receipt,
    }
    item = _item(claim, values, errors)
    if errors:
        raise ValidationError(errors)
    item.save()
    _audit_item(actor, item)
    return item


@transaction.atomic
def item_delete(*, actor: Any, item: ExpenseItem) -> None:
    claim = item.claim
    require(actor, "rewards.change_expenseclaim", claim)
    claim = lock(claim)
    _common.refuse_once_decided(claim, NOUN)
    if claim.items.count() <= 1:
        raise ValidationError(_(LAST_ITEM))
    audited_delete(item, actor=actor, event=events.ITEM_DELETED, fields=ITEM_FIELDS)


def claim_approve(*, actor: Any, claim: ExpenseClaim) -> ExpenseClaim:
    return _common.approve(CLAIM, claim, actor=actor)


def claim_reject(*, actor: Any, claim: ExpenseClaim, rejection_reason: str) -> ExpenseClaim:
    return _common.reject(CLAIM, claim, actor=actor, reason=rejection_reason)


def claim_pay(
    *, actor: Any, claim: ExpenseClaim, paid_on: datetime.date, payment_reference: str
) -> ExpenseClaim:
    return _common.pay(
        CLAIM, claim, actor=actor, paid_on=paid_on, payment_reference=payment_reference
    )
