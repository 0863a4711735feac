"""Reads of opportunities and sign-ups, scoped to what the user (or the signed-in young person)
may see, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from heard.core.selectors import one_or_404 as _get
from heard.opportunities.matching import current_group_ids, suits
from heard.opportunities.models import Opportunity, SignUp
from heard.opportunities.policies import OPPORTUNITIES, SIGN_UPS
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson

#: Sessions the attendance page offers to add the young people to.
RECENT_SESSIONS = 25
TAKEN = Count("sign_ups", filter=~Q(sign_ups__status=SignUp.Status.WITHDRAWN), distinct=True)


# Opportunities --------------------------------------------------------------------------------


def opportunities_visible_to(user: Any) -> QuerySet[Opportunity]:
    """Opportunities the user may read, with their organisation and places taken."""
    return (
        OPPORTUNITIES.scope(user, "view")
        .select_related("organisation", "created_by")
        .annotate(taken=TAKEN)
        .order_by("-starts_at", "-id")
    )


def opportunity_get(user: Any, pk: Any) -> Opportunity:
    rows = opportunities_visible_to(user).prefetch_related("groups")
    return _get(rows, pk, "opportunity")  # type: ignore[no-any-return]


def organisations_for_opportunities(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may add an opportunity for: a partner worker's own only."""
    return people_selectors.organisation_choices_for(user)


# Sign-ups -------------------------------------------------------------------------------------


def sign_ups_visible_to(user: Any) -> QuerySet[SignUp]:
    """Sign-ups the user may read, oldest first, with their opportunity, young person and
    session."""
    return (
        SIGN_UPS.scope(user, "view")
        .select_related("opportunity", "opportunity__organisation", "young_person", "session")
        .order_by("signed_up_at", "id")
    )


def sign_up_get(user: Any, pk: Any) -> SignUp:
    return _get(sign_ups_visible_to(user), pk, "sign-up")  # type: ignore[no-any-return]


def opportunity_sign_ups(user: Any, opportunity: Opportunity) -> QuerySet[SignUp]:
    return sign_ups_visible_to(user).filter(opportunity=opportunity)


def waiting_sign_ups(opportunity: Opportunity) -> QuerySet[SignUp]:
    """The sign-ups not yet withdrawn or attended: whom attendance is taken from."""
    return (
        SignUp.objects.filter(opportunity=opportunity, status=SignUp.Status.SIGNED_UP)
        .select_related("young_person")
        .order_by("young_person__reference")
    )


def young_people_to_sign_up(user: Any, opportunity: Opportunity) -> QuerySet[YoungPerson]:
    """Young people the user may see who hold no sign-up to the opportunity, by reference."""
    holding = SignUp.objects.filter(opportunity=opportunity).exclude(status=SignUp.Status.WITHDRAWN)
    return (
        people_selectors.young_people_visible_to(user)
        .exclude(pk__in=holding.values("young_person_id"))
        .order_by("reference")
    )


def sessions_for_attendance(user: Any, opportunity: Opportunity) -> QuerySet[Session]:
    """The latest sessions of the opportunity's organisation the user may change."""
    rows = SESSION_POLICY.scope(user, "change", Session.objects.all())
    latest = rows.filter(organisation_id=opportunity.organisation_id).order_by("-date", "-id")
    return Session.objects.filter(pk__in=latest.values("pk")[:RECENT_SESSIONS]).order_by(
        "-date", "-id"
    )


# The portal -----------------------------------------------------------------------------------


def _open_on(day: datetime.date) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED, closes_on__gte=day)


def portal_opportunities(young_person: YoungPerson, today: datetime.date) -> list[Opportunity]:
    """Published opportunities still open that suit the young person, soonest first, each with
    ``taken`` and ``mine`` (their sign-up, or None). Four queries."""
    groups = current_group_ids(young_person)
    theirs = SignUp.objects.filter(young_person=young_person)
    rows = (
        _open_on(today)
        .annotate(taken=TAKEN)
        .prefetch_related("groups", Prefetch("sign_ups", queryset=theirs, to_attr="theirs"))
        .order_by("starts_at", "id")
    )
    found: list[Opportunity] = [row for row in rows if suits(row, young_person, groups)]
    for row in found:
        row.mine = row.theirs[0] if row.theirs else None  # type: ignore[attr-defined]
    return found


def portal_opportunity_get(young_person: YoungPerson, pk: Any, today: datetime.date) -> Opportunity:
    """An opportunity the young person may open: one open that suits them, or one they signed
    up for. 404 for any other."""
    theirs = SignUp.objects.filter(young_person=young_person)
    rows = (
        Opportunity.objects.exclude(status=Opportunity.Status.DRAFT)
        .annotate(taken=TAKEN)
        .prefetch_related("groups", Prefetch("sign_ups", queryset=theirs, to_attr="theirs"))
    )
    opportunity: Opportunity = _get(rows, pk, "opportunity")
    mine = opportunity.theirs[0] if opportunity.theirs else None  # type: ignore[attr-defined]
    opportunity.mine = mine  # type: ignore[attr-defined]
    if mine is not None:
        return opportunity
    if opportunity.is_open_on(today) and suits(
        opportunity, young_person, current_group_ids(young_person)
    ):
        return opportunity
    raise Http404("No such opportunity.")


def portal_sign_ups(young_person: YoungPerson) -> QuerySet[SignUp]:
    """The young person's sign-ups, the soonest opportunity first."""
    return (
        SignUp.objects.filter(young_person=young_person)
        .select_related("opportunity")
        .order_by("-opportunity__starts_at", "-id")
    )


def portal_sign_up_get(young_person: YoungPerson, pk: Any) -> SignUp:
    return _get(portal_sign_ups(young_person), pk, "sign-up")  # type: ignore[no-any-return]
