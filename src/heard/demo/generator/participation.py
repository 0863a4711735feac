"""Participation: every group's sessions, between its first visit and its close, and
individual reviews, with who attended, who was there from staff, methods and standards."""

from __future__ import annotations

import datetime

from heard.core.roles import HearByRightStandard, Role
from heard.demo.generator.context import Context, Step, _at
from heard.demo.generator.sinks import stamped
from heard.participation.models import (
    Attendance,
    Degree,
    Method,
    ParticipationType,
    Session,
    Standard,
)

GROUP_SESSION_KINDS = (
    (Session.Kind.VISIT, 35),
    (Session.Kind.GROUP_SESSION, 35),
    (Session.Kind.MEETING, 12),
    (Session.Kind.EVENT, 8),
    (Session.Kind.CONSULTATION, 6),
    (Session.Kind.PANEL, 4),
)
DEGREES = (
    (Degree.CONSULTED_INFORMED, 30),
    (Degree.ASSIGNED_INFORMED, 10),
    (Degree.ADULT_INITIATED_SHARED, 35),
    (Degree.CYP_INITIATED_SHARED, 18),
    (Degree.CYP_INITIATED_DIRECTED, 7),
)
ATTENDANCE_STATUSES = (
    (Attendance.Status.ATTENDED, 85),
    (Attendance.Status.APOLOGIES, 10),
    (Attendance.Status.ABSENT, 5),
)
#: The share of sessions that are individual (a young person's own review), not a group's.
INDIVIDUAL_SHARE = 0.15

SESSION_COLUMNS = stamped(
    "date kind title group_id young_person_id organisation_id partner_staff_present degree "
    "participation_type notes monitoring_form_complete logged_by_id"
)


