"""Reads of young people, organisations and staff, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from heard.core.permissions import can, is_partner_worker, is_system
from heard.core.selectors import get_or_404 as _get
from heard.people.models import CalendarFeed, Organisation, User, YoungPerson
from heard.people.policies import ORGANISATION, STAFF, YOUNG_PERSON
from heard.people.search import search_phrases


def _partner_organisation_id(user: Any) -> int | None:
    """The organisation a partner worker is confined to, or None for everyone else."""
    if not is_system(user) and is_partner_worker(user):
        return user.organisation_id
    return None


def young_people_visible_to(user: Any) -> QuerySet[YoungPerson]:
    """Young people the user may see: none for board members, own organisation for partners."""
    return YOUNG_PERSON.scope(user, "view", YoungPerson.objects.select_related("organisation"))


def sees_young_person(user: Any, obj: Any) -> bool:
    """Whether ``obj`` is a young person on the register whom ``user`` may see (the check of
    every form that names one)."""
    return isinstance(obj, YoungPerson) and (
        young_people_visible_to(user).filter(pk=obj.pk).exists()
    )


def may_use_organisation(
    user: Any, organisation: Any, permission: str, model: type[models.Model]
) -> bool:
    """Whether ``organisation`` is an organisation ``user`` may ``permission`` a ``model``
    record of (a partner worker: their own only): the check of every form that chooses one."""
    return isinstance(organisation, Organisation) and can(
        user, permission, model(organisation=organisation)
    )


def sees_names(user: Any) -> bool:
    """Whether the user may see young people's names (else only their references)."""
    return YOUNG_PERSON.allows(user, "view_name")


def young_people_listed(user: Any) -> QuerySet[YoungPerson]:
    """The young people list: by name (first, then last, any case) for roles that see names,
    by reference for the others. The name order is an index's (``yp_name_idx``): a page of
    200,000 at national scale reads its first 26 rows (0.1 ms), where the first-name index
    alone had the first name's 1,793 rows read and sorted (11 ms), and ordering by the
    displayed name sorted them all (110 ms)."""
    rows = young_people_visible_to(user)
    if sees_names(user):
        return rows.order_by(Lower("first_name"), Lower("last_name"), "reference")
    return rows.order_by("reference")


def young_people_matching(user: Any, rows: QuerySet[YoungPerson], text: str) -> QuerySet[Any]:
    """The young people of ``rows`` with any word of ``text`` in their search text (names and
    reference, accents, case and apostrophes forgiven: ``heard.people.search``) or, for roles
    that do not see names, in their reference only (any case): a name never finds anyone for
    them. Who matches the most words comes first, then who has a word (of a name or of the
    reference) starting with one, then the order ``rows`` had.

    On PostgreSQL the search text has a trigram index (migration 0002): a search reads the rows
    the index points to instead of all 200,000 (national scale, an officer's search, its count
    and first page: "sam" 342 -> 22 ms, a full name 545 -> 29 ms, a reference 279 -> 3 ms)."""
    if sees_names(user):
        field, words = "search_text", search_phrases(text)
    else:
        field, words = "reference", text.split()
    if not words:
        return rows
    anywhere, starting = Q(), Q()
    matches = []
    for word in words:
        if field == "search_text":
            match = Q(search_text__contains=word)
            starting |= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
        else:
            match = Q(reference__icontains=word)
            starting |= Q(reference__istartswith=word)
        matches.append(match)
        anywhere |= match
    ranks: dict[str, Any] = {"name_starts": _one_if(starting)}
    if len(matches) > 1:
        ranks["words_matched"] = sum((_one_if(match) for match in matches), start=Value(0))
    order = [f"-{rank}" for rank in reversed(ranks)]
    then = [*rows.query.order_by] or ["reference"]  # the API's rows: the model's order
    return rows.filter(anywhere).annotate(**ranks).order_by(*order, *then)


def _one_if(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0))


def young_person_get(user: Any, pk: Any) -> YoungPerson:
    """One young person the user may see; Http404 otherwise (also for malformed ids)."""
    return _get(young_people_visible_to(user), pk)


def young_person_memberships(*, user: Any, young_person: YoungPerson) -> QuerySet[Any]:
    """The groups a young person belongs (or belonged) to, newest first, with the group joined."""
    queryset = young_person.memberships.select_related("group").order_by("-joined_on", "-id")  # type: ignore[attr-defined]
    partner_org = _partner_organisation_id(user)
    if partner_org is not None:
        queryset = queryset.filter(group__host_organisation_id=partner_org)
    return queryset


