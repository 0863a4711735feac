"""Reads of recognitions, session hours, expense claims and partner invoices, scoped to what
the user may see; each young person's volunteering hours (from the sessions they attended and
the hours given to them); and the totals per partner organisation, with the disclosure policy
(``heard.core.disclosure``) for readers who cannot open every record behind them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from heard.core import disclosure
from heard.core.disclosure import Cell
from heard.core.selectors import one_or_404 as _get
from heard.core.suppression import Display
from heard.participation.models import Attendance, Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson
from heard.rewards.models import (
    FALLBACK_HOURS,
    Approval,
    ExpenseClaim,
    ExpenseItem,
    HoursDefault,
    PartnerInvoice,
    Recognition,
)
from heard.rewards.policies import CLAIMS, INVOICES, RECOGNITIONS, SESSION_HOURS

HOURS_FIELD = DecimalField(max_digits=9, decimal_places=1)
MONEY_FIELD = DecimalField(max_digits=11, decimal_places=2)
ZERO_HOURS = Value(Decimal("0.0"), output_field=HOURS_FIELD)
ZERO_MONEY = Value(Decimal("0.00"), output_field=MONEY_FIELD)
#: The record-key kind of young people (the same as the indicators' counts).
YOUNG_PERSON_KEYS = "young_person"
RECOGNITION_KEYS = "recognition"
#: The statuses the finance export carries.
FOR_FINANCE = (Approval.APPROVED, Approval.PAID)


# Hours ----------------------------------------------------------------------------------------


def session_hours_expression(prefix: str = "") -> Coalesce:
    """How long a session counts for, in SQL: its own hours, else its kind's default, else
    :data:`FALLBACK_HOURS`. ``prefix``: the path to the session (``"session__"``)."""
    default = HoursDefault.objects.filter(session_kind=OuterRef(f"{prefix}kind")).values("hours")
    return Coalesce(
        F(f"{prefix}reward_hours__hours"),
        Subquery(default[:1]),
        Value(FALLBACK_HOURS, output_field=HOURS_FIELD),
        output_field=HOURS_FIELD,
    )


@dataclass(frozen=True)
class KindHours:
    kind: str
    label: str
    hours: Decimal
    is_set: bool


def hours_defaults() -> list[KindHours]:
    """Every kind of session with the hours it counts for by default (one query)."""
    found = dict(HoursDefault.objects.values_list("session_kind", "hours"))
    return [
        KindHours(kind, str(label), found.get(kind, FALLBACK_HOURS), kind in found)
        for kind, label in Session.Kind.choices
    ]


def sessions_with_hours(user: Any) -> QuerySet[Session]:
    """Sessions the user may read, newest first, each with ``hours`` (what it counts for),
    ``hours_set`` (its own, or None) and ``attended`` (young people who attended)."""
    if not SESSION_HOURS.allows(user, "view"):
        return Session.objects.none()
    return (
        Session.objects.visible_to(user)
        .select_related("group", "organisation", "reward_hours")
        .annotate(
            hours=session_hours_expression(),
            hours_set=F("reward_hours__hours"),
            attended=Count("attendances", filter=Q(attendances__status=Attendance.Status.ATTENDED)),
        )
        .order_by("-date", "-id")
    )


def session_with_hours_get(user: Any, pk: Any) -> Session:
    return _get(sessions_with_hours(user), pk, "session")  # type: ignore[no-any-return]


def _in_period(
    rows: QuerySet[Any], path: str, start: datetime.date | None, end: datetime.date | None
) -> QuerySet[Any]:
    if start is not None:
        rows = rows.filter(**{f"{path}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{path}__lte": end})
    return rows


def _attended(start: datetime.date | None = None, end: datetime.date | None = None) -> Any:
    rows = Attendance.objects.filter(status=Attendance.Status.ATTENDED)
    return _in_period(rows, "session__date", start, end)


def _recognised(start: datetime.date | None = None, end: datetime.date | None = None) -> Any:
    return _in_period(Recognition.objects.all(), "date", start, end)


def _per_person(rows: QuerySet[Any], value: Any, output: Any) -> Coalesce:
    """A subquery of one figure per young person (``OuterRef("pk")``)."""
    summed = (
        rows.filter(young_person=OuterRef("pk"))
        .order_by()
        .values("young_person")
        .annotate(figure=value)
        .values("figure")
    )
    zero = Value(0) if output is None else Value(Decimal("0"), output_field=output)
    return Coalesce(Subquery(summed[:1]), zero, output_field=output)


def young_people_hours(
    user: Any, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[YoungPerson]:
    """The young people the user may see who attended a session or were given a recognition
    (between ``start`` and ``end`` if given), each with ``sessions_attended``,
    ``session_hours`` (from the sessions they attended), ``recognised_hours`` (volunteering
    hours given), ``total_hours``, ``recognition_count``, ``certificates`` and ``voucher_value``:
    one query for a page, whatever its length."""
    attended = _attended(start, end)
    recognised = _recognised(start, end)
    whole = IntegerField()
    rows = (
        people_selectors.young_people_visible_to(user)
        .annotate(
            sessions_attended=_per_person(attended, Count("pk"), whole),
            session_hours=_per_person(
                attended, Sum(session_hours_expression("session__")), HOURS_FIELD
            ),
            recognised_hours=_per_person(recognised, Sum("hours"), HOURS_FIELD),
            recognition_count=_per_person(recognised, Count("pk"), whole),
            certificates=_per_person(
                recognised, Count("pk", filter=Q(kind=Recognition.Kind.CERTIFICATE)), whole
            ),
            voucher_value=_per_person(recognised, Sum("voucher_value"), MONEY_FIELD),
        )
        .annotate(total_hours=F("session_hours") + F("recognised_hours"))
        .filter(Q(sessions_attended__gt=0) | Q(recognition_count__gt=0))
    )
    return rows.order_by("reference")


@dataclass(frozen=True)
class PersonalHours:
    """A young person's own hours, as the portal shows them."""

    sessions_attended: int
    session_hours: Decimal
    recognised_hours: Decimal

    @property
    def total(self) -> Decimal:
        return self.session_hours + self.recognised_hours