def sessions(ctx: Context) -> None:
    rng, scale, today = ctx.rng, ctx.scale, ctx.today
    ctx.methods = list(Method.objects.order_by("pk").values_list("pk", flat=True))
    ctx.standards = list(
        Standard.objects.filter(code__in=HearByRightStandard.values)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    writer = ctx.writer
    sink = writer.table(Session, SESSION_COLUMNS)
    attendance = writer.table(Attendance, ("session_id", "young_person_id", "status"))
    staff_present = writer.table(Session.staff_present.through, ("session_id", "user_id"))
    methods = writer.table(Session.methods.through, ("session_id", "method_id"))
    standards = writer.table(Session.standards.through, ("session_id", "standard_id"))
    themes_sink = writer.table(Session.themes.through, ("session_id", "theme_id"))

    individual = round(scale.sessions * INDIVIDUAL_SHARE)
    visited = [plan for plan in ctx.groups if plan.visits_from is not None]
    weights = [max((plan.visits_until - plan.visits_from).days, 1) for plan in visited]  # type: ignore[operator]
    total_weight = sum(weights)
    group_total = scale.sessions - individual if visited else 0
    individual = scale.sessions - group_total
    per_group = [group_total * weight // total_weight for weight in weights]
    for index in rng.sample(range(len(visited)), group_total - sum(per_group)) if visited else ():
        per_group[index] += 1
    group_attendances = max(scale.attendances - individual, 0)
    # Some sessions have fewer members present than the average asks for: aim a little higher.
    average = 1.1 * group_attendances / max(group_total, 1)
    recent = (today - datetime.timedelta(days=60)).toordinal()
    ids = iter(ctx.ids(Session, scale.sessions))
    ctx.first_session_id = ctx._next_ids[Session] - scale.sessions
    officers = ctx.staff[Role.PARTICIPATION_OFFICER]
    status_values = [status for status, _ in ATTENDANCE_STATUSES]
    status_weights = [weight for _, weight in ATTENDANCE_STATUSES]
    kind_values = [kind for kind, _ in GROUP_SESSION_KINDS]
    kind_weights = [weight for _, weight in GROUP_SESSION_KINDS]
    degree_values = [degree for degree, _ in DEGREES]
    degree_weights = [weight for _, weight in DEGREES]
    kind_labels = dict(Session.Kind.choices)

    attended, attended_start = ctx.attended, ctx.attended_start
    attended_status = Attendance.Status.ATTENDED

    def common(pk: int, day: datetime.date, group_themes: list[int], staff: list[int]) -> None:
        ctx.session_logged_by.append(staff[0])
        for user in staff:
            staff_present.add((pk, user))
        for method in rng.sample(ctx.methods, rng.randint(1, 3)):
            methods.add((pk, method))
        for standard in rng.sample(ctx.standards, rng.randint(0, 2)):
            standards.add((pk, standard))
        for theme in group_themes:
            if rng.random() < 0.6:
                themes_sink.add((pk, theme))
        ctx.session_date.append(day.toordinal())

    for plan, count in zip(visited, per_group, strict=True):
        first = plan.visits_from.toordinal()  # type: ignore[union-attr]
        last = plan.visits_until.toordinal()
        days = sorted(rng.randint(first, last) for _ in range(count))
        for ordinal in days:
            pk = next(ids)
            day = datetime.date.fromordinal(ordinal)
            kind = rng.choices(kind_values, kind_weights)[0]
            complete = rng.random() < (0.6 if ordinal >= recent else 0.93)
            staff = rng.sample(plan.leads, 1) + (
                [rng.choice(officers)] if rng.random() < 0.3 else []
            )
            staff = list(dict.fromkeys(staff))
            created = _at(day)
            sink.add(
                (
                    pk,
                    created,
                    created,
                    day,
                    kind,
                    kind_labels[kind],
                    plan.id,
                    None,
                    plan.host,
                    "",
                    rng.choices(degree_values, degree_weights)[0],
                    ParticipationType.PUBLIC if rng.random() < 0.7 else ParticipationType.SOCIAL,
                    "",
                    complete,
                    staff[0],
                )
            )
            present = [
                person
                for person, joined, left in plan.members
                if joined <= ordinal and (left is None or left >= ordinal)
            ]
            wanted = min(len(present), max(1, round(rng.uniform(average - 3, average + 3))))
            attended_start.append(len(attended))
            for person in rng.sample(present, wanted):
                status = rng.choices(status_values, status_weights)[0]
                attendance.add((pk, person, status))
                if status == attended_status:
                    attended.append(person)
            common(pk, day, plan.themes, staff)
            ctx.session_group.append(plan.id)

    span_first, span_last = ctx.first_day.toordinal(), today.toordinal()
    for _ in range(individual):
        pk = next(ids)
        index = rng.randrange(len(ctx.young_people))
        person = ctx.young_people[index]
        while person in ctx.erased:
            index = rng.randrange(len(ctx.young_people))
            person = ctx.young_people[index]
        ordinal = rng.randint(span_first, span_last)
        day = datetime.date.fromordinal(ordinal)
        staff = [rng.choice(officers)]
        created = _at(day)
        sink.add(
            (
                pk,
                created,
                created,
                day,
                Session.Kind.ONE_TO_ONE_REVIEW,
                "Review",
                None,
                person,
                ctx.young_person_organisation[index],
                "",
                rng.choices(degree_values, degree_weights)[0],
                ParticipationType.INDIVIDUAL,
                "",
                rng.random() < (0.6 if ordinal >= recent else 0.93),
                staff[0],
            )
        )
        attendance.add((pk, person, Attendance.Status.ATTENDED))
        attended_start.append(len(attended))
        attended.append(person)
        common(pk, day, [], staff)
        ctx.session_group.append(0)
    attended_start.append(len(attended))


#: Session's tables, parents first.
SESSION_TABLES = (
    Session,
    Attendance,
    Session.staff_present.through,
    Session.methods.through,
    Session.standards.through,
    Session.themes.through,
)
STEPS = (Step("sessions", sessions, SESSION_TABLES),)
