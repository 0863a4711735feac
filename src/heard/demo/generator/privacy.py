"""Privacy: consents (some withdrawn), equality records and the records of erasure."""

from __future__ import annotations

import datetime
from array import array
from typing import Any

from heard.core.models import Partnership
from heard.core.roles import AgeBand, Role
from heard.demo.data import (
    CARE_STATUSES,
    ETHNICITIES,
    GENDERS,
    RELIGIONS,
    SEXUAL_ORIENTATIONS,
    YES_NO,
)
from heard.demo.generator.context import (
    AGE_BANDS,
    PLACES,
    Context,
    Step,
    _at_ordinal,
    _day,
    _weighted,
)
from heard.demo.generator.sinks import TableSink, stamped
from heard.privacy.models import (
    Anonymisation,
    Consent,
    EqualityRecord,
    Gender,
)
from heard.privacy.selectors import BAND_AGES

CONSENT_COLUMNS = stamped(
    "young_person_id purpose given_by given_on how withdrawn_on withdrawn_by withdrawn_how notes "
    "recorded_by_id"
)
#: Besides taking part (everyone): (purpose, share who agreed, share of those who later withdrew).
CONSENT_SHARES = (
    (Consent.Purpose.PHOTOGRAPHS, 0.55, 0.05),
    (Consent.Purpose.QUOTES, 0.5, 0.04),
    (Consent.Purpose.PUBLISHING, 0.35, 0.04),
    (Consent.Purpose.SHARING, 0.4, 0.03),
    (Consent.Purpose.EQUALITY_DATA, 0.3, 0.05),
)
CONSENT_HOWS = ((Consent.How.WRITTEN, 6), (Consent.How.VERBAL, 2), (Consent.How.ONLINE, 3))
EQUALITY_COLUMNS = stamped(
    "young_person_id gender gender_description ethnicity disability send care_status young_carer "
    "religion sexual_orientation area"
)
ANOTHER_WAY_WORDS = ("Gender fluid", "Questioning", "Agender", "In my own way")


def _parent_consent_age() -> int:
    """The partnership's setting, read without creating the row (``Partnership.current()``)."""
    age = Partnership.objects.filter(pk=1).values_list("parent_consent_under_age", flat=True)
    default = Partnership._meta.get_field("parent_consent_under_age").default
    return age.first() or int(default)  # type: ignore[arg-type]


def _may_be_under(ctx: Context, index: int, age: int, on: int) -> bool:
    """``privacy.selectors.may_be_under`` for a generated young person, on a day (ordinal)."""
    born = ctx.young_person_born[index]
    if born:
        birth, day = datetime.date.fromordinal(born), _day(on)
        years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        return years < age
    return BAND_AGES[AGE_BANDS[ctx.young_person_band[index]][0]][0] < age


def consents(ctx: Context) -> None:
    """Consent to taking part for everyone on the register, others for a share, some withdrawn,
    and equality records for most of those with a current equality consent."""
    rng, today = ctx.rng, ctx.today.toordinal()
    sink = ctx.writer.table(Consent, CONSENT_COLUMNS)
    equality = ctx.writer.table(EqualityRecord, EQUALITY_COLUMNS)
    under = _parent_consent_age()
    recorders = ctx.staff[Role.PARTICIPATION_OFFICER]
    hows = [how for how, _ in CONSENT_HOWS]
    how_weights = [weight for _, weight in CONSENT_HOWS]
    young, parent = Consent.GivenBy.YOUNG_PERSON, Consent.GivenBy.PARENT_OR_CARER
    quoting = (Consent.Purpose.QUOTES, Consent.Purpose.PUBLISHING)
    count = len(ctx.young_people)
    ctx.quotes_given = array("l", bytes(count * array("l").itemsize))
    ctx.publishing_given = array("l", bytes(count * array("l").itemsize))
    first_id = ctx.ids(Consent, 0).start
    next_id = first_id
    for index, pk in enumerate(ctx.young_people):
        if pk in ctx.erased:
            continue
        registered = ctx.young_person_registered[index]
        recorder = rng.choice(recorders)
        taking_part_by = parent if _may_be_under(ctx, index, under, registered) else young
        if taking_part_by == parent and rng.random() < 0.2:
            taking_part_by = young  # taking part can always be agreed by the young person
        how = rng.choices(hows, how_weights)[0]
        taking_part = Consent.Purpose.TAKING_PART
        sink.add(_consent_row(next_id, pk, taking_part, taking_part_by, registered, how, recorder))
        next_id += 1
        for purpose, share, withdraw_share in CONSENT_SHARES:
            if rng.random() >= share:
                continue
            given = min(registered + rng.randint(0, 60), today)
            given_by = (
                parent if _may_be_under(ctx, index, under, given) or rng.random() < 0.15 else young
            )
            withdrawn: int | None = None
            withdrawal: tuple[int, str, str] | None = None
            if rng.random() < withdraw_share:
                withdrawn = rng.randint(given, today)
            how = rng.choices(hows, how_weights)[0]
            if withdrawn is not None:
                by = parent if _may_be_under(ctx, index, under, withdrawn) else young
                withdrawal = (withdrawn, by, rng.choices(hows, how_weights)[0])
            sink.add(_consent_row(next_id, pk, purpose, given_by, given, how, recorder, withdrawal))
            next_id += 1
            if purpose in quoting:
                if withdrawn is not None:
                    ctx.stopped_quoting.add(pk)
                elif purpose == Consent.Purpose.QUOTES:
                    ctx.quotes_given[index] = given
                else:
                    ctx.publishing_given[index] = given
            elif (
                purpose == Consent.Purpose.EQUALITY_DATA
                and withdrawn is None
                and rng.random() < 0.9
            ):
                _equality_record(ctx, equality, pk, index, given)
    ctx.ids(Consent, next_id - first_id)