def hours_of(young_person: YoungPerson) -> PersonalHours:
    """``young_person``'s volunteering hours of all time: two queries."""
    sessions = (
        _attended()
        .filter(young_person=young_person)
        .aggregate(n=Count("pk"), hours=Sum(session_hours_expression("session__")))
    )
    recognised = Recognition.objects.filter(young_person=young_person).aggregate(hours=Sum("hours"))
    return PersonalHours(
        sessions["n"], sessions["hours"] or Decimal("0"), recognised["hours"] or Decimal("0")
    )


# Totals per partner organisation ----------------------------------------------------------------


@dataclass
class OrganisationTotals:
    """One partner's figures; ``people`` and ``recognitions`` are cells (count and record keys)
    so a protected reader sees them under the disclosure policy."""

    organisation: Organisation
    young_people: Cell = field(default_factory=lambda: Cell(0))
    with_session_hours: Cell = field(default_factory=lambda: Cell(0))
    recognitions: Cell = field(default_factory=lambda: Cell(0))
    session_hours: Decimal = Decimal("0")
    recognised_hours: Decimal = Decimal("0")
    voucher_value: Decimal = Decimal("0")
    exact: bool = True
    shown_young_people: Display = 0
    shown_with_session_hours: Display = 0
    shown_recognitions: Display = 0

    @property
    def total_hours(self) -> Decimal:
        return self.session_hours + self.recognised_hours


def _people_cell(people: Iterable[int]) -> Cell:
    ids = set(people)
    return Cell(len(ids), sum(disclosure.record_key(YOUNG_PERSON_KEYS, pk) for pk in ids))


def _people_by_organisation(rows: QuerySet[Any], path: str) -> tuple[dict[int, set[int]], set[int]]:
    """The young people of ``rows`` per organisation (at ``path``), and the organisations with
    another's young person among theirs (a partner worker of theirs may not open them all)."""
    people: dict[int, set[int]] = defaultdict(set)
    others: set[int] = set()
    pairs = rows.order_by().values_list(path, "young_person_id", "young_person__organisation_id")
    for organisation_id, person_id, own_organisation_id in pairs.distinct():
        people[organisation_id].add(person_id)
        if own_organisation_id != organisation_id:
            others.add(organisation_id)
    return people, others


def _given_by_organisation(recognised: QuerySet[Any]) -> dict[int, dict[str, Any]]:
    """Per giving organisation: the recognitions (with their keys), hours and voucher value."""
    rows = recognised.order_by().values("organisation_id")
    rows = rows.annotate(
        n=Count("pk"),
        keys=disclosure.key_sum(RECOGNITION_KEYS),
        hours=Sum("hours"),
        vouchers=Sum("voucher_value"),
    )
    return {row["organisation_id"]: row for row in rows}


