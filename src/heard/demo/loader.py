"""Load the demo partnership (data.py) through the services, as the system (actor=None).

Every record is validated and audited exactly as if a member of staff had entered it. The load
is one transaction: it happens completely or not at all. Every choice comes from one
``random.Random(DEMO_SEED)`` and every date is a number of days before ``today``, so two loads
produce the same records in the same numbers, whatever the day.
"""

from __future__ import annotations

import base64
import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Min

from heard.core import two_factor
from heard.core.models import Partnership
from heard.core.roles import AgeBand, Role
from heard.demo import data
from heard.groups import services as group_services
from heard.groups.models import Group, Membership, Theme
from heard.groups.selectors import period_for
from heard.participation import selectors as participation_selectors
from heard.participation import services as participation_services
from heard.participation.models import Attendance, Method, ParticipationType, Session
from heard.people import services as people_services
from heard.people.models import Organisation, User, YoungPerson
from heard.privacy import selectors as privacy_selectors
from heard.privacy import services as privacy_services
from heard.privacy.models import Consent
from heard.safeguarding import services as safeguarding_services
from heard.voice import services as voice_services
from heard.voice.models import View


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
            Role(spec.role).label,
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


@dataclass
class _Member:
    young_person: YoungPerson
    membership: Membership
    joined_ago: int
    left_ago: int | None = None

    def member_on(self, days_ago: int) -> bool:
        return self.joined_ago >= days_ago and (self.left_ago is None or self.left_ago < days_ago)


