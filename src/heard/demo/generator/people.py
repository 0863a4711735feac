"""People: organisations, staff (who cannot sign in with a password) and the register of young
people, some of them erased on request as ``young_person_anonymise`` leaves them."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.roles import Role
from heard.demo.generator.context import (
    AGE_BANDS,
    EMAIL_DOMAIN,
    FIRST_NAMES,
    LAST_NAMES,
    PLACES,
    UNUSABLE_PASSWORD,
    Context,
    Step,
    _at,
    _at_ordinal,
)
from heard.demo.generator.sinks import columns, stamped
from heard.people.models import Organisation, User, YoungPerson
from heard.people.search import SEARCHED_FIELDS, search_text
from heard.privacy.services import PERSONAL_FIELDS

ORGANISATION_NOUNS = {
    Organisation.Kind.LOCAL_AUTHORITY: "Children's Services",
    Organisation.Kind.VOLUNTARY: "Youth Project",
    Organisation.Kind.SCHOOL: "Academy",
    Organisation.Kind.HEALTH: "Child and Family Health",
    Organisation.Kind.YOUTH_SERVICE: "Youth Service",
    Organisation.Kind.OTHER: "Community Trust",
}

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_REFERENCE_SPACE = len(REFERENCE_ALPHABET) ** 6


def reference_for(index: int, seed: int) -> str:
    """A distinct young person's reference for each index: a bijection on the 6-character space."""
    number = (index * 387_420_489 + seed * 7_919 + 104_729) % _REFERENCE_SPACE
    chars = []
    for _ in range(6):
        number, digit = divmod(number, len(REFERENCE_ALPHABET))
        chars.append(REFERENCE_ALPHABET[digit])
    return "YP-" + "".join(chars)


ORGANISATION_COLUMNS = stamped(
    "name kind area contact_name contact_email contact_phone is_active notes"
)
USER_COLUMNS = columns(
    "id password last_login is_superuser email full_name role organisation_id job_title is_active "
    "is_staff date_joined"
)


