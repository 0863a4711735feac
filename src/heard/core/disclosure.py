"""One disclosure policy for every figure of children that leaves Heard (ADR 0008).

**Audience.** A figure is EXACT for a reader who may already open every record behind it (the
programme roles, theme leads and safeguarding leads read every young person, session, membership
and view of the partnership; a partner worker reads their own organisation's): they see the true
count, no suppression, no noise, and any period. It is PROTECTED for everyone else (board members,
a partner worker looking beyond their organisation, the public pages and poster, anything for
publication). :func:`audience` decides it, in this one place.

**Protected figures.** Three rules, after the Office for National Statistics' protection of the
2021 Census results (the cell key method of its flexible table builder, with its threshold rules):

1. Fixed reporting periods only (:func:`is_reporting_period`): one complete partnership quarter,
   or a partnership year from 1 April to the end of one of its complete quarters. Their "year to
   date" ends at the last complete quarter, so it does not move day by day.
2. The cell key method: every record (young person, view, response, rating) has a stable secret
   record key from 0 to 255 (:func:`record_key`, keyed from ``SECRET_KEY``); a cell's key is the
   sum of its records' keys mod 256; and the p-table (:data:`PTABLE`) rounds every count but 0 to
   a multiple of 5, up or down, unbiased, the direction chosen by the cell key. The same records
   always show the same figure, in every output, and a figure tells a reader the true count only
   to within 4 either way; differences of figures are multiples of 5.
3. The threshold: 0 stays 0 (nobody is identified by an empty cell); a count rounded to 0 (a
   true 1 to 4) is "fewer than 5". No figure from 1 to 4 is ever shown.

No secondary suppression on protected figures: it decides what to hide from the values, which
is what a differencing reader exploits; every protected cell stands alone.
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, QuerySet, Sum, Value
from django.db.models.expressions import Combinable

from heard.core import years
from heard.core.permissions import (
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_theme_lead,
)
from heard.core.suppression import SMALL, THRESHOLD, Display

#: Record keys (and cell keys) run from 0 to KEY_RANGE - 1.
KEY_RANGE = 256
#: Protected counts other than 0 are rounded to multiples of this.
BASE = 5
#: The p-table. For a count ``n`` above 0 with cell key ``k`` and ``r = n % BASE`` (> 0),
#: the count is rounded up when ``k < PTABLE[r]``, else down: up with probability ``r / BASE``
#: (to within 1/256), so the shown figure is unbiased. A multiple of 5 stays as it is.
PTABLE = {r: round(KEY_RANGE * r / BASE) for r in range(BASE)}
#: A prime modulus for the keyed hash behind record keys (ids up to 2**32 stay in 64 bits).
_MODULUS = 2_147_483_647

PROTECTED_NOTE = (
    "Protected figure: 0 is exact; any other count is rounded to a multiple of 5, up or down "
    "(within 4 of the true count, the same figure every time for the same records: the cell key "
    "method), and one rounded to 0 is \u201cfewer than 5\u201d. Exact for readers who may open "
    "every record behind it."
)


class Audience(enum.Enum):
    EXACT = "exact"
    PROTECTED = "protected"


def reads_every_record(user: Any) -> bool:
    """Roles that may open every young person, session, membership and view of the partnership."""
    return bool(
        user is not None
        and (is_programme_staff(user) or is_theme_lead(user) or is_safeguarding_lead(user))
    )


def audience(user: Any, *, organisation_id: int | None = None, public: bool = False) -> Audience:
    """Who the figures are for. ``organisation_id``: the figures cover that organisation's records
    only (None: the partnership's, or more than one organisation's). ``public``: a public page or
    anything for publication, whoever asks."""
    if public or user is None or not getattr(user, "is_authenticated", False):
        return Audience.PROTECTED
    if reads_every_record(user):
        return Audience.EXACT
    own = getattr(user, "organisation_id", None)
    if is_partner_worker(user) and own is not None and organisation_id == own:
        return Audience.EXACT
    return Audience.PROTECTED


def is_exact(user: Any, *, organisation_id: int | None = None, public: bool = False) -> bool:
    return audience(user, organisation_id=organisation_id, public=public) is Audience.EXACT


# --- Record keys and cell keys --------------------------------------------------------------------


@dataclass(frozen=True)
class _KeyParams:
    multiplier: int
    offset: int


def _params(kind: str) -> _KeyParams:
    """The secret parameters of one kind of record's keys, derived from ``SECRET_KEY``."""
    return _derived(str(settings.SECRET_KEY), kind)


