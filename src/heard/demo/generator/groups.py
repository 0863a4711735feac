"""Groups: themes and their quarterly reviews, and groups that walk their lifecycle
(``Group.TRANSITIONS``) with their leads, themes and members."""

from __future__ import annotations

import datetime
from collections import Counter

from heard.core.roles import Role
from heard.demo.data import CADENCES, GROUP_KINDS, GROUP_STAGES
from heard.demo.generator.context import PLACES, Context, GroupPlan, Step, _at, _weighted
from heard.demo.generator.sinks import TableSink, stamped
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview

THEME_TOPICS = (
    "Mental health",
    "Staying safe",
    "A fair life",
    "Enjoying education and leisure",
    "Youth justice and anti-social behaviour",
    "Asylum and trafficking",
    "Transport and getting around",
    "Leaving care",
    "Young carers",
    "Online safety",
    "Climate and green spaces",
    "Cost of living",
    "Health services",
    "Jobs and training",
)

FIRST_VISIT = Group.Stage.FIRST_VISIT
LIFECYCLE = (
    Group.Stage.PROPOSED,
    Group.Stage.FIRST_VISIT,
    Group.Stage.PLANNING,
    Group.Stage.ESTABLISHED,
    Group.Stage.ACTIVE,
)


def period_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


THEME_COLUMNS = stamped("title period lead_id status description")
REVIEW_COLUMNS = stamped("theme_id date summary decision reviewed_by_id")


def themes(ctx: Context) -> None:
    rng = ctx.rng
    sink = ctx.writer.table(Theme, THEME_COLUMNS)
    reviews = ctx.writer.table(ThemeReview, REVIEW_COLUMNS)
    leads = ctx.staff[Role.THEME_LEAD]
    reviewers = ctx.staff[Role.PARTICIPATION_LEAD]
    for offset in range(ctx.scale.years):
        year = ctx.current_year_start - offset
        titles = rng.sample(THEME_TOPICS, ctx.scale.themes_per_year)
        for number, (pk, title) in enumerate(zip(ctx.ids(Theme, len(titles)), titles, strict=True)):
            lead = leads[(offset * len(titles) + number) % len(leads)]
            current = offset == 0
            status = (
                (Theme.Status.PROPOSED if number == len(titles) - 1 else Theme.Status.ACTIVE)
                if current
                else Theme.Status.CLOSED
            )
            created = _at(datetime.date(year, 3, 1), 9)
            sink.add(
                (
                    pk,
                    created,
                    created,
                    title,
                    period_label(year),
                    lead,
                    status,
                    f"{title}: what children and young people told us matters most.",
                )
            )
            ctx.themes.append((pk, year, lead))
            ctx.theme_titles[pk] = title
            if status != Theme.Status.PROPOSED:
                _reviews(ctx, reviews, pk, year, reviewers)


def _reviews(ctx: Context, sink: TableSink, theme: int, year: int, reviewers: list[int]) -> None:
    """A theme's quarterly reviews, up to today; the last of its year closes it."""
    rng = ctx.rng
    for quarter in range(4):
        day = (
            datetime.date(year, 6 + 3 * quarter, 28)
            if quarter < 3
            else (datetime.date(year + 1, 3, 28))
        )
        if day > ctx.today:
            break
        decision = (
            ThemeReview.Decision.CLOSE
            if quarter == 3
            else _weighted(
                rng, ((ThemeReview.Decision.CONTINUE, 8), (ThemeReview.Decision.CHANGE, 2))
            )
        )
        sink.add(
            (
                ctx.ids(ThemeReview, 1).start,
                _at(day),
                _at(day),
                theme,
                day,
                f"Quarter {quarter + 1}: progress reviewed with the young people.",
                decision,
                rng.choice(reviewers),
            )
        )


#: ``last_session_on`` is written as NULL, then set from the sessions by ``summaries.rebuild``.
GROUP_COLUMNS = stamped(
    "name kind host_organisation_id stage stage_changed_on start_date planned_end_date cadence "
    "description last_session_on"
)
TRANSITION_COLUMNS = ("group_id", "from_stage", "to_stage", "date", "note", "by_id", "created_at")
MEMBERSHIP_COLUMNS = stamped("group_id young_person_id joined_on left_on")


