"""Voice, closing the loop: responses to views, feedback to those who gave them, and their
ratings, as ``response_record``, ``feedback_record`` and ``rating_give`` would leave them."""

from __future__ import annotations

from dataclasses import dataclass

from heard.core.roles import Role
from heard.demo.generator.context import EMAIL_DOMAIN, Context, Worker, _at_ordinal, _day
from heard.demo.generator.sinks import stamped
from heard.demo.generator.voice_texts import DECISION_MAKERS, RATING_COMMENTS, RESPONSE_TEXTS
from heard.voice.models import Feedback, Rating, Response, View
from heard.voice.readability import reading_age

RESPONSE_COLUMNS = stamped(
    "decision_maker outcome explanation plain_language date evidence_link written_by_id "
    "awaiting_feedback reading_age"
)
FEEDBACK_COLUMNS = stamped("response_id date channel given_by_id notes")
RATING_COLUMNS = ("response_id", "young_person_id", "value", "comment", "created_at", "updated_at")
FEEDBACK_CHANNELS = (
    (Feedback.Channel.IN_PERSON, 45),
    (Feedback.Channel.VIA_PARTNER, 25),
    (Feedback.Channel.PORTAL, 20),
    (Feedback.Channel.LETTER, 10),
)
FEEDBACK_NOTES = {
    Feedback.Channel.IN_PERSON: "Told at the group's next session.",
    Feedback.Channel.VIA_PARTNER: "Their youth worker passed it on.",
    Feedback.Channel.PORTAL: "",
    Feedback.Channel.LETTER: "Sent with the newsletter.",
}
RATING_VALUES = (
    (Rating.Value.HELPFUL, 60),
    (Rating.Value.NOT_SURE, 25),
    (Rating.Value.NOT_HELPFUL, 15),
)
#: Views older than this (the partnership's default target) are mostly answered (about 70%).
OLDER_VIEW_DAYS = 60


@dataclass(slots=True)
class ViewPlan:
    """One view while its loop is worked out, before its row is written."""

    pk: int
    kind: str
    text: str
    named: tuple[int, ...]
    group: int | None
    anonymous: bool
    consent: str
    themes: list[int]
    #: The last day (ordinal) anything happened to it: the day it was given, to begin with.
    updated: int
    status: str = View.Status.OPEN
    responded_on: int = 0
    fed_back_on: int = 0


