"""Load the demo partnership (data.py) through the services, as the system (actor=None).

Every record is validated and audited exactly as if a member of staff had entered it. The load
is one transaction: it happens completely or not at all. Every choice comes from one
``random.Random(DEMO_SEED)`` and every date is a number of days before ``today``, so two loads
produce the same records in the same numbers, whatever the day.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from heard.core.roles import Role
from heard.demo import data
from heard.demo.loader.audits import Audits
from heard.demo.loader.beyond_groups import SessionsBeyondGroups
from heard.demo.loader.consultations import Consultations
from heard.demo.loader.decisions import Decisions
from heard.demo.loader.groups import Groups
from heard.demo.loader.indicators import Indicators
from heard.demo.loader.involvement import Involvement
from heard.demo.loader.opportunities import Opportunities
from heard.demo.loader.people import People
from heard.demo.loader.plans import Plans
from heard.demo.loader.reports import Reports
from heard.demo.loader.resources import Resources
from heard.demo.loader.rewards import Rewards
from heard.demo.loader.sessions import Sessions
from heard.demo.loader.voice import Voices
from heard.participation import selectors as participation_selectors
from heard.people.models import Organisation, User, YoungPerson


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str
    password: str
    #: The authenticator-app key (base32) for roles that must use two-factor sign-in, else "".
    totp_secret: str = ""


@dataclass
class DemoSummary:
    """What a load did: ``created`` is False when the demo was already there (or was not loaded)."""

    created: bool
    logins: list[DemoLogin]
    counts: dict[str, int] = field(default_factory=dict)
    message: str = ""


def demo_logins() -> list[DemoLogin]:
    """One sign-in per role, in the order of the roles."""
    by_role = {spec.role: spec for spec in data.STAFF if spec.login}
    return [
        DemoLogin(
            spec.email,
            str(Role(spec.role).label),
            spec.full_name,
            data.DEMO_PASSWORD,
            demo_totp_secret() if spec.role in settings.HEARD_TWO_FACTOR_ROLES else "",
        )
        for role in Role
        if (spec := by_role.get(role)) is not None
    ]


def demo_totp_secret() -> str:
    """The demo's published two-factor key in base32, as authenticator apps take it."""
    return base64.b32encode(bytes.fromhex(data.DEMO_TOTP_KEY)).decode().rstrip("=")


def is_loaded() -> bool:
    return User.objects.filter(email__iexact=data.ADMIN_EMAIL).exists()


def load_demo(*, today: datetime.date) -> DemoSummary:
    """Load the demo partnership unless it is already there. Safe to run at every start."""
    logins = demo_logins()
    if is_loaded():
        return DemoSummary(
            created=False, logins=logins, message="The demo partnership is already loaded."
        )
    if Organisation.objects.exists() or YoungPerson.objects.exists():
        return DemoSummary(
            created=False,
            logins=[],
            message="This database already holds organisations or young people that are not the "
            "demo's: the demo partnership was not loaded.",
        )
    with transaction.atomic():
        builder = _Builder(today=today)
        builder.build()
    return DemoSummary(
        created=True,
        logins=logins,
        counts=dict(builder.counts),
        message="Loaded the demo partnership.",
    )


class _Builder(
    People,
    Groups,
    Sessions,
    Voices,
    Indicators,
    Plans,
    Involvement,
    Audits,
    SessionsBeyondGroups,
    Reports,
    Opportunities,
    Resources,
    Consultations,
    Decisions,
    Rewards,
):
    """Builds the demo partnership, in the order its records depend on each other."""

    def build(self) -> None:
        self.methods = {method.name: method for method in participation_selectors.methods_all()}
        # Staff without an organisation first, so board members can champion organisations.
        for spec in data.STAFF:
            if spec.organisation is None:
                self._staff(spec)
        for org_spec in data.ORGANISATIONS:
            self._organisation(org_spec)
        for spec in data.STAFF:
            if spec.organisation is not None:
                self._staff(spec)
        for number, spec in enumerate(data.STAFF, start=1):
            self._checks(number, spec)
        for theme_spec in data.THEMES:
            self._theme(theme_spec)
        for group_spec in data.GROUPS:
            self._group(group_spec)
        self._consents()
        for group_spec in data.GROUPS:
            self._sessions(group_spec)
        self._one_to_one_reviews()
        for number, voice_spec in enumerate(data.VOICES):
            self._voices(number, voice_spec)
        self._indicators()
        self._plans()
        self._involvement()
        self._audits()
        self._sessions_beyond_groups()  # issue 18: last, so nothing above is reshuffled
        self._reports()  # issue 18 (M22): after every record it reports on
        self._consultations()  # issue 19 (M9): consultations and the Have Your Say survey
        self._rewards()  # issue 19 (M16): recognition, hours, claims and invoices
        self._decisions()  # issue 19 (M17): budget rounds, theme votes and a decision told
        self._opportunities()  # issue 19 (M18): opportunities, sign-ups, attendance from one
        self._resources()  # issue 19 (M20): the resources library, one used by a session