class _Builder:
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

    # --- people ---------------------------------------------------------------------------------

    def _staff(self, spec: data.StaffSpec) -> None:
        organisation = self.organisations[spec.organisation] if spec.organisation else None
        self.staff[spec.email] = people_services.staff_create(
            actor=None,
            email=spec.email,
            full_name=spec.full_name,
            role=spec.role,
            organisation=organisation,
            password=data.DEMO_PASSWORD if spec.login else None,
            job_title=spec.job_title,
        )
        self.counts["staff"] += 1

    def _checks(self, number: int, spec: data.StaffSpec) -> None:
        """Staff who work with young people have had enhanced DBS checks all along (renewed every
        three years); one theme lead's is due within the month, for the "checks due" page."""
        staff = self.staff[spec.email]
        if spec.role == Role.BOARD_MEMBER:
            return
        three_years = datetime.timedelta(days=3 * 365)
        latest_issued = 1080 if spec.email == data.THEME_LEAD_EMAIL else 700
        for issued_ago in (1790, latest_issued):
            issued_on = self.ago(issued_ago)
            safeguarding_services.background_check_record(
                actor=None,
                staff=staff,
                certificate_number=f"{number:04d}{issued_ago:08d}",
                issued_on=issued_on,
                renewal_due=issued_on + three_years,
            )
            self.counts["background_checks"] += 1
        if spec.login:
            safeguarding_services.training_record_add(
                actor=None,
                staff=staff,
                course="Child protection training (level 1)",
                completed_on=self.ago(200),
                expires_on=self.ago(200) + three_years,
            )
            self.counts["training_records"] += 1
            if spec.role in settings.HEARD_TWO_FACTOR_ROLES:
                two_factor.totp_device_install(actor=None, user=staff, key=data.DEMO_TOTP_KEY)

    def _organisation(self, spec: data.OrganisationSpec) -> None:
        self.organisations[spec.key] = people_services.organisation_create(
            actor=None,
            name=spec.name,
            kind=spec.kind,
            area=spec.area,
            contact_name=spec.contact_name,
            contact_email=spec.contact_email,
            contact_phone=spec.contact_phone,
            champions=[self.staff[email] for email in spec.champions],
            notes=spec.notes,
        )
        self.counts["organisations"] += 1

    def _young_person(self, spec: data.GroupSpec) -> YoungPerson:
        rng = self.rng
        band = rng.choice(spec.bands)
        organisation_key = rng.choice(spec.supporters or (spec.host,))
        first_name = rng.choice(data.FIRST_NAMES)
        # Never the same first name, band and organisation twice: the register's duplicate check.
        while (first_name.lower(), band, organisation_key) in self.used_names:
            first_name = rng.choice(data.FIRST_NAMES)
        self.used_names.add((first_name.lower(), band, organisation_key))
        last_name = rng.choice(data.LAST_NAMES)
        preferred = data.PREFERRED_NAMES.get(first_name, "") if rng.random() < 0.5 else ""
        communication_needs, access_needs = (
            rng.choice(spec.needs) if rng.random() < spec.needs_rate else ("", "")
        )
        older = band in (AgeBand.AGE_16_17, AgeBand.AGE_18_25)
        contact = (
            rng.choice(
                (
                    YoungPerson.ContactPreference.VIA_WORKER,
                    YoungPerson.ContactPreference.TEXT,
                    YoungPerson.ContactPreference.EMAIL,
                )
            )
            if older
            else YoungPerson.ContactPreference.VIA_WORKER
        )
        organisation = self.organisations[organisation_key]
        young_person = people_services.young_person_create(
            actor=None,
            first_name=first_name,
            last_name=last_name,
            preferred_name=preferred,
            age_band=band,
            organisation=organisation,
            area=organisation.area,
            communication_needs=communication_needs,
            access_needs=access_needs,
            contact_preference=contact,
        )
        self.counts["young_people"] += 1
        return young_person

    def _consents(self) -> None:
        """``data.CONSENT_PURPOSES`` for everyone (and photographs for most), given when they first
        joined a group, through the privacy service: a view may be quoted or published only with
        the consent of those who gave it. No random choices, so nothing else in the demo moves."""
        first_joined = dict(
            Membership.objects.values("young_person_id")
            .annotate(first=Min("joined_on"))
            .values_list("young_person_id", "first")
        )
        under = Partnership.current().parent_consent_under_age
        for number, young_person in enumerate(YoungPerson.objects.order_by("pk"), start=1):
            given_on = first_joined.get(young_person.pk, self.today)
            given_by = (
                Consent.GivenBy.PARENT_OR_CARER
                if privacy_selectors.may_be_under(young_person, under, on=given_on)
                else Consent.GivenBy.YOUNG_PERSON
            )
            purposes = list(data.CONSENT_PURPOSES)
            if number % data.PHOTOGRAPHS_NOT_GIVEN_EVERY:
                purposes.append(Consent.Purpose.PHOTOGRAPHS)
            for purpose in purposes:
                privacy_services.consent_record(
                    actor=None,
                    young_person=young_person,
                    purpose=purpose,
                    given_by=given_by,
                    given_on=given_on,
                    how=Consent.How.WRITTEN,
                )
                self.counts["consents"] += 1

    # --- themes and groups ----------------------------------------------------------------------

    def _theme(self, spec: data.ThemeSpec) -> None:
        theme = group_services.theme_create(
            actor=None,
            title=spec.title,
            period=period_for(self.today),
            lead=self.staff[spec.lead],
            description=spec.description,
        )
        self.themes[spec.title] = theme
        self.counts["themes"] += 1
        for days_ago, summary, decision in spec.reviews:
            group_services.theme_review_add(
                actor=None, theme=theme, date=self.ago(days_ago), summary=summary, decision=decision
            )
            self.counts["theme_reviews"] += 1

    def _group(self, spec: data.GroupSpec) -> None:
        start = self.ago(spec.start_days_ago)
        buddy = spec.kind == Group.Kind.BUDDY_GROUP
        themes = [(self.themes[spec.theme], spec.relationship)] if spec.theme else []
        group = group_services.group_create(
            actor=None,
            name=spec.name,
            kind=spec.kind,
            host_organisation=self.organisations[spec.host],
            leads=[self.staff[spec.lead]],
            themes=themes,
            # A Buddy Group walks its lifecycle from the first visit; a standing council just is.
            stage=Group.Stage.PROPOSED if buddy else spec.stage,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=data.BUDDY_GROUP_DAYS)
            if buddy
            else None,
            cadence=spec.cadence,
            description=spec.description,
        )
        self.groups[spec.key] = group
        self.counts["groups"] += 1
        if buddy:
            for stage in data.STAGE_ORDER[: data.STAGE_ORDER.index(spec.stage) + 1]:
                days_ago = spec.start_days_ago - data.STAGE_OFFSETS[stage]
                group_services.group_move_stage(
                    actor=None,
                    group=group,
                    to_stage=stage,
                    date=self.ago(days_ago),
                    note=_STAGE_NOTES[stage],
                )
                self.counts["stage_changes"] += 1

        members: list[_Member] = []
        joiners = [self._young_person(spec) for _ in range(spec.members)]
        for source_key, count in spec.shared_from:
            eligible = [
                member.young_person
                for member in self.members[source_key]
                if member.young_person.age_band in spec.bands
                and member.left_ago is None
                and self.group_count[member.young_person.pk] < 2  # one or two groups each
            ]
            joiners += self.rng.sample(eligible, min(count, len(eligible)))
        for young_person in joiners:
            joined_ago = self._joined_ago(spec, buddy)
            membership = group_services.membership_add(
                actor=None, group=group, young_person=young_person, joined_on=self.ago(joined_ago)
            )
            members.append(_Member(young_person, membership, joined_ago))
            self.group_count[young_person.pk] += 1
            self.counts["memberships"] += 1
        # Now and then someone moves on.
        if len(members) >= 6 and self.rng.random() < 0.3:
            leaver = self.rng.choice(members)
            if leaver.joined_ago > 40:
                leaver.left_ago = self.rng.randint(5, leaver.joined_ago - 30)
                group_services.membership_end(
                    actor=None, membership=leaver.membership, left_on=self.ago(leaver.left_ago)
                )
                self.counts["memberships_ended"] += 1
        self.members[spec.key] = members

    def _joined_ago(self, spec: data.GroupSpec, buddy: bool) -> int:
        rng = self.rng
        if buddy:
            # Most join at the first visit; some a little later.
            if rng.random() < 0.2 and spec.start_days_ago > 20:
                return spec.start_days_ago - rng.randint(7, min(90, spec.start_days_ago - 10))
            return spec.start_days_ago
        return rng.randint(30, min(720, spec.start_days_ago))

    # --- the participation log ------------------------------------------------------------------

    def _schedule(self, spec: data.GroupSpec) -> list[int]:
        """Days ago of each visit or meeting, oldest first."""
        rng = self.rng
        cadence_days = Group.CADENCE_DAYS.get(spec.cadence) or 60
        if spec.overdue:
            last = cadence_days + rng.randint(12, 30)
        else:
            last = rng.randint(3, max(4, int(cadence_days * 0.6)))
        low, high = int(cadence_days * 0.8), cadence_days - 2
        limit = (
            spec.start_days_ago - 6 if spec.kind == Group.Kind.BUDDY_GROUP else data.HISTORY_DAYS
        )
        offsets = []
        days_ago = last
        while days_ago < limit:
            offsets.append(days_ago)
            days_ago += rng.randint(low, high)
        if spec.kind == Group.Kind.BUDDY_GROUP:
            offsets.append(spec.start_days_ago)
        return sorted(offsets, reverse=True)

    def _attendees(self, spec: data.GroupSpec, days_ago: int) -> list[tuple[YoungPerson, str]]:
        rng = self.rng
        attendees: list[tuple[YoungPerson, str]] = []
        for member in self.members[spec.key]:
            if not member.member_on(days_ago):
                continue
            roll = rng.random()
            status = (
                Attendance.Status.ATTENDED
                if roll < 0.84
                else Attendance.Status.APOLOGIES
                if roll < 0.95
                else Attendance.Status.ABSENT
            )
            attendees.append((member.young_person, status))
        return attendees

    def _pick(self, style: data.SessionStyle) -> tuple[str, list[Method], list[str]]:
        rng = self.rng
        degrees, weights = zip(*style.degrees, strict=True)
        degree = rng.choices(degrees, weights=weights)[0]
        names = rng.sample(style.methods, min(len(style.methods), rng.randint(1, 3)))
        methods = [self.methods[name] for name in names if name in self.methods]
        standards = rng.sample(style.standards, min(len(style.standards), rng.randint(1, 2)))
        return degree, methods, standards

    def _monitoring_complete(self, days_ago: int) -> bool:
        """Forms are done within a few weeks; a handful of recent ones are still outstanding."""
        return not (days_ago <= 60 and self.rng.random() < 0.3)

    def _sessions(self, spec: data.GroupSpec) -> None:
        if spec.kind == Group.Kind.BUDDY_GROUP:
            self._buddy_sessions(spec)
        else:
            self._meetings(spec)

    def _buddy_sessions(self, spec: data.GroupSpec) -> None:
        rng = self.rng
        assert spec.theme is not None  # noqa: S101 - every Buddy Group works on a Spotlight area
        theme = self.themes[spec.theme]
        topics = self.theme_specs[spec.theme].topics
        lead = self.staff[spec.lead]
        officer = self.staff[data.OFFICER_EMAIL]
        for days_ago in self._schedule(spec):
            degree, methods, standards = self._pick(data.BUDDY_VISIT)
            kind, participation_type = Session.Kind.VISIT, ParticipationType.PUBLIC
            if days_ago == spec.start_days_ago:
                title, notes = data.FIRST_VISIT_TITLE, data.FIRST_VISIT_NOTES
                degree = "assigned_informed"
                standards = ["shared_values"]
            else:
                roll = rng.random()
                topic = rng.choice(topics)
                notes = f"{topic}. {rng.choice(data.OUTCOMES)}"
                if roll < 0.12:
                    kind, participation_type = Session.Kind.EVENT, ParticipationType.SOCIAL
                    title = rng.choice(data.SOCIAL_TITLES)
                    degree = rng.choice(("cyp_initiated_directed", "cyp_initiated_shared"))
                elif roll < 0.22:
                    kind = Session.Kind.CONSULTATION
                    title = rng.choice(data.CONSULTATION_TITLES)
                    degree = "consulted_informed"
                else:
                    title = f"Monthly visit: {topic[0].lower()}{topic[1:]}"
            staff = [lead, officer] if rng.random() < 0.25 else [lead]
            self._log(
                spec,
                days_ago,
                kind=kind,
                title=title,
                degree=degree,
                participation_type=participation_type,
                staff=staff,
                methods=methods,
                standards=standards,
                themes=[theme],
                notes=notes,
            )

    def _meetings(self, spec: data.GroupSpec) -> None:
        rng = self.rng
        lead = self.staff[spec.lead]
        review_team = spec.kind == Group.Kind.AUDIT_TEAM
        for days_ago in self._schedule(spec):
            topic = rng.choice(spec.topics)
            style = data.REVIEW_VISIT if review_team else data.MEETING
            degree, methods, standards = self._pick(style)
            if review_team:
                kind = (
                    Session.Kind.VISIT if "visit" in topic.lower() else Session.Kind.GROUP_SESSION
                )
            else:
                kind = Session.Kind.MEETING
            themes = [self.themes[rng.choice(data.THEMES).title]] if rng.random() < 0.3 else []
            self._log(
                spec,
                days_ago,
                kind=kind,
                title=topic,
                degree=degree,
                participation_type=ParticipationType.PUBLIC,
                staff=[lead],
                methods=methods,
                standards=standards,
                themes=themes,
                notes=f"{topic}. {rng.choice(data.OUTCOMES)}",
            )

    def _log(self, spec: data.GroupSpec, days_ago: int, **values: Any) -> None:
        attendees = self._attendees(spec, days_ago)
        complete = self._monitoring_complete(days_ago)
        participation_services.session_log(
            actor=None,
            date=self.ago(days_ago),
            kind=values["kind"],
            degree=values["degree"],
            participation_type=values["participation_type"],
            group=self.groups[spec.key],
            title=values["title"],
            staff_present=values["staff"],
            partner_staff_present=spec.partner_staff,
            attendees=attendees,
            methods=values["methods"],
            standards=values["standards"],
            themes=values["themes"],
            notes=values["notes"],
            monitoring_form_complete=complete,
        )
        self.counts["sessions"] += 1
        self.counts["attendances"] += len(attendees)
        self.counts["incomplete_monitoring_forms"] += not complete

    def _one_to_one_reviews(self) -> None:
        """Individual participation: a young person in care's own views, before their review."""
        rng = self.rng
        in_care = [
            member.young_person
            for key in ("nottingham_cicc", "norfolk_in_care_council")
            for member in self.members[key]
        ]
        officer = self.staff[data.OFFICER_EMAIL]
        for young_person in rng.sample(in_care, 6):
            days_ago = rng.randint(10, 250)
            degree, methods, standards = self._pick(data.ONE_TO_ONE)
            complete = self._monitoring_complete(days_ago)
            participation_services.session_log(
                actor=None,
                date=self.ago(days_ago),
                kind=Session.Kind.ONE_TO_ONE_REVIEW,
                degree=degree,
                participation_type=ParticipationType.INDIVIDUAL,
                young_person=young_person,
                title=rng.choice(data.ONE_TO_ONE_TITLES),
                staff_present=[officer],
                partner_staff_present="Their social worker",
                methods=methods,
                standards=standards,
                notes="Talked through what they want the review to know. Their views are written "
                "into the review in their own words, and they chose who hears them.",
                monitoring_form_complete=complete,
            )
            self.counts["sessions"] += 1
            self.counts["attendances"] += 1
            self.counts["incomplete_monitoring_forms"] += not complete

    # --- voice: views, responses, feedback and ratings -------------------------------------------

    def _voices(self, number: int, spec: data.VoiceSpec) -> None:
        """Four views from the theme's Buddy Group sessions at least 90 days old: two answered
        together, fed back to the group and rated; one given a second response (fed back or
        not); one left open."""
        theme = self.themes[spec.theme]
        sessions = list(
            Session.objects.filter(
                group__kind=Group.Kind.BUDDY_GROUP,
                group__theme_links__theme=theme,
                date__lte=self.ago(90),
            )
            .select_related("group")
            .order_by("date", "id")
        )
        session = sessions[(number * 3) % len(sessions)]
        group = session.group
        assert group is not None  # noqa: S101 - Buddy Group sessions only
        attended = [
            a.young_person
            for a in session.attendances.select_related("young_person").order_by("id")
            if a.status == Attendance.Status.ATTENDED
        ]
        givers: list[dict[str, Any]] = [
            {"group": group},
            {"young_people": attended[:1]},
            {"group": group, "is_anonymous": True},
            {"young_people": attended[1:2] or attended[:1]},
        ]
        consents = [
            View.Consent.PUBLISH,
            View.Consent.QUOTE_ANONYMOUSLY,
            View.Consent.PUBLISH,
            View.Consent.INTERNAL,
        ]
        views = voice_services.views_record_many(
            actor=None,
            session=session,
            entries=[
                {"kind": kind, "text": text, "themes": [theme], "consent": consent, **who}
                for (kind, text), consent, who in zip(spec.views, consents, givers, strict=True)
            ],
        )
        self.counts["views"] += len(views)
        day = session.date + datetime.timedelta(days=21)
        answer = self._respond(views[:2], spec.answer, day)
        self._feed_back(answer, day + datetime.timedelta(days=12), groups=[group])
        current = [
            m.young_person
            for m in group.memberships.filter(left_on__isnull=True)
            .select_related("young_person")
            .order_by("id")[:2]
        ]
        for index, young_person in enumerate(current):
            voice_services.rating_give(
                young_person=young_person,
                response=answer,
                value=("helpful", "not_sure")[(number + index) % 2],
            )
            self.counts["ratings"] += 1
        second = self._respond(views[2:3], spec.second, day + datetime.timedelta(days=7))
        if spec.second_fed_back:
            self._feed_back(second, day + datetime.timedelta(days=30), groups=[group])

    def _respond(self, views: list[View], values: tuple[str, str, str, str], day: Any) -> Any:
        outcome, decision_maker, explanation, plain = values
        self.counts["responses"] += 1
        return voice_services.response_record(
            actor=None,
            views=views,
            decision_maker=decision_maker,
            outcome=outcome,
            explanation=explanation,
            plain_language=plain,
            date=day,
        )

    def _feed_back(self, response: Any, day: Any, *, groups: list[Group]) -> None:
        voice_services.feedback_record(
            actor=None, response=response, date=day, channel="in_person", groups=groups
        )
        self.counts["feedback"] += 1


_STAGE_NOTES: dict[str, str] = {
    Group.Stage.FIRST_VISIT: "Initial visit: heard what the group does and introduced 11 MILLION.",
    Group.Stage.PLANNING: "Both sides agreed a Buddy Group partnership is worth pursuing.",
    Group.Stage.ESTABLISHED: "Planning meeting held: ground rules, dates and contacts agreed.",
    Group.Stage.ACTIVE: "Meeting monthly and feeding views into the Policy Team's work.",
}
