"""Safeguarding: staff checks and training, and concerns handled as ``concern_assign``,
``concern_decide`` and ``concern_close`` would."""

from __future__ import annotations

import datetime
import hashlib

from heard.core.roles import Role
from heard.demo.generator.context import Context, Step, _at, _at_ordinal, _day
from heard.demo.generator.sinks import stamped
from heard.participation.concerns import SessionConcern
from heard.safeguarding.models import REFERENCE_ALPHABET as CONCERN_ALPHABET
from heard.safeguarding.models import REFERENCE_LENGTH as CONCERN_REFERENCE_LENGTH
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord

CHECK_COLUMNS = stamped("staff_id kind certificate_number issued_on renewal_due")
TRAINING_COLUMNS = stamped("staff_id course completed_on expires_on")
CONCERN_COLUMNS = stamped(
    "young_person_id raised_by_id what_happened happened_at who_was_present "
    "immediate_action child_told status assigned_to_id assigned_at decision decision_notes "
    "decided_at referral_date referral_reference closed_at reference source how_to_contact "
    "portal_token"
)
#: Enhanced DBS checks are renewed every three years here, a little before they run out.
CHECK_DAYS = 3 * 365
#: The roles recorded as present at sessions (group leads and participation officers) and the
#: others who work with young people; board members have no check.
CHECKED_ROLES = (
    Role.ADMINISTRATOR,
    Role.PARTICIPATION_LEAD,
    Role.PARTICIPATION_OFFICER,
    Role.THEME_LEAD,
    Role.SAFEGUARDING_LEAD,
    Role.PARTNER_WORKER,
)
#: (course, valid for days or 0 when it does not expire, share of staff who did it)
COURSES = (
    ("Safeguarding children level 2", 3 * 365, 0.9),
    ("Child protection training", 3 * 365, 0.5),
    ("Hear by Right: participation standards", 0, 0.4),
    ("Lundy model of child participation", 0, 0.3),
    ("Prevent awareness", 2 * 365, 0.3),
    ("Youth mental health first aid", 3 * 365, 0.2),
    ("Data protection for children's data", 365, 0.6),
)
CONCERN_TEXTS = (
    "A young person said they were scared to go home because of shouting and fighting there.",
    "A young person had bruises on their arm and gave an explanation that did not fit them.",
    "A young person said an adult they met online had asked them to meet up on their own.",
    "A young person said there had been no food at home since the day before.",
    "A young person told a worker that a friend was being bullied and had talked about self-harm.",
    "A young person said an older boy was giving them money to carry packages.",
)
CONCERN_PRESENT = (
    "The group's youth worker and a participation officer.",
    "Two members of staff; the rest of the group was in the next room.",
    "The participation officer only, at the end of the session.",
)
CONCERN_ACTION = (
    "Listened without asking leading questions, wrote down their words and called the "
    "designated safeguarding lead the same day."
)
CONCERN_TOLD = (
    "That what they said would be shared with someone whose job is to keep them safe, and that "
    "they would be told what happens next."
)
CONCERN_DECISIONS = (
    (
        Concern.Decision.NO_FURTHER_ACTION,
        25,
        "The family's support worker already knows; no further action from us.",
    ),
    (
        Concern.Decision.ADVICE_GIVEN,
        35,
        "Advice given to the worker; the school's safeguarding lead told.",
    ),
    (
        Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
        30,
        "Referred to the children's services front door.",
    ),
    (Concern.Decision.POLICE, 10, "Reported to the police because an adult was involved."),
)
#: How far a concern has got: (status, weight for one raised in the last fortnight, for older).
#: Older ones are nearly all closed; a few still wait for a decision (flagged after 24 hours).
CONCERN_STAGES = (
    (Concern.Status.OPEN, 30, 0.5),
    (Concern.Status.ASSIGNED, 30, 1.5),
    (Concern.Status.DECIDED, 30, 18),
    (Concern.Status.CLOSED, 10, 80),
)
RECENT_CONCERN_DAYS = 14
#: The same, as ``random.choices`` takes them.
_DECISIONS = [(decision, notes) for decision, _, notes in CONCERN_DECISIONS]
_DECISION_WEIGHTS = [weight for _, weight, _ in CONCERN_DECISIONS]
_STAGES = [stage for stage, _, _ in CONCERN_STAGES]
_RECENT_WEIGHTS = [weight for _, weight, _ in CONCERN_STAGES]
_OLDER_WEIGHTS = [weight for _, _, weight in CONCERN_STAGES]
#: Decisions that refer a concern on, with a date and a reference.
REFERRALS = (Concern.Decision.LOCAL_AUTHORITY_REFERRAL, Concern.Decision.POLICE)


