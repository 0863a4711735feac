"""ADR 0008: one disclosure policy. Who sees exact figures, what a protected figure is, the fixed
reporting periods, and simulations of a reader who differences any number of protected figures
(tests/core/disclosure.py, ``cross_request_pins``)."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest

from heard.core import disclosure
from heard.core.disclosure import (
    BASE,
    Audience,
    Cell,
    audience,
    cell_key_of,
    is_reporting_period,
    possible_counts,
    protect,
    protect_cell,
    record_key,
)
from heard.core.roles import Role
from heard.core.suppression import SMALL
from heard.people.models import YoungPerson
from tests import depth, factories
from tests.core.disclosure import cross_request_pins

# --- What a protected figure is ------------------------------------------------------------------


def test_zero_stays_zero_and_no_figure_from_1_to_4_is_shown():
    for key in range(256):
        assert protect(0, key) == 0
        for n in range(1, 5):
            assert protect(n, key) in (SMALL, 5)
    # A 1 shows as 5 for a fifth of the keys, a 4 for four fifths.
    assert sum(protect(1, key) == 5 for key in range(256)) == round(256 / 5)
    assert sum(protect(4, key) == 5 for key in range(256)) == round(256 * 4 / 5)


def test_other_counts_become_a_multiple_of_5_within_4():
    for n in range(1, 200):
        for key in range(256):
            shown = protect(n, key)
            if shown != SMALL:
                assert shown % BASE == 0 and shown >= 5 and abs(shown - n) < BASE
            assert n in possible_counts(shown)


def test_the_ptable_is_unbiased():
    for n in range(1, 60):
        mean = sum(0 if (s := protect(n, key)) == SMALL else s for key in range(256)) / 256
        assert abs(mean - n) <= 0.02 * BASE


def test_the_same_records_give_the_same_figure_in_any_order():
    ids = [3, 17, 52, 1000, 1001, 77]
    a = Cell(len(ids), sum(record_key("young_person", i) for i in ids))
    b = Cell(len(ids), sum(record_key("young_person", i) for i in reversed(ids)))
    assert protect_cell(a) == protect_cell(b)
    assert cell_key_of("young_person", ids) == cell_key_of("young_person", ids[::-1])


def test_record_keys_look_uniform_and_differ_by_kind():
    keys = [record_key("young_person", i) for i in range(1, 25601)]
    counts = [keys.count(k) for k in range(256)]
    assert min(counts) > 50 and max(counts) < 160
    assert [record_key("view", i) for i in range(1, 50)] != keys[:49]


@pytest.mark.django_db
def test_record_keys_in_sql_are_the_same_as_in_python():
    people = [factories.YoungPersonFactory() for _ in range(6)]
    rows = YoungPerson.objects.annotate(k=disclosure.record_key_sql("young_person")).values_list(
        "pk", "k"
    )
    assert dict(rows) == {p.pk: record_key("young_person", p.pk) for p in people}
    total = YoungPerson.objects.aggregate(s=disclosure.key_sum("young_person"))["s"]
    assert total == sum(record_key("young_person", p.pk) for p in people)


# --- Who sees exact figures ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_audience_is_decided_by_what_the_reader_may_open(make_user):
    organisation = factories.OrganisationFactory()
    other = factories.OrganisationFactory()
    for role in (
        Role.PARTICIPATION_LEAD,
        Role.PARTICIPATION_OFFICER,
        Role.ADMINISTRATOR,
        Role.THEME_LEAD,
        Role.SAFEGUARDING_LEAD,
    ):
        assert audience(make_user(role=role)) is Audience.EXACT
    board = make_user(role=Role.BOARD_MEMBER)
    assert audience(board) is Audience.PROTECTED
    assert audience(board, organisation_id=organisation.pk) is Audience.PROTECTED
    partner = make_user(role=Role.PARTNER_WORKER, organisation=organisation)
    assert audience(partner, organisation_id=organisation.pk) is Audience.EXACT
    assert audience(partner, organisation_id=other.pk) is Audience.PROTECTED
    assert audience(partner) is Audience.PROTECTED  # the partnership's figures
    lead = make_user(role=Role.PARTICIPATION_LEAD)
    assert audience(lead, public=True) is Audience.PROTECTED
    assert audience(None) is Audience.PROTECTED


# --- Fixed reporting periods ---------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 20)  # Q3 2026-27 (October to December) is not complete


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2026-04-01", "2026-06-30", True),  # Q1
        ("2026-07-01", "2026-09-30", True),  # Q2
        ("2026-04-01", "2026-09-30", True),  # the year to the last complete quarter
        ("2025-04-01", "2026-03-31", True),  # last year
        ("2026-01-01", "2026-03-31", True),  # Q4 2025-26
        ("2025-04-01", "2025-12-31", True),
        ("2026-10-01", "2026-12-31", False),  # not complete
        ("2026-04-01", "2026-11-19", False),  # a day-by-day year to date
        ("2026-11-14", "2026-11-15", False),
        ("2026-07-01", "2026-12-31", False),
        ("2026-05-01", "2026-06-30", False),
        ("2025-07-01", "2026-03-31", False),  # crosses quarters without starting on 1 April
        ("2025-04-01", "2026-06-30", False),  # crosses years
    ],
)
def test_reporting_periods(start, end, ok):
    assert (
        is_reporting_period(
            datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), today=TODAY
        )
        is ok
    )


def test_the_default_period_ends_at_the_last_complete_quarter():
    assert disclosure.default_period(TODAY) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 9, 30),
    )
    # No quarter of this year is complete yet: the whole of last year.
    assert disclosure.default_period(datetime.date(2026, 5, 3)) == (
        datetime.date(2025, 4, 1),
        datetime.date(2026, 3, 31),
    )
    periods = disclosure.reporting_periods(TODAY)
    assert all(is_reporting_period(p.start, p.end, today=TODAY) for p in periods)
    assert periods[0].start == datetime.date(2026, 4, 1) and periods[0].end.month == 9


# --- The reader who differences: simulations -----------------------------------------------------


def _shown(counts, keys, parts):
    return protect_cell(Cell(sum(counts[j] for j in parts), sum(keys[j] for j in parts)))


def _true_count(rng):
    return rng.choice(
        [0, 0, 1, 1, 2, 3, 4, rng.randint(5, 9), rng.randint(5, 9), rng.randint(5, 25)]
    )


def simulate(families, runs, seed):
    """``families``: (number of atoms, the unions a reader sees). Returns how many runs (and
    union figures) the reader pinned a count from 1 to 4 in."""
    rng = random.Random(seed)
    pinned_runs = 0
    for _ in range(runs):
        atoms, unions = rng.choice(families)
        counts = [_true_count(rng) for _ in range(atoms)]
        keys = [rng.randrange(256 * 8) for _ in range(atoms)]  # each atom's sum of record keys
        observations = [(u, _shown(counts, keys, u)) for u in unions]
        pins = cross_request_pins(atoms, observations)
        for subset, value in pins:
            assert sum(counts[j] for j in subset) == value
        pinned_runs += bool(pins)
    return pinned_runs


def _all_unions(atoms):
    return [s for n in range(1, atoms + 1) for s in itertools.combinations(range(atoms), n)]


#: Heard's output families as atoms. A split (reach's rows, a loop split) in two periods, one
#: nested in the other: atoms (value, in both | only in the longer).
SPLIT_TWO_PERIODS = (
    6,
    [(0,), (2,), (4,), (0, 2, 4), (0, 1), (2, 3), (4, 5), (0, 1, 2, 3, 4, 5)],
)
#: An organisation and its three groups (views of no group are the fourth atom).
ORGANISATION_AND_GROUPS = (4, [(0,), (1,), (2,), (0, 1, 2, 3)])
#: Home counts against reach: active (through Buddy Groups, elsewhere) and took part, not active.
HOME_AND_REACH = (3, [(0,), (0, 1), (0, 1, 2), (1,), (2,)])
#: The loop figures' views split (not responded, responded, fed back) for two quarters and the
#: year to the second: atoms (part, quarter); views are recorded on one day, so they add up.
LOOP_SPLIT_QUARTERS = (
    6,
    [
        (0,), (1,), (2,), (0, 1, 2),
        (3,), (4,), (5,), (3, 4, 5),
        (0, 3), (1, 4), (2, 5), (0, 1, 2, 3, 4, 5),
    ],
)  # fmt: skip
HEARD_FAMILIES = [SPLIT_TWO_PERIODS, ORGANISATION_AND_GROUPS, HOME_AND_REACH, LOOP_SPLIT_QUARTERS]
#: Beyond what Heard publishes: every union of four atoms.
EVERY_UNION = (4, _all_unions(4))


def test_no_pin_in_heards_output_families(untraced):
    """At the standard depth (tests/depth.py) 40 runs, in which exact figures under the threshold
    (the policy before ADR 0008) are pinned from the 2nd run on; CI's deep run goes to 120."""
    assert simulate(HEARD_FAMILIES, runs=depth.value("disclosure_runs"), seed=8) == 0


def test_the_standard_depth_catches_the_policy_before_adr_0008(monkeypatch, untraced):
    """The simulation at the standard depth is not too shallow to fail: with exact figures and
    only the threshold (1 to 4 shown as "fewer than 5"), the reader pins counts."""

    def threshold_only(count, key):
        return SMALL if 0 < count < 5 else count

    monkeypatch.setattr(disclosure, "protect", threshold_only)
    runs = depth.SETTINGS["disclosure_runs"][0]
    assert simulate(HEARD_FAMILIES, runs=runs, seed=8) >= runs // 4


def test_pins_are_rare_even_when_every_union_is_published(untraced):
    """The residual risk the ADR reports: a reader who sees every union of four sets of records
    pins a count in about 0.3% of random cases (four non-empty sets whose union is "fewer than 5"
    are 1 each), against 14% with the threshold applied before rounding."""
    assert simulate([EVERY_UNION], runs=300, seed=9) <= 3