def _consent_row(
    pk: int,
    young_person: int,
    purpose: str,
    given_by: str,
    given: int,
    how: str,
    recorder: int,
    withdrawal: tuple[int, str, str] | None = None,
) -> tuple[Any, ...]:
    """A consent as ``consent_record`` leaves it (given on the day, an ordinal), and as
    ``consent_withdraw`` does when ``withdrawal`` says (day, by whom, how) it was withdrawn."""
    at = _at_ordinal(given, 11)
    updated: datetime.datetime = at
    ends: tuple[datetime.date | None, str, str, str] = (None, "", "", "")
    if withdrawal is not None:
        day, by, withdrawn_how = withdrawal
        updated, ends = (
            _at_ordinal(day, 14),
            (_day(day), by, withdrawn_how, "Withdrawn when asked."),
        )
    return (pk, at, updated, young_person, purpose, given_by, _day(given), how, *ends, recorder)


def _equality_record(ctx: Context, sink: TableSink, pk: int, index: int, given: int) -> None:
    rng = ctx.rng
    gender = _weighted(rng, GENDERS)
    older = AGE_BANDS[ctx.young_person_band[index]][0] in (AgeBand.AGE_16_17, AgeBand.AGE_18_25)
    at = _at_ordinal(min(given + rng.randint(0, 14), ctx.today.toordinal()), 12)
    sink.add(
        (
            ctx.ids(EqualityRecord, 1).start,
            at,
            at,
            pk,
            gender,
            rng.choice(ANOTHER_WAY_WORDS) if gender == Gender.ANOTHER_WAY else "",
            _weighted(rng, ETHNICITIES),
            _weighted(rng, YES_NO["disability"]),
            _weighted(rng, YES_NO["send"]),
            _weighted(rng, CARE_STATUSES),
            _weighted(rng, YES_NO["young_carer"]),
            _weighted(rng, RELIGIONS),
            _weighted(rng, SEXUAL_ORIENTATIONS) if older else "",
            PLACES[pk % len(PLACES)] if rng.random() < 0.9 else "",
        )
    )


def anonymisations(ctx: Context) -> None:
    """The record ``young_person_anonymise`` leaves for each young person erased on request."""
    rng = ctx.rng
    sink = ctx.writer.table(
        Anonymisation,
        (
            "id",
            "young_person_id",
            "reason",
            "anonymised_at",
            "last_involvement",
            "consent_counts",
            "by_id",
        ),
    )
    leads = ctx.staff[Role.PARTICIPATION_LEAD]
    for pk, erased_on in sorted(ctx.erased.items()):
        counts = {Consent.Purpose.TAKING_PART.value: {"given": 1, "withdrawn": 0}}
        for purpose, share, _ in CONSENT_SHARES:
            if rng.random() < share:
                counts[purpose.value] = {"given": 1, "withdrawn": int(rng.random() < 0.3)}
        sink.add(
            (
                ctx.ids(Anonymisation, 1).start,
                pk,
                Anonymisation.Reason.ERASURE,
                _at_ordinal(erased_on, 15),
                None,
                counts,
                rng.choice(leads),
            )
        )


STEPS = (
    Step("consents and equality records", consents, (Consent, EqualityRecord)),
    Step("anonymisations", anonymisations, (Anonymisation,)),
)