def background_checks_and_training(ctx: Context) -> None:
    """A chain of checks for everyone who works with young people, each renewed before the last
    ran out, so every session's staff had a check current on its date; some due within 30 days,
    a few partner workers (never at generated sessions) with none or an expired one."""
    rng, today = ctx.rng, ctx.today.toordinal()
    checks = ctx.writer.table(BackgroundCheck, CHECK_COLUMNS)
    training = ctx.writer.table(TrainingRecord, TRAINING_COLUMNS)
    earliest = ctx.first_day.toordinal()
    kinds = (BackgroundCheck.Kind.ENHANCED_DBS_BARRED, BackgroundCheck.Kind.ENHANCED_DBS)
    for role in CHECKED_ROLES:
        for staff in ctx.staff.get(role, ()):
            draw = rng.random()
            kind = kinds[draw < 0.3]
            if role == Role.PARTNER_WORKER and draw > 0.85:
                if draw > 0.93:
                    continue  # no check recorded yet
                renewal = today - rng.randint(1, 200)
                chain = [(renewal - CHECK_DAYS, renewal)]
            else:
                due_soon = rng.random() < 0.1
                renewal = today + (
                    rng.randint(0, 30) if due_soon else rng.randint(31, CHECK_DAYS - 1)
                )
                chain = [(renewal - CHECK_DAYS, renewal)]
                while chain[-1][0] > earliest:
                    renewal = chain[-1][0] + rng.randint(0, 45)
                    chain.append((renewal - CHECK_DAYS, renewal))
                chain.reverse()
            for issued, renewal in chain:
                pk = ctx.ids(BackgroundCheck, 1).start
                recorded = _at_ordinal(min(issued + rng.randint(0, 14), today), 9)
                number = f"{(pk * 7_919_371 + ctx.seed * 104_729) % 10**12:012d}"
                checks.add(
                    (pk, recorded, recorded, staff, kind, number, _day(issued), _day(renewal))
                )
        for staff in ctx.staff.get(role, ()):
            for course, valid_days, share in COURSES:
                if rng.random() >= share:
                    continue
                completed = today - rng.randint(1, 4 * 365)
                expires = _day(completed + valid_days) if valid_days else None
                recorded = _at_ordinal(completed, 16)
                pk = ctx.ids(TrainingRecord, 1).start
                training.add((pk, recorded, recorded, staff, course, _day(completed), expires))
    for champion in ctx.staff.get(Role.BOARD_MEMBER, ()):
        if rng.random() < 0.5:
            completed = today - rng.randint(1, 3 * 365)
            recorded = _at_ordinal(completed, 16)
            pk = ctx.ids(TrainingRecord, 1).start
            training.add(
                (
                    pk,
                    recorded,
                    recorded,
                    champion,
                    "Participation Champion induction",
                    _day(completed),
                    None,
                )
            )