def totals_by_organisation(
    user: Any, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[OrganisationTotals]:
    """Per partner organisation (by name): the young people recognised or with hours from
    sessions (by the young person's organisation), the recognitions it gave, and their hours
    and voucher value. Exact for a reader who may open every record behind a row (programme
    staff, theme and safeguarding leads, a partner worker for their own organisation's row
    when every young person in it is of their organisation);
    otherwise the counts are protected and the hours and money are not shown. Five queries."""
    attended = _attended(start, end)
    recognised = _recognised(start, end)
    sessions, _ = _people_by_organisation(attended, "young_person__organisation_id")
    recognised_people, beyond = _people_by_organisation(recognised, "organisation_id")
    hours = dict(
        attended.order_by()
        .values("young_person__organisation_id")
        .annotate(total=Sum(session_hours_expression("session__")))
        .values_list("young_person__organisation_id", "total")
    )
    given = _given_by_organisation(recognised)
    out = []
    for organisation in Organisation.objects.order_by("name"):
        pk = organisation.pk
        row = given.get(pk, {})
        totals = OrganisationTotals(
            organisation=organisation,
            young_people=_people_cell(sessions[pk] | recognised_people[pk]),
            with_session_hours=_people_cell(sessions[pk]),
            recognitions=Cell(row.get("n", 0), row.get("keys") or 0),
            session_hours=hours.get(pk) or Decimal("0"),
            recognised_hours=row.get("hours") or Decimal("0"),
            voucher_value=row.get("vouchers") or Decimal("0"),
            # A partner worker reads their own organisation's young people only: a row that
            # counts recognitions it gave to another's is not all theirs to open.
            exact=disclosure.is_exact(user, organisation_id=None if pk in beyond else pk),
        )
        if not (totals.young_people.count or totals.recognitions.count):
            continue
        totals.shown_young_people = disclosure.shown(totals.young_people, exact=totals.exact)
        totals.shown_with_session_hours = disclosure.shown(
            totals.with_session_hours, exact=totals.exact
        )
        totals.shown_recognitions = disclosure.shown(totals.recognitions, exact=totals.exact)
        out.append(totals)
    return out


# Recognitions -----------------------------------------------------------------------------------


def recognitions_visible_to(user: Any) -> QuerySet[Recognition]:
    return (
        RECOGNITIONS.scope(user, "view")
        .select_related("young_person", "organisation", "given_by")
        .order_by("-date", "-id")
    )


def recognition_get(user: Any, pk: Any) -> Recognition:
    return _get(recognitions_visible_to(user), pk, "recognition")  # type: ignore[no-any-return]


def portal_recognitions(young_person: YoungPerson) -> QuerySet[Recognition]:
    """A young person's own recognitions, newest first."""
    return (
        Recognition.objects.filter(young_person=young_person)
        .select_related("organisation")
        .order_by("-date", "-id")
    )


def portal_recognition_get(young_person: YoungPerson, pk: Any) -> Recognition:
    """One of the young person's own recognitions; 404 for anyone else's."""
    return _get(portal_recognitions(young_person), pk, "recognition")  # type: ignore[no-any-return]


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may give, claim or invoice for: a partner worker's own only."""
    return people_selectors.organisation_choices_for(user)


# Expense claims ---------------------------------------------------------------------------------


def claims_visible_to(user: Any) -> QuerySet[ExpenseClaim]:
    """Claims the user may read, newest first, each with its ``total`` and ``item_count``."""
    return (
        CLAIMS.scope(user, "view")
        .select_related("organisation", "young_person", "claimant", "submitted_by", "decided_by")
        .annotate(
            total=Coalesce(Sum("items__amount"), ZERO_MONEY, output_field=MONEY_FIELD),
            item_count=Count("items"),
        )
        .order_by("-created_at", "-id")
    )


def claim_get(user: Any, pk: Any) -> ExpenseClaim:
    return _get(claims_visible_to(user), pk, "claim")  # type: ignore[no-any-return]


def claim_items(claim: ExpenseClaim) -> QuerySet[ExpenseItem]:
    return claim.items.order_by("date", "id")


def item_get(user: Any, pk: Any) -> ExpenseItem:
    rows = ExpenseItem.objects.filter(claim__in=CLAIMS.scope(user, "view").values("pk"))
    return _get(rows.select_related("claim"), pk, "item")  # type: ignore[no-any-return]


def finance_items(user: Any) -> QuerySet[ExpenseItem]:
    """The items of the approved and paid claims the user may read, for the finance system."""
    claims = CLAIMS.scope(user, "view").filter(status__in=FOR_FINANCE)
    return (
        ExpenseItem.objects.filter(claim__in=claims.values("pk"))
        .select_related("claim", "claim__organisation", "claim__young_person", "claim__claimant")
        .order_by("claim_id", "date", "id")
    )


# Partner invoices -------------------------------------------------------------------------------


def invoices_visible_to(user: Any) -> QuerySet[PartnerInvoice]:
    return (
        INVOICES.scope(user, "view")
        .select_related("organisation", "recorded_by", "decided_by")
        .order_by("-period_end", "-id")
    )


def invoice_get(user: Any, pk: Any) -> PartnerInvoice:
    return _get(invoices_visible_to(user), pk, "invoice")  # type: ignore[no-any-return]
