"""What the young people's consents allow a view to be used for: quoted, published, its photos
shown.

Consents are privacy's records (``privacy.Consent``), but voice sits below privacy in the apps'
layers (withdrawing a consent changes views through voice's services), so voice reads them
through ``heard.people.consents`` (the young people's reverse relation). Every check reads the
consents as they are at that moment, in the same query as the records it guards: nothing is
cached, so a withdrawal takes effect on the very next request.

Whose consent counts is decided once, here:

- **Quotes and publishing** need a current consent (to quotes, or to publishing) of every young
  person named on the view. A view that names nobody, an anonymous view or one given by a whole
  group, is the group's or nobody's words: quoting it anonymously or publishing it (the public
  page and posters never name anyone) identifies no child, so no single child's consent applies.
  It cannot be quoted "with first name", though: it has no first name to quote.
- **Photographs** (image evidence) are shown only while everyone who may be in them has a current
  consent to photographs: the young people named on the view or, when it names nobody, the
  members of the group that gave it on the day it was given. Anonymity does not hide a face, so
  an image on a view that names nobody and has no group is withheld: no consent can be checked.
  Informed consent is opt-in: never given counts the same as withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from heard.groups.models import Membership
from heard.people.consents import (
    ConsentPurpose,
    has_current_consent,
    has_withdrawn_consent,
    with_current_consent,
)
from heard.people.models import YoungPerson
from heard.voice.models import Evidence, View

ViewPeople = View.young_people.through

#: Why an image is withheld, as ``Evidence.photo_withheld`` holds it ("" when it is shown).
WITHDRAWN = "withdrawn"
NOT_GIVEN = "not_given"
WITHHELD_MESSAGES = {
    WITHDRAWN: "Photo withheld: consent for photographs was withdrawn",
    NOT_GIVEN: "Photo withheld: consent for photographs was not given",
}


#: Each use that needs consent, as the end of "this view cannot be ...".
USE_WORDS: dict[str, str] = {
    View.Consent.QUOTE_ANONYMOUSLY: "quoted anonymously",
    View.Consent.QUOTE_FIRST_NAME: "quoted with first name",
    View.Consent.PUBLISH: "published",
}


def purpose_for_use(use: str) -> str | None:
    """The consent purpose a view's "how it may be used" needs of the young people named on it."""
    if use in (View.Consent.QUOTE_ANONYMOUSLY, View.Consent.QUOTE_FIRST_NAME):
        return ConsentPurpose.QUOTES
    if use == View.Consent.PUBLISH:
        return ConsentPurpose.PUBLISHING
    return None


def use_refusal(*, use: str, young_people: Iterable[YoungPerson]) -> str | None:
    """Why the young people's consents do not allow a view to be used so, or None when they do.

    ``young_people`` are the ones named on the view (empty for an anonymous or whole-group view).
    Reads the consents now: one query.
    """
    people = list(young_people)
    if use == View.Consent.QUOTE_FIRST_NAME and not people:
        return (
            "A view that names nobody (anonymous, or from a whole group) has no first name to "
            "quote: choose \u201cMay be quoted anonymously\u201d, or name who gave it."
        )
    purpose = purpose_for_use(use)
    if purpose is None or not people:
        return None
    with_consent = with_current_consent(purpose, people)
    missing = sorted(person.reference for person in people if person.pk not in with_consent)
    if not missing:
        return None
    what = str(ConsentPurpose(purpose).label).lower()
    who = ", ".join(missing)
    has = "has" if len(missing) == 1 else "have"
    return (
        f"{who} {has} no current consent to {what}, so this view cannot be {USE_WORDS[use]}. "
        "Record their consent first, or choose \u201cInternal use only\u201d."
    )


# Photographs ------------------------------------------------------------------------------------


def _photo_withheld(prefix: str) -> Case:
    """Why a view's images are withheld ("withdrawn", "not given"), or "" when they may be shown,
    as a SQL expression over a queryset of views (``prefix`` "") or of evidence (``"view__"``)."""
    view_id = OuterRef(f"{prefix}pk")
    group_id = OuterRef(f"{prefix}group_id")
    day = OuterRef(f"{prefix}recorded_on")
    photographs = ConsentPurpose.PHOTOGRAPHS

    def lacking(rows: QuerySet[Any], person: str) -> tuple[QuerySet[Any], QuerySet[Any]]:
        """Of ``rows`` naming a young person (at ``person``), those without a current consent to
        photographs, and of those, the ones who withdrew it."""
        without = rows.filter(~has_current_consent(photographs, OuterRef(person)))
        return without, without.filter(has_withdrawn_consent(photographs, OuterRef(person)))

    named = ViewPeople.objects.filter(view_id=view_id)
    named_lacking, named_withdrawn = lacking(named, "youngperson_id")
    members = Membership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day), group_id=group_id, joined_on__lte=day
    )
    members_lacking, members_withdrawn = lacking(members, "young_person_id")
    names_nobody = ~Exists(named)
    return Case(
        When(Exists(named_withdrawn), then=Value(WITHDRAWN)),
        When(Exists(named_lacking), then=Value(NOT_GIVEN)),
        When(names_nobody & Exists(members_withdrawn), then=Value(WITHDRAWN)),
        When(names_nobody & (Exists(members_lacking) | ~Exists(members)), then=Value(NOT_GIVEN)),
        default=Value(""),
    )


def evidence_with_photo_consent(queryset: QuerySet[Evidence] | None = None) -> QuerySet[Evidence]:
    """Evidence, each with ``photo_withheld``: for an image, why it must not be shown or sent
    ("withdrawn" or "not_given"), else "". Worked out in the same query as the evidence."""
    queryset = Evidence.objects.all() if queryset is None else queryset
    return queryset.annotate(
        photo_withheld=Case(
            When(kind=Evidence.Kind.IMAGE, then=_photo_withheld("view__")),
            default=Value(""),
        )
    )


def views_with_photos_withheld(queryset: QuerySet[View] | None = None) -> QuerySet[View]:
    """The views whose images must be withheld now (whether or not they have any)."""
    queryset = View.objects.all() if queryset is None else queryset
    return queryset.alias(photo_withheld=_photo_withheld("")).exclude(photo_withheld="")


def withheld_message(evidence: Evidence) -> str:
    """What a page or the API says instead of a withheld image ("" when it may be shown). Only for
    evidence read through ``evidence_with_photo_consent``: any other fails loudly."""
    return WITHHELD_MESSAGES.get(evidence.photo_withheld, "")  # type: ignore[attr-defined]