class Loop(Worker):
    """Writes the responses, feedback and ratings of the views a ``voice`` step makes."""

    def __init__(self, ctx: Context, plans: dict) -> None:
        super().__init__(ctx)
        writer = ctx.writer
        # Parents first: tables are loaded in the order they are first asked for.
        self.responses = writer.table(Response, RESPONSE_COLUMNS)
        self.response_views = writer.table(Response.views.through, ("response_id", "view_id"))
        self.feedback = writer.table(Feedback, FEEDBACK_COLUMNS)
        self.feedback_people = writer.table(
            Feedback.young_people.through, ("feedback_id", "youngperson_id")
        )
        self.feedback_groups = writer.table(Feedback.groups.through, ("feedback_id", "group_id"))
        self.ratings = writer.table(Rating, RATING_COLUMNS)
        self.plans = plans
        self.theme_lead = {theme: lead for theme, _year, lead in ctx.themes}
        self.officers = ctx.staff[Role.PARTICIPATION_OFFICER]
        partner_workers = ctx.staff[Role.PARTNER_WORKER]
        self.partner_worker = {
            organisation: partner_workers[index]
            for index, organisation in enumerate(ctx.organisations)
            if index < len(partner_workers)
        }
        self.members: dict[int, dict[int, tuple[int, int | None]]] = {}
        self.next_response = ctx.ids(Response, 0).start
        self.next_feedback = ctx.ids(Feedback, 0).start
        self.first_response, self.first_feedback = self.next_response, self.next_feedback
        self.outcomes = [(outcome, texts) for outcome, _, texts in RESPONSE_TEXTS]
        self.outcome_weights = [weight for _, weight, _ in RESPONSE_TEXTS]
        #: Each plain-language text's reading age, as ``response_record`` stores it.
        self.reading_ages = {
            plain: reading_age(plain) for _, _, texts in RESPONSE_TEXTS for _, plain in texts
        }
        self.channels = [channel for channel, _ in FEEDBACK_CHANNELS]
        self.channel_weights = [weight for _, weight in FEEDBACK_CHANNELS]
        self.rating_values = [value for value, _ in RATING_VALUES]
        self.rating_weights = [weight for _, weight in RATING_VALUES]

    def answer(self, views: list[ViewPlan], day: int, group: int, organisation: int) -> None:
        """Some of one session's views answered, one to three to a response: older views more
        often."""
        rng = self.rng
        age = self.today - day
        share = 0.7 if age > OLDER_VIEW_DAYS else (0.3 if age > 14 else 0.05)
        waiting = [view for view in views if rng.random() < share]
        while waiting:
            draw = rng.random()
            size = 1 if draw < 0.6 else (2 if draw < 0.9 else 3)
            self.respond(waiting[:size], day, group, organisation)
            waiting = waiting[size:]

    def finish(self) -> None:
        """Reserve the ids written, past any later step's."""
        self.ctx.ids(Response, self.next_response - self.first_response)
        self.ctx.ids(Feedback, self.next_feedback - self.first_feedback)

    def respond(self, views: list[ViewPlan], day: int, group: int, organisation: int) -> None:
        """``response_record``: open views, answered on or after the day they were given."""
        rng = self.rng
        pk = self.next_response
        self.next_response += 1
        date = rng.randint(min(day + 3, self.today), min(day + 120, self.today))
        outcome, texts = rng.choices(self.outcomes, self.outcome_weights)[0]
        explanation, plain = rng.choice(texts)
        maker = rng.choice(DECISION_MAKERS)
        themes = views[0].themes
        written_by = (
            self.theme_lead[themes[0]]
            if themes and rng.random() < 0.6
            else rng.choice(self.officers)
        )
        link = f"https://{EMAIL_DOMAIN}/evidence/{pk}" if rng.random() < 0.2 else ""
        at = _at_ordinal(date, 19)
        fed_back = rng.random() < (0.85 if self.today - date > 14 else 0.35)
        self.responses.add(
            (
                pk,
                at,
                at,
                maker,
                outcome,
                explanation.format(maker=maker),
                plain,
                _day(date),
                link,
                written_by,
                not fed_back,  # awaiting_feedback: its views stay responded
                self.reading_ages[plain],
            )
        )
        for view in views:
            self.response_views.add((pk, view.pk))
            view.status = View.Status.RESPONDED
            view.responded_on = view.updated = date
        if fed_back:
            self.feed_back(pk, date, views, group, organisation, written_by)

    def feed_back(
        self,
        response: int,
        date: int,
        views: list[ViewPlan],
        group: int,
        organisation: int,
        written_by: int,
    ) -> None:
        """``feedback_record``: to those who gave the views (named young people, the group the
        views came from), on or after the response; its views move to fed back."""
        rng = self.rng
        named = sorted({person for view in views for person in view.named})
        groups = sorted(
            {view.group for view in views if view.group} | ({group} if group else set())
        )
        to_groups = groups if groups and (not named or rng.random() < 0.7) else []
        to_people = named if named and (not to_groups or rng.random() < 0.6) else []
        day = date + rng.randint(0, min(45, self.today - date))
        self.deliver(response, day, to_people, to_groups, organisation, written_by)
        for view in views:
            view.status = View.Status.FED_BACK
            view.fed_back_on = view.updated = day
        if rng.random() < 0.08:
            again = day + rng.randint(0, min(30, self.today - day))
            self.deliver(response, again, to_people, to_groups, organisation, written_by)
        if rng.random() < 0.35:
            self.rate(response, day, views)

    def deliver(
        self,
        response: int,
        day: int,
        people: list[int],
        groups: list[int],
        organisation: int,
        written_by: int,
    ) -> None:
        rng = self.rng
        pk = self.next_feedback
        self.next_feedback += 1
        channel = rng.choices(self.channels, self.channel_weights)[0]
        given_by = (
            self.partner_worker.get(organisation, written_by)
            if channel == Feedback.Channel.VIA_PARTNER
            else written_by
        )
        at = _at_ordinal(day, 20)
        self.feedback.add(
            (pk, at, at, response, _day(day), channel, given_by, FEEDBACK_NOTES[channel])
        )
        for person in people:
            self.feedback_people.add((pk, person))
        for group in groups:
            self.feedback_groups.add((pk, group))

    def memberships(self, group: int) -> dict[int, tuple[int, int | None]]:
        found = self.members.get(group)
        if found is None:
            found = self.members[group] = {
                person: (joined, left) for person, joined, left in self.plans[group].members
            }
        return found

    def rate(self, response: int, fed_back: int, views: list[ViewPlan]) -> None:
        """``rating_give`` by young people whose views these are: named in one, or a current
        member of a group that gave one. Their views move from fed back to rated."""
        rng = self.rng
        day = fed_back + rng.randint(0, min(30, self.today - fed_back))
        groups = {view.group: self.memberships(view.group) for view in views if view.group}
        candidates = {person for view in views for person in view.named}
        for members in groups.values():
            candidates.update(
                person
                for person, (joined, left) in members.items()
                if left is None and joined <= day
            )

        def settled(person: int) -> bool:
            """A member of the views' groups (if at all) on the day and still: what counted
            then is what counts now."""
            for members in groups.values():
                membership = members.get(person)
                if membership is not None and (membership[1] is not None or membership[0] > day):
                    return False
            return True

        raters = sorted(person for person in candidates if settled(person))
        if not raters:
            return
        at = _at_ordinal(day, 21)
        for person in rng.sample(raters, min(len(raters), rng.randint(1, 3))):
            value = rng.choices(self.rating_values, self.rating_weights)[0]
            comment = rng.choice(RATING_COMMENTS) if rng.random() < 0.2 else ""
            self.ratings.add((response, person, value, comment, at, at))
            for view in views:
                theirs = person in view.named or (
                    view.group is not None and person in groups[view.group]
                )
                if theirs and view.status == View.Status.FED_BACK:
                    view.status = View.Status.RATED
                    view.updated = day
