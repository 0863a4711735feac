"""Voice: the views young people give at sessions (and a few outside any), as ``view_record``
would leave them; ``loop.py`` answers them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from heard.core.roles import Role
from heard.demo.generator.context import Context, Step, Worker, _at_ordinal, _day, _year_start
from heard.demo.generator.loop import OLDER_VIEW_DAYS, Loop, ViewPlan
from heard.demo.generator.sinks import stamped
from heard.demo.generator.voice_texts import VIEW_TEXTS
from heard.voice.models import Feedback, Rating, Response, View

__all__ = ["OLDER_VIEW_DAYS", "VIEW_COLUMNS", "voice"]

VIEW_COLUMNS = stamped(
    "kind text session_id organisation_id recorded_on group_id is_anonymous consent status "
    "responded_on fed_back_on recorded_by_id"
)
#: How a view may be used: for a whole group's or an anonymous view, and the weights of each
#: consent for named young people (allowed only by their own current consents).
GROUP_CONSENTS = (
    (View.Consent.INTERNAL, 35),
    (View.Consent.QUOTE_ANONYMOUSLY, 35),
    (View.Consent.PUBLISH, 30),
)
SESSION_LESS_VIEW_SHARE = 0.03


class Given(NamedTuple):
    """Where views were given: a session (None outside any), its day (ordinal), its group (0 for
    none), organisation, the young people there, who recorded them, and the themes to pick from
    (a group's; none for others, who take one of the year's)."""

    session: int | None
    day: int
    group: int
    organisation: int
    there: list[int]
    recorded_by: int
    pool: list[int]


class _Voice(Worker):
    """Views from sessions and what was done about them, as the voice services would leave them."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        writer = ctx.writer
        # Parents first: tables are loaded in the order they are first asked for.
        self.views = writer.table(View, VIEW_COLUMNS)
        self.view_themes = writer.table(View.themes.through, ("view_id", "theme_id"))
        self.view_people = writer.table(View.young_people.through, ("view_id", "youngperson_id"))
        self.plans = {plan.id: plan for plan in ctx.groups}
        self.loop = Loop(ctx, self.plans)
        self.themes_by_year: dict[int, list[int]] = {}
        for theme, year, _lead in ctx.themes:
            self.themes_by_year.setdefault(year, []).append(theme)
        self.officers = ctx.staff[Role.PARTICIPATION_OFFICER]
        self.group_consents = [consent for consent, _ in GROUP_CONSENTS]
        self.group_consent_weights = [weight for _, weight in GROUP_CONSENTS]

    def run(self) -> None:
        ctx, rng = self.ctx, self.rng
        total = ctx.scale.extra.get("views", 0)
        sessions = len(ctx.session_date)
        if not total or not sessions:
            return
        session_less = round(total * SESSION_LESS_VIEW_SHARE)
        from_sessions = total - session_less
        # About one session in four hears views, two or three each on average.
        chosen = sorted(
            rng.sample(range(sessions), min(sessions, max(1, round(from_sessions / 2.5))))
        )
        per_session = [1] * len(chosen)
        for _ in range(from_sessions - len(chosen)):
            per_session[rng.randrange(len(chosen))] += 1
        view_ids = iter(ctx.ids(View, total))
        for index, count in zip(chosen, per_session, strict=True):
            self.session(view_ids, self.at_session(index), count)
        # A few views come from outside any session (a survey, a letter): one young person each.
        first, last = ctx.first_day.toordinal(), self.today
        for _ in range(session_less):
            index = rng.randrange(len(ctx.young_people))
            person = ctx.young_people[index]
            while person in ctx.inactive:
                index = rng.randrange(len(ctx.young_people))
                person = ctx.young_people[index]
            organisation = ctx.young_person_organisation[index]
            day = rng.randint(first, last)
            given = Given(None, day, 0, organisation, [person], rng.choice(self.officers), [])
            self.session(view_ids, given, 1)
        self.loop.finish()

    def at_session(self, index: int) -> Given:
        ctx = self.ctx
        group = ctx.session_group[index]
        there = ctx.attended[ctx.attended_start[index] : ctx.attended_start[index + 1]]
        if group:
            plan = self.plans[group]
            organisation, pool = plan.host, plan.themes
        else:
            organisation = ctx.young_person_organisation[there[0] - ctx.first_young_person_id]
            pool = []
        session, day = ctx.first_session_id + index, ctx.session_date[index]
        recorded_by = ctx.session_logged_by[index]
        return Given(session, day, group, organisation, list(there), recorded_by, pool)

    def session(self, view_ids: Iterator[int], given: Given, count: int) -> None:
        """The views given at one session (or outside any), their responses and their rows."""
        year_themes = self.themes_by_year.get(_year_start(given.day), []) if not given.group else []
        views = [self.view(next(view_ids), given, year_themes) for _ in range(count)]
        self.loop.answer(views, given.day, given.group, given.organisation)
        created = _at_ordinal(given.day, 18)
        recorded_on = _day(given.day)
        for view in views:
            updated = created if view.status == View.Status.OPEN else _at_ordinal(view.updated, 22)
            responded_on = _day(view.responded_on) if view.responded_on else None
            fed_back_on = _day(view.fed_back_on) if view.fed_back_on else None
            self.views.add(
                (view.pk, created, updated, view.kind, view.text, given.session)
                + (given.organisation, recorded_on, view.group, view.anonymous, view.consent)
                + (view.status, responded_on, fed_back_on, given.recorded_by)
            )
            for theme in view.themes:
                self.view_themes.add((view.pk, theme))
            for person in view.named:
                self.view_people.add((view.pk, person))

    def view(self, pk: int, given: Given, year_themes: list[int]) -> ViewPlan:
        """One view: what it says, who gave it (named young people, the group, or anonymous) and
        how it may be used."""
        rng, group, there = self.rng, given.group, given.there
        if group:
            themes = [theme for theme in given.pool if rng.random() < 0.6]
        else:
            themes = [rng.choice(year_themes)] if year_themes and rng.random() < 0.5 else []
        kind, text = rng.choice(
            VIEW_TEXTS.get(self.ctx.theme_titles[themes[0]] if themes else "") or VIEW_TEXTS[""]
        )
        named: tuple[int, ...] = ()
        giver_group: int | None = None
        anonymous = False
        if not group:
            named = (there[0],)
        else:
            draw = rng.random()
            if draw < 0.5 and there:
                wanted = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
                named = tuple(sorted(rng.sample(there, min(wanted, len(there)))))
            elif draw < 0.8:
                giver_group = group
            else:
                anonymous = True
                giver_group = group if rng.random() < 0.5 else None
        consent = (
            self.consent(named, given.day)
            if named
            else rng.choices(self.group_consents, self.group_consent_weights)[0]
        )
        return ViewPlan(pk, kind, text, named, giver_group, anonymous, consent, themes, given.day)

    def consent(self, named: tuple[int, ...], day: int) -> str:
        """How a named view may be used: only as its givers' current consents allow on the day,
        and never quoted once any of them withdrew quotes or publishing (``_stop_quoting``)."""
        ctx = self.ctx
        if any(person in ctx.stopped_quoting for person in named):
            return View.Consent.INTERNAL
        first = ctx.first_young_person_id
        draw = self.rng.random()
        if draw < 0.25 and all(0 < ctx.publishing_given[p - first] <= day for p in named):
            return View.Consent.PUBLISH
        if draw < 0.6 and all(0 < ctx.quotes_given[p - first] <= day for p in named):
            return View.Consent.QUOTE_ANONYMOUSLY if draw < 0.45 else View.Consent.QUOTE_FIRST_NAME
        return View.Consent.INTERNAL


def voice(ctx: Context) -> None:
    _Voice(ctx).run()


#: The voice step's tables, parents first.
VOICE_TABLES = (
    View,
    View.themes.through,
    View.young_people.through,
    Response,
    Response.views.through,
    Feedback,
    Feedback.young_people.through,
    Feedback.groups.through,
    Rating,
)
STEPS = (Step("views, responses, feedback and ratings", voice, VOICE_TABLES),)