def concerns(ctx: Context) -> None:
    """Concerns raised at sessions by the staff who were there (and a few outside one), handled
    as ``concern_assign``, ``concern_decide`` and ``concern_close`` would: a decided or closed
    concern has a decision and a safeguarding lead; a local authority referral has its date and
    reference. Every time is before today, and most older concerns are closed."""
    rng = ctx.rng
    sink = ctx.writer.table(Concern, CONCERN_COLUMNS)
    # The session a concern was raised from is participation's link to it.
    from_session = ctx.writer.table(SessionConcern, ("concern_id", "session_id"))
    leads = ctx.staff[Role.SAFEGUARDING_LEAD]
    cutoff = _at(ctx.today, 0)
    yesterday = ctx.today.toordinal() - 1
    taken = set(Concern.objects.values_list("reference", flat=True))
    for number in range(ctx.scale.extra.get("concerns", 0)):
        pk = ctx.ids(Concern, 1).start
        session, day, raised_by, young_person = _raised(ctx, yesterday)
        happened, created, assigned_at, decided_at, closed_at = _times(ctx, day)
        recent = yesterday - day < RECENT_CONCERN_DAYS
        stage = rng.choices(_STAGES, _RECENT_WEIGHTS if recent else _OLDER_WEIGHTS)[0]
        reached = _STAGES.index(stage)
        # Nothing can have happened yet that would be after the start of today.
        for step, moment in enumerate((assigned_at, decided_at, closed_at), start=1):
            if moment >= cutoff:
                reached = min(reached, step - 1)
        decision, notes = rng.choices(_DECISIONS, _DECISION_WEIGHTS)[0]
        lead = rng.choice(leads)
        decided = reached >= 2
        referral = decided and decision in REFERRALS
        prefix = "CS" if decision == Concern.Decision.LOCAL_AUTHORITY_REFERRAL else "POL"
        updated = (created, assigned_at, decided_at, closed_at)[reached]
        sink.add(
            (
                pk,
                created,
                updated,
                young_person,
                raised_by,
                CONCERN_TEXTS[number % len(CONCERN_TEXTS)],
                happened,
                rng.choice(CONCERN_PRESENT),
                CONCERN_ACTION,
                CONCERN_TOLD,
                _STAGES[reached],
                lead if reached >= 1 else None,
                assigned_at if reached >= 1 else None,
                decision if decided else "",
                notes if decided else "",
                decided_at if decided else None,
                decided_at.date() if referral else None,
                f"{prefix}-{decided_at.year}-{pk:05d}" if referral else "",
                closed_at if reached >= 3 else None,
                concern_reference_for(pk, ctx.seed, taken),
                Concern.Source.STAFF,  # raised by staff: none by a young person in the portal
                "",
                None,
            )
        )
        if session is not None:
            from_session.add((pk, session))


def _times(ctx: Context, day: int) -> tuple[datetime.datetime, ...]:
    """When what a concern is about happened on ``day`` (an ordinal), and when it was then
    raised, assigned, decided and closed, if it got that far."""
    rng = ctx.rng
    happened = _at_ordinal(day, rng.randint(9, 17))
    created = happened + datetime.timedelta(hours=rng.randint(1, 5))
    assigned_at = created + datetime.timedelta(hours=rng.randint(1, 20))
    decided_at = assigned_at + datetime.timedelta(hours=rng.randint(4, 72))
    closed_at = decided_at + datetime.timedelta(days=rng.randint(1, 30))
    return happened, created, assigned_at, decided_at, closed_at


def _raised(ctx: Context, yesterday: int) -> tuple[int | None, int, int, int | None]:
    """Where a concern was raised: (session or None, day, by whom, about which young person or
    None). Mostly at a session before today, by who logged it, about someone who attended."""
    rng, sessions = ctx.rng, len(ctx.session_date)
    index = rng.randrange(sessions) if sessions else 0
    if sessions and ctx.session_date[index] <= yesterday and rng.random() < 0.9:
        there = ctx.attended[ctx.attended_start[index] : ctx.attended_start[index + 1]]
        young_person = None
        if there and (ctx.session_group[index] == 0 or rng.random() < 0.9):
            young_person = rng.choice(there)
        session = ctx.first_session_id + index
        return session, ctx.session_date[index], ctx.session_logged_by[index], young_person
    day = rng.randint(ctx.first_day.toordinal(), yesterday)
    raised_by = rng.choice(ctx.staff[Role.PARTICIPATION_OFFICER])
    person = ctx.young_people[rng.randrange(len(ctx.young_people))]
    return None, day, raised_by, None if person in ctx.erased else person


def concern_reference_for(pk: int, seed: int, taken: set[str]) -> str:
    """A concern's reference: fixed for its id and the seed, yet in no order and counting nothing
    (a hash, as ``new_concern_reference`` is random); hashed again past one already ``taken``."""
    attempt = 0
    while True:
        digest = hashlib.blake2b(f"{seed}:{pk}:{attempt}".encode(), digest_size=8).digest()
        number, chars = int.from_bytes(digest, "big"), []
        for _ in range(CONCERN_REFERENCE_LENGTH):
            number, digit = divmod(number, len(CONCERN_ALPHABET))
            chars.append(CONCERN_ALPHABET[digit])
        reference = "SC-" + "".join(chars)
        if reference not in taken:
            taken.add(reference)
            return reference
        attempt += 1


STEPS = (
    Step(
        "background checks and training",
        background_checks_and_training,
        (BackgroundCheck, TrainingRecord),
    ),
    Step("safeguarding concerns", concerns, (Concern, SessionConcern)),
)