@functools.lru_cache(maxsize=32)
def _derived(secret: str, kind: str) -> _KeyParams:
    digest = hmac.new(
        secret.encode(),
        f"heard.core.disclosure.record-key:{kind}".encode(),
        hashlib.sha256,
    ).digest()
    multiplier = int.from_bytes(digest[:8], "big") % (_MODULUS - 1) + 1
    offset = int.from_bytes(digest[8:16], "big") % _MODULUS
    return _KeyParams(multiplier, offset)


def record_key(kind: str, pk: int) -> int:
    """The stable secret key (0-255) of one record: a keyed hash of its id."""
    p = _params(kind)
    return ((int(pk) * p.multiplier + p.offset) % _MODULUS) % KEY_RANGE


def record_key_sql(kind: str, field: str = "pk") -> Combinable:
    """:func:`record_key` of the id column ``field``, in SQL (the same value)."""
    p = _params(kind)
    return ((F(field) * Value(p.multiplier) + Value(p.offset)) % Value(_MODULUS)) % Value(KEY_RANGE)


def record_key_sql_text(kind: str, column: str) -> str:
    """:func:`record_key` of ``column`` as SQL text for raw PostgreSQL statements (our integers
    only; MOD rather than ``%``, which the driver reads as a placeholder)."""
    p = _params(kind)
    return f"MOD(MOD(({column}) * {p.multiplier} + {p.offset}, {_MODULUS}), {KEY_RANGE})"


def cells_by(
    pairs: QuerySet[Any, Any], groups: tuple[str, ...], record: str, kind: str
) -> dict[tuple[Any, ...], Cell]:
    """Each combination of the ``groups`` fields' values, its cell over the distinct rows of
    ``pairs`` (groups and ``record``): how many records and the sum of their keys (``kind``),
    in one statement (one scan for every combination, where a cell each would scan each time).
    Dates come back as the database gives them (text on SQLite)."""
    names = {f"g{index}": F(field) for index, field in enumerate(groups)}
    distinct = pairs.order_by().values(**names, r=F(record)).distinct()
    try:
        sql, params = distinct.query.sql_with_params()
    except EmptyResultSet:  # a query that can match nothing (``.none()``)
        return {}
    p = _params(kind)
    # Django's own SQL with its parameters apart; the rest is our integers. "%%": a literal %
    # for both drivers (parameters are always passed, so both read the placeholders).
    key = f"((pairs.r * {p.multiplier} + {p.offset}) %% {_MODULUS}) %% {KEY_RANGE}"
    columns = ", ".join(f"pairs.{name}" for name in names)
    statement = (
        f"SELECT {columns}, COUNT(*), SUM({key}) FROM ({sql}) pairs "  # noqa: S608
        f"GROUP BY {columns}"
    )
    with connections[distinct.db].cursor() as cursor:
        cursor.execute(statement, list(params))
        return {
            tuple(row[: len(names)]): Cell(row[-2], int(row[-1] or 0)) for row in cursor.fetchall()
        }


def key_sum(kind: str, field: str = "pk", **extra: Any) -> Sum:
    """An aggregate: the sum of the records' keys (``extra``: a ``filter=`` for one cell)."""
    return Sum(record_key_sql(kind, field), **extra)


def cell_key(key_total: int | None) -> int:
    """A cell's key from the sum of its records' keys."""
    return int(key_total or 0) % KEY_RANGE


def cell_key_of(kind: str, pks: Iterable[int]) -> int:
    return cell_key(sum(record_key(kind, pk) for pk in pks))


# --- Protected counts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A count with the sum of its records' keys: what a protected figure is made from."""

    count: int
    keys: int = 0

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.count + other.count, self.keys + other.keys)

    def __sub__(self, other: Cell) -> Cell:
        return Cell(self.count - other.count, self.keys - other.keys)


def perturbation(count: int, key: int) -> int:
    """The p-table's entry for (count, cell key): what is added to a count to round it."""
    rest = count % BASE
    if count <= 0 or rest == 0:
        return 0
    return BASE - rest if key % KEY_RANGE < PTABLE[rest] else -rest


def protect(count: int, key: int) -> Display:
    """A count as a protected reader sees it: 0, "fewer than 5", or a multiple of 5.

    Every count other than 0 is rounded to a multiple of 5 by the p-table; one rounded down to 0
    (a true 1-4, four times in five for a 1) is "fewer than 5", so no figure from 1 to 4 is
    shown. A true 1-4 may also show as 5: the threshold's "fewer than 5" then has soft edges
    like every other figure, which is what stops a reader from pinning it (ADR 0008)."""
    if count <= 0:
        return 0
    rounded = count + perturbation(count, key)
    return SMALL if rounded == 0 else rounded


