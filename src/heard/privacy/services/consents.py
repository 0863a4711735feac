"""Recording and withdrawing consents; a withdrawal stops the use at once, everywhere."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from heard.core import updates
from heard.core.models import Partnership
from heard.core.permissions import can, require
from heard.core.updates import Change
from heard.people.models import YoungPerson
from heard.privacy import events, selectors
from heard.privacy.models import Consent
from heard.privacy.services.common import choice, create, parse_date, text
from heard.privacy.services.equality import equality_record_remove
from heard.voice import services as voice_services
from heard.voice.models import View

#: The uses of a view each consent allows (``voice.consents`` asks for the same when a view is
#: recorded): withdrawing the consent makes those views of the young person internal.
USES_ALLOWED_BY: dict[str, tuple[str, ...]] = {
    Consent.Purpose.QUOTES: (View.Consent.QUOTE_ANONYMOUSLY, View.Consent.QUOTE_FIRST_NAME),
    Consent.Purpose.PUBLISHING: (View.Consent.PUBLISH,),
}
#: What a consent's audit entries hold (never its notes).
CONSENT_AUDITED = ["young_person", "purpose", "given_by", "given_on", "how"]
WITHDRAWAL_AUDITED = ("withdrawn_on", "withdrawn_by", "withdrawn_how")


def _parent_consent_error(
    young_person: YoungPerson, purpose: str, on: datetime.date
) -> dict[str, str]:
    """Under the partnership's parent-consent age, only taking part may be agreed by the young
    person alone: the error when ``purpose`` would be, or none."""
    under = Partnership.current().parent_consent_under_age
    if purpose == Consent.Purpose.TAKING_PART or not selectors.may_be_under(
        young_person, under, on=on
    ):
        return {}
    return {
        "given_by": f"{young_person.reference} is, or may be, under {under}: a parent's or "
        f"carer's consent is needed for {Consent.Purpose(purpose).label.lower()}. Only taking "
        "part can be agreed by the young person alone at this age."
    }


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    young_person: YoungPerson,
    purpose: str,
    given_by: str,
    given_on: datetime.date | str,
    how: str,
    notes: str = "",
) -> Consent:
    """Record a consent. Under the partnership's parent-consent age, only taking part may be
    agreed by the young person alone; everything else needs a parent's or carer's consent."""
    require(actor, "privacy.add_consent", young_person)
    errors: dict[str, Any] = {}
    consent = Consent(
        young_person=young_person,
        purpose=choice(purpose, Consent.Purpose, "purpose", "what the consent is for", errors),
        given_by=choice(given_by, Consent.GivenBy, "given_by", "who gave the consent", errors),
        how=choice(how, Consent.How, "how", "how the consent was given", errors),
        given_on=parse_date(given_on, "given_on", "the consent was given", errors),  # type: ignore[misc]
        notes=text(notes, "notes", 2000, errors),
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if "purpose" not in errors and selectors.consent_current(young_person, consent.purpose):
        errors["purpose"] = gettext(
            "%(reference)s already has a current consent to %(lower)s. Withdraw it "
            "before recording a new one."
        ) % {
            "reference": young_person.reference,
            "lower": Consent.Purpose(consent.purpose).label.lower(),
        }
    updates.full_clean(consent, errors)
    if not errors and consent.given_by == Consent.GivenBy.YOUNG_PERSON:
        errors.update(_parent_consent_error(young_person, consent.purpose, consent.given_on))
    if errors:
        raise ValidationError(errors)
    return create(consent, actor=actor, event=events.CONSENT_RECORDED, audited=CONSENT_AUDITED)


def _withdrawal_check(notes: str) -> updates.Check:
    def check(consent: Consent, values: dict[str, Any], errors: dict[str, Any]) -> None:
        if consent.withdrawn_on is not None:
            errors["withdrawn_on"] = gettext(
                "This consent was already withdrawn on %(withdrawn_on)s."
            ) % {"withdrawn_on": consent.withdrawn_on}
        withdrawn = parse_date(
            values["withdrawn_on"], "withdrawn_on", "the consent was withdrawn", errors
        )
        values["withdrawn_on"] = withdrawn
        if withdrawn is not None and "withdrawn_on" not in errors and withdrawn < consent.given_on:
            errors["withdrawn_on"] = gettext(
                "A consent cannot be withdrawn before the date it was given."
            )
        choice(
            values["withdrawn_by"],
            Consent.GivenBy,
            "withdrawn_by",
            "who withdrew the consent",
            errors,
        )
        choice(
            values["withdrawn_how"],
            Consent.How,
            "withdrawn_how",
            "how the consent was withdrawn",
            errors,
        )
        added = text(notes, "notes", 2000, errors)
        if added:
            values["notes"] = f"{consent.notes}\n{added}".strip()

    return check


_WITHDRAW = Change(
    "consent_withdraw",
    events.CONSENT_WITHDRAWN,
    (*WITHDRAWAL_AUDITED, "notes"),
    audited=WITHDRAWAL_AUDITED,
)


@transaction.atomic
def consent_withdraw(
    *,
    actor: Any,
    consent: Consent,
    withdrawn_on: datetime.date | str,
    withdrawn_by: str,
    withdrawn_how: str,
    notes: str = "",
) -> Consent:
    """Withdraw a consent and stop the use at once, everywhere.

    Quotes: every view naming the young person that may be quoted becomes internal; publishing:
    every such view that may be published does (through the voice service, audited, so it leaves
    the public page and poster now). Equality data: their equality record is deleted.
    Photographs: ``selectors.photos_allowed`` is False from now on, and every image on a view
    they gave is withheld on the next request, on every page and the API (``voice.consents``
    reads the consents with the images: nothing to update, nothing cached).
    """
    require(actor, "privacy.change_consent", consent)
    withdrawal = {
        "withdrawn_on": withdrawn_on,
        "withdrawn_by": withdrawn_by,
        "withdrawn_how": withdrawn_how,
    }
    consent = _WITHDRAW.apply(
        consent, actor=actor, fields=withdrawal, check=_withdrawal_check(notes)
    )
    young_person = consent.young_person
    if consent.purpose in USES_ALLOWED_BY:
        _stop_using(actor=actor, young_person=young_person, uses=USES_ALLOWED_BY[consent.purpose])
    elif consent.purpose == Consent.Purpose.EQUALITY_DATA:
        equality_record_remove(actor=actor, young_person=young_person, because="consent_withdrawn")
    return consent


def _stop_using(*, actor: Any, young_person: YoungPerson, uses: tuple[str, ...]) -> int:
    """Make every view naming the young person that is used so internal. The withdrawal is the
    authority: a view the actor may not otherwise change is changed by Heard itself (audited, no
    actor)."""
    views = list(View.objects.filter(young_people=young_person, consent__in=uses).order_by("pk"))
    for view in views:
        by = actor if actor is not None and can(actor, "voice.change_view", view) else None
        voice_services.view_update(actor=by, view=view, consent=View.Consent.INTERNAL)
    return len(views)
