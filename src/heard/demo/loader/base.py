"""What the demo's builder knows as it goes: the records made so far, by their keys in
``data.py``, and the one random source every choice comes from."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from heard.demo import data
from heard.groups.models import Group, Membership, Theme
from heard.participation.models import Method
from heard.people.models import Organisation, User, YoungPerson


@dataclass
class _Member:
    young_person: YoungPerson
    membership: Membership
    joined_ago: int
    left_ago: int | None = None

    def member_on(self, days_ago: int) -> bool:
        return self.joined_ago >= days_ago and (self.left_ago is None or self.left_ago < days_ago)


class Base:
    """The builder's state, which every part (people, groups, sessions, voice) reads and adds to."""

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.rng = random.Random(data.DEMO_SEED)
        self.counts: Counter[str] = Counter()
        self.staff: dict[str, User] = {}
        self.organisations: dict[str, Organisation] = {}
        self.themes: dict[str, Theme] = {}
        self.theme_specs = {spec.title: spec for spec in data.THEMES}
        self.groups: dict[str, Group] = {}
        self.members: dict[str, list[_Member]] = {}
        self.group_count: Counter[int] = Counter()
        self.used_names: set[tuple[str, str, str]] = set()
        self.methods: dict[str, Method] = {}

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)