def organisations_and_staff(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    created = _at(ctx.first_day, 9)
    kinds = list(ORGANISATION_NOUNS)
    organisations = ctx.writer.table(Organisation, ORGANISATION_COLUMNS)
    for number, pk in enumerate(ctx.ids(Organisation, scale.organisations), start=1):
        kind = Organisation.Kind.LOCAL_AUTHORITY if number == 1 else rng.choice(kinds)
        place = PLACES[number % len(PLACES)]
        contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        organisations.add(
            (
                pk,
                created,
                created,
                f"{place} {ORGANISATION_NOUNS[kind]} {number}",
                kind,
                place,
                contact,
                f"contact{number}@{EMAIL_DOMAIN}",
                f"01632 {960000 + number % 1000:06d}",
                number % 40 != 0,
                "",
            )
        )
        ctx.organisations.append(pk)
        ctx.organisation_weights.append(rng.uniform(0.3, 1.7))
    users = ctx.writer.table(User, USER_COLUMNS)
    for role, count in scale.staff.items():
        ids = ctx.ids(User, count)
        ctx.staff[role] = list(ids)
        for number, pk in enumerate(ids, start=1):
            organisation = (
                ctx.organisations[(number - 1) % len(ctx.organisations)]
                if role == Role.PARTNER_WORKER
                else None
            )
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            users.add(
                (
                    pk,
                    UNUSABLE_PASSWORD,
                    None,
                    role == Role.ADMINISTRATOR,
                    f"{role.replace('_', '-')}-{number}@{EMAIL_DOMAIN}",
                    name,
                    role,
                    organisation,
                    Role(role).label,
                    True,
                    role == Role.ADMINISTRATOR,
                    created,
                )
            )
    champions = ctx.writer.table(Organisation.champions.through, ("organisation_id", "user_id"))
    for index, organisation in enumerate(ctx.organisations):
        champions.add((organisation, ctx.staff[Role.PARTNER_WORKER][index]))
        if index % 3 == 0:
            champions.add((organisation, rng.choice(ctx.staff[Role.BOARD_MEMBER])))


YOUNG_PERSON_COLUMNS = stamped(
    "reference first_name last_name preferred_name age_band date_of_birth organisation_id area "
    "communication_needs access_needs contact_preference contact_email is_active search_text"
)
#: Where the names and reference are in a row, for its search text.
_SEARCHED_COLUMNS = [YOUNG_PERSON_COLUMNS.index(name) for name in SEARCHED_FIELDS]
COMMUNICATION_NEEDS = ("", "", "", "", "", "", "Uses Makaton", "Prefers easy read", "BSL")
ACCESS_NEEDS = ("", "", "", "", "", "", "", "Wheelchair user", "Quiet room for breaks")
CONTACT_PREFERENCES = YoungPerson.ContactPreference.values
#: What an erased young person's record holds (``privacy.services.PERSONAL_FIELDS``).
ANONYMISED_FIELDS: dict[str, Any] = dict(PERSONAL_FIELDS)


def young_people(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    sink = ctx.writer.table(YoungPerson, YOUNG_PERSON_COLUMNS)
    bands = [(band, low, high) for band, low, high, _ in AGE_BANDS]
    band_weights = [weight for *_, weight in AGE_BANDS]
    band_index = {band: index for index, (band, *_rest) in enumerate(AGE_BANDS)}
    span = (today - ctx.first_day).days
    ids = ctx.ids(YoungPerson, ctx.scale.young_people)
    ctx.first_young_person_id = ids.start
    organisations = rng.choices(ctx.organisations, ctx.organisation_weights, k=len(ids))
    # Erased on request (``privacy.services.young_person_anonymise``): the record stays, under
    # "Anonymised", with nothing that identifies them; they take no part after it.
    erased = set(rng.sample(range(len(ids)), min(len(ids), ctx.scale.extra.get("erased", 0))))
    today_ordinal = today.toordinal()
    for index, pk in enumerate(ids):
        organisation = organisations[index]
        band, low, high = rng.choices(bands, band_weights)[0]
        date_of_birth = None
        if rng.random() < 0.3:
            age = rng.randint(low, high)
            date_of_birth = today - datetime.timedelta(
                days=int((age + rng.uniform(0.1, 0.9)) * 365.25)
            )
        registered = ctx.ago(rng.randint(0, span))
        created = _at(registered, 10)
        active = rng.random() > 0.05
        row = [
            pk,
            created,
            created,
            reference_for(index, ctx.seed),
            rng.choice(FIRST_NAMES),
            rng.choice(LAST_NAMES),
            "",
            band,
            date_of_birth,
            organisation,
            PLACES[pk % len(PLACES)],
            rng.choice(COMMUNICATION_NEEDS),
            rng.choice(ACCESS_NEEDS),
            rng.choice(CONTACT_PREFERENCES),
            "",  # no contact address: nobody generated is told by message
            active,
            "",
        ]
        if index in erased:
            erased_on = rng.randint(registered.toordinal(), today_ordinal)
            ctx.erased[pk] = erased_on
            row[2] = _at_ordinal(erased_on, 15)
            for name, value in ANONYMISED_FIELDS.items():
                row[YOUNG_PERSON_COLUMNS.index(name)] = value
            date_of_birth = None
        # COPY skips save(): the search text the model keeps, of the names as written.
        row[-1] = search_text(*(str(row[column]) for column in _SEARCHED_COLUMNS))
        sink.add(row)
        ctx.young_people.append(pk)
        ctx.young_person_organisation.append(organisation)
        ctx.young_person_band.append(band_index[band])
        ctx.young_person_born.append(date_of_birth.toordinal() if date_of_birth else 0)
        ctx.young_person_registered.append(registered.toordinal())
        if active and pk not in ctx.erased:
            ctx.young_people_by_organisation.setdefault(organisation, []).append(pk)
        else:
            ctx.inactive.add(pk)


STEPS = (
    Step(
        "organisations and staff",
        organisations_and_staff,
        (Organisation, User, Organisation.champions.through),
    ),
    Step("young people", young_people, (YoungPerson,)),
)