def protect_cell(cell: Cell) -> Display:
    return protect(cell.count, cell_key(cell.keys))


def shown(cell: Cell, *, exact: bool) -> Display:
    """The cell for its audience: the true count, or protected."""
    return cell.count if exact else protect_cell(cell)


def possible_counts(displayed: Display) -> range:
    """What a reader who knows the policy learns from a protected figure: the true counts that
    can show as ``displayed`` (the checker's and the ADR's reader)."""
    if displayed == SMALL:
        return range(1, THRESHOLD)
    if not isinstance(displayed, int):
        raise ValueError(f"not a protected count: {displayed!r}")
    if displayed == 0:
        return range(0, 1)
    return range(max(1, displayed - BASE + 1), displayed + BASE)


# --- Fixed reporting periods ----------------------------------------------------------------------


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The partnership quarter holding ``day`` (Apr-Jun, Jul-Sep, Oct-Dec, Jan-Mar)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    following = (
        datetime.date(day.year + 1, 1, 1)
        if first_month == 10
        else datetime.date(day.year, first_month + 3, 1)
    )
    return start, following - datetime.timedelta(days=1)


def last_complete_quarter_end(today: datetime.date) -> datetime.date:
    """The last day of the last quarter that has ended before ``today``."""
    return quarter_of(today)[0] - datetime.timedelta(days=1)


@dataclass(frozen=True)
class ReportingPeriod:
    start: datetime.date
    end: datetime.date
    label: str


def _quarter_label(start: datetime.date) -> str:
    year = years.partnership_year(start)
    number = (start.month - years.STARTS_IN_MONTH) % 12 // 3 + 1
    return f"Q{number} {years.year_label(year)}"


def _period_label(start: datetime.date, end: datetime.date) -> str:
    year = years.partnership_year(start)
    if (start, end) == years.year_bounds(year):
        return f"Partnership year {years.year_label(year)}"
    if quarter_of(start) == (start, end):
        return _quarter_label(start)
    return f"{years.year_label(year)} to the end of {_quarter_label(quarter_of(end)[0])}"


def is_reporting_period(start: datetime.date, end: datetime.date, *, today: datetime.date) -> bool:
    """One complete partnership quarter, or a partnership year from 1 April to the end of one
    of its complete quarters (the whole year included)."""
    if end > last_complete_quarter_end(today) or end < start:
        return False
    if quarter_of(end)[1] != end:
        return False
    if quarter_of(start) == (start, end):
        return True
    year = years.partnership_year(start)
    year_start, year_end = years.year_bounds(year)
    return start == year_start and end <= year_end


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A protected reader's "this year": from 1 April to the end of the last complete quarter,
    or the whole of the last partnership year while this one has no complete quarter yet."""
    start = years.year_start(today)
    end = last_complete_quarter_end(today)
    if end < start:
        return years.year_bounds(years.partnership_year(start) - 1)
    return start, end


def reporting_periods(today: datetime.date, *, count_years: int = 3) -> list[ReportingPeriod]:
    """The periods a protected reader may ask for, latest first (the last few years)."""
    out: list[ReportingPeriod] = []
    last = last_complete_quarter_end(today)
    first_year = years.partnership_year(last)
    for year in range(first_year, first_year - count_years, -1):
        year_start, year_end = years.year_bounds(year)
        quarter_start = year_start
        quarters = []
        while quarter_start <= min(year_end, last):
            q_start, q_end = quarter_of(quarter_start)
            # ``last`` ends a quarter, so a quarter that starts by then has ended by then too.
            if q_end > last:  # pragma: no cover - see above
                break
            quarters.append((q_start, q_end))
            quarter_start = q_end + datetime.timedelta(days=1)
        for _, q_end in reversed(quarters):
            out.append(ReportingPeriod(year_start, q_end, _period_label(year_start, q_end)))
        for q_start, q_end in reversed(quarters):
            if q_start != year_start:
                out.append(ReportingPeriod(q_start, q_end, _period_label(q_start, q_end)))
    return out


PERIOD_REFUSED = (
    "These figures are protected for you, so they cover fixed reporting periods only: one "
    "complete quarter (1 April, 1 July, 1 October or 1 January to the end of that quarter), or a "
    "partnership year from 1 April to the end of one of its complete quarters."
)


def period_error(
    user: Any,
    start: datetime.date | None,
    end: datetime.date | None,
    *,
    today: datetime.date,
    organisation_id: int | None = None,
) -> str | None:
    """Why a period cannot be given to this reader, or None when it can."""
    if is_exact(user, organisation_id=organisation_id):
        return None
    if start is None or end is None or not is_reporting_period(start, end, today=today):
        return PERIOD_REFUSED
    return None