def young_person_recent_attendances(
    *, user: Any, young_person: YoungPerson, limit: int = 10
) -> list[Any]:
    """The young person's most recent sessions (attendance rows with the session joined)."""
    queryset = young_person.attendances.select_related("session").order_by(  # type: ignore[attr-defined]
        "-session__date", "-session_id"
    )
    partner_org = _partner_organisation_id(user)
    if partner_org is not None:
        queryset = queryset.filter(session__organisation_id=partner_org)
    return list(queryset[:limit])


def young_person_possible_duplicates(
    *, user: Any, young_person: YoungPerson
) -> QuerySet[YoungPerson]:
    """The records this one looked like when it was added, those the user may see."""
    return young_people_visible_to(user).filter(
        pk__in=young_person.possible_duplicate_of.values("pk")
    )


def possible_duplicates(
    *,
    first_name: str,
    age_band: str,
    organisation: Organisation | int,
) -> QuerySet[YoungPerson]:
    """Records that look like the same young person: first name (any case), band, organisation."""
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return (
        YoungPerson.objects.annotate(first_name_lower=Lower("first_name"))
        .filter(
            first_name_lower=first_name.strip().lower(), age_band=age_band, organisation_id=org_id
        )
        .order_by("reference")
    )


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Every organisation for staff (board members and partners read the list too).

    Annotated with ``young_people_count`` (active young people); pages show it only to roles allowed
    ``people.view_organisation_young_people``.
    """
    # A count per organisation shown, not a GROUP BY over the register: a page of 25 of 600
    # organisations grouped all 200,000 young people first (national scale: 185 -> 10 ms).
    active = (
        YoungPerson.objects.filter(organisation=OuterRef("pk"), is_active=True)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    organisations = Organisation.objects.annotate(
        young_people_count=Coalesce(Subquery(active, output_field=IntegerField()), Value(0))
    ).order_by("name")
    return ORGANISATION.scope(user, "view", organisations)


def organisation_get(user: Any, pk: Any) -> Organisation:
    return _get(organisations_visible_to(user), pk)


def organisations_for_young_people(
    user: Any, *, keeping: YoungPerson | None = None
) -> QuerySet[Organisation]:
    """Organisations the user may add young people to: a partner's own, else every active one;
    with the organisation of the record ``keeping`` (an inactive one stays selectable for the
    records it already holds)."""
    queryset = Organisation.objects.filter(is_active=True)
    partner_org = _partner_organisation_id(user)
    if partner_org is not None:
        queryset = queryset.filter(pk=partner_org)
    if keeping is not None:
        queryset = queryset | Organisation.objects.filter(pk=keeping.organisation_id)
    return queryset.distinct().order_by("name")


def organisation_choices() -> QuerySet[Organisation]:
    """Every organisation, for a staff account's."""
    return Organisation.objects.order_by("name")


def organisation_choices_for(user: Any) -> QuerySet[Organisation]:
    """The organisations a user may record something for: every one (``organisation_choices``),
    a partner worker's own only."""
    rows = organisation_choices()
    if not is_system(user) and is_partner_worker(user):
        return rows.filter(pk=user.organisation_id)
    return rows


def organisations_for_young_people_filter(user: Any) -> QuerySet[Organisation]:
    """Organisations to filter a list by: a partner worker's own, else all of them; with only
    what an option needs (a list page offers all 600 at national scale)."""
    queryset = Organisation.objects.only("id", "name").order_by("name")
    partner_org = _partner_organisation_id(user)
    if partner_org is not None:
        queryset = queryset.filter(pk=partner_org)
    return queryset


def organisation_staff(*, user: Any, organisation: Organisation) -> QuerySet[User]:
    """The staff accounts of an organisation, for roles allowed to see them."""
    if not ORGANISATION.allows(user, "view_staff", organisation):
        return User.objects.none()
    return organisation.staff.filter(is_active=True).order_by("full_name")  # type: ignore[attr-defined]


def staff_visible_to(user: Any) -> QuerySet[User]:
    """Staff accounts, for administrators (who manage them)."""
    staff = User.objects.select_related("organisation").order_by("full_name", "email")
    return STAFF.scope(user, "view", staff)


def staff_get(user: Any, pk: Any) -> User:
    return _get(staff_visible_to(user), pk)


def champion_candidates() -> QuerySet[User]:
    """Active staff who may be named as an organisation's participation champions."""
    return User.objects.filter(is_active=True).order_by("full_name")


#: The longest token a calendar address may carry (Heard's own are 43 characters).
FEED_TOKEN_MAX = 100


def calendar_feed_of(user: Any) -> CalendarFeed | None:
    """The user's own calendar subscription, if they have one (never another user's)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_owner(token: str) -> User | None:
    """The active staff member whose calendar address carries ``token``; None for a token that
    is unknown, turned off or replaced, or whose owner is deactivated."""
    if not token or len(token) > FEED_TOKEN_MAX:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=CalendarFeed.hash_of(token), user__is_active=True)
        .first()
    )
    return feed.user if feed is not None else None