def groups(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    sink = ctx.writer.table(Group, GROUP_COLUMNS)
    leads_sink = ctx.writer.table(Group.leads.through, ("group_id", "user_id"))
    links = ctx.writer.table(GroupTheme, ("group_id", "theme_id", "relationship"))
    transitions = ctx.writer.table(StageTransition, TRANSITION_COLUMNS)
    memberships = ctx.writer.table(Membership, MEMBERSHIP_COLUMNS)
    lead_pool = ctx.staff[Role.PARTICIPATION_OFFICER] + ctx.staff[Role.THEME_LEAD]
    span = (today - ctx.first_day).days
    kind_labels = dict(Group.Kind.choices)
    numbers: Counter[str] = Counter()
    for pk in ctx.ids(Group, ctx.scale.groups):
        kind = _weighted(rng, GROUP_KINDS)
        host = rng.choices(ctx.organisations, ctx.organisation_weights)[0]
        stage = _weighted(rng, GROUP_STAGES)
        proposed_on = ctx.ago(rng.randint(30, span))
        path, days = _lifecycle(ctx, stage, proposed_on)
        # The group starts with its first visit; a group never visited has no start date yet.
        start = days[path.index(FIRST_VISIT)] if FIRST_VISIT in path else None
        planned_end = _planned_end(ctx, kind, start)
        numbers[kind] += 1
        place = PLACES[rng.randrange(len(PLACES))]
        created = _at(proposed_on, 11)
        sink.add(
            (
                pk,
                created,
                _at(days[-1], 11),
                f"{place} {kind_labels[kind]} {numbers[kind]}",
                kind,
                host,
                path[-1],
                days[-1],
                start,
                planned_end,
                _weighted(rng, CADENCES),
                f"A {kind_labels[kind].lower()} hosted in {place}.",
                None,
            )
        )
        _transitions(ctx, transitions, pk, path, days)
        group_leads = rng.sample(lead_pool, rng.randint(1, 2))
        for lead in group_leads:
            leads_sink.add((pk, lead))
        group_themes = _themes(ctx, links, pk, (start or proposed_on).year)
        closed = path[-1] == Group.Stage.CLOSED
        plan = GroupPlan(
            id=pk,
            kind=kind,
            host=host,
            stage=path[-1],
            start=start or proposed_on,
            visits_from=start,
            visits_until=days[-1] if closed else today,
            leads=group_leads,
            themes=group_themes,
        )
        if start is not None:
            _members(ctx, plan, memberships, closed=closed)
        ctx.groups.append(plan)


def _lifecycle(
    ctx: Context, stage: str, proposed_on: datetime.date
) -> tuple[list[str], list[datetime.date]]:
    """The stages a group walked from "proposed" up to its final ``stage``, a few weeks per
    step, and the day it reached each."""
    rng, today = ctx.rng, ctx.today
    if stage in LIFECYCLE:
        path: list[str] = [*LIFECYCLE[: LIFECYCLE.index(stage) + 1]]
    else:
        path = [*LIFECYCLE[: rng.randint(1, len(LIFECYCLE))], Group.Stage.CLOSED]
    days = [proposed_on]
    for _ in path[1:]:
        days.append(min(days[-1] + datetime.timedelta(days=rng.randint(7, 60)), today))
    if path[-1] == Group.Stage.CLOSED:
        days[-1] = min(
            max(days[-1], days[-2] + datetime.timedelta(days=rng.randint(120, 700))), today
        )
    return path, days


def _planned_end(ctx: Context, kind: str, start: datetime.date | None) -> datetime.date | None:
    """When a group that has started means to end: a Buddy Group within its year, a few others
    in one to three years."""
    rng = ctx.rng
    if start is not None and kind == Group.Kind.BUDDY_GROUP:
        return start + datetime.timedelta(days=rng.randint(180, Group.BUDDY_GROUP_MAX_DAYS))
    if start is not None and rng.random() < 0.2:
        return start + datetime.timedelta(days=rng.randint(365, 1100))
    return None


def _transitions(
    ctx: Context, sink: TableSink, group: int, path: list[str], days: list[datetime.date]
) -> None:
    """The stage transitions of the group's ``path``, all by one participation officer."""
    by = ctx.rng.choice(ctx.staff[Role.PARTICIPATION_OFFICER])
    sink.add((group, "", Group.Stage.PROPOSED, days[0], "Proposed.", by, _at(days[0], 11)))
    for before, after, day in zip(path, path[1:], days[1:], strict=False):
        sink.add((group, before, after, day, "", by, _at(day, 12)))


def _themes(ctx: Context, sink: TableSink, group: int, year: int) -> list[int]:
    """One or two themes of about the group's first year that it works on or is affected by."""
    rng = ctx.rng
    candidates = [theme for theme in ctx.themes if abs(theme[1] - year) <= 1]
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))
    for theme, _year, _lead in chosen:
        relationship = _weighted(
            rng,
            ((GroupTheme.Relationship.WORKING_ON, 3), (GroupTheme.Relationship.AFFECTED_BY, 1)),
        )
        sink.add((group, theme, relationship))
    return [theme for theme, _year, _lead in chosen]


def _members(ctx: Context, plan: GroupPlan, sink: TableSink, *, closed: bool) -> None:
    """Members join on or after the group started; a closed group's members left when it closed."""
    rng = ctx.rng
    own = ctx.young_people_by_organisation.get(plan.host) or []
    wanted = rng.randint(8, 26)
    chosen: set[int] = set()
    for _ in range(wanted * 2):
        if len(chosen) >= wanted:
            break
        if own and rng.random() < 0.85:
            chosen.add(rng.choice(own))
        else:
            person = ctx.young_people[rng.randrange(len(ctx.young_people))]
            if person not in ctx.inactive:
                chosen.add(person)
    until = plan.visits_until
    window = max((until - plan.start).days, 0)
    for person in sorted(chosen):
        joined = plan.start + datetime.timedelta(days=rng.randint(0, window // 3))
        left: datetime.date | None = None
        if closed:
            left = until
        elif rng.random() < 0.1:
            left = joined + datetime.timedelta(days=rng.randint(0, max((until - joined).days, 0)))
        if left is not None and left < joined:
            left = joined
        pk = ctx.ids(Membership, 1).start
        sink.add((pk, _at(joined, 12), _at(left or joined, 12), plan.id, person, joined, left))
        plan.members.append(
            (person, joined.toordinal(), left.toordinal() if left is not None else None)
        )


STEPS = (
    Step("themes", themes, (Theme, ThemeReview)),
    Step("groups", groups, (Group, Group.leads.through, GroupTheme, StageTransition, Membership)),
)
