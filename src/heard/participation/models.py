"""The participation log: every session, who attended, and how they took part (M6)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.roles import HearByRightStandard
from heard.core.tables import display
from heard.core.validators import NotInFuture, validate_single_line
from heard.participation.choices import AttendanceStatus, SessionKind
from heard.participation.choices import Degree as Degree
from heard.participation.choices import ParticipationType as ParticipationType

#: What a session's date may not be; the message the log form and the API show at the date.
FUTURE_SESSION = (
    "The date of a session cannot be in the future: log it on the day it happens or after."
)


#: "Actively participating" means more than being consulted or informed: the "involve" degrees.
ACTIVE_DEGREES = (
    Degree.ADULT_INITIATED_SHARED,
    Degree.CYP_INITIATED_SHARED,
    Degree.CYP_INITIATED_DIRECTED,
)


class Method(models.Model):
    """A method used in a session (discussion, art, survey, ...): a short list staff can extend."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_single_line(self, ("name",))


class Standard(models.Model):
    """One of the seven Hear by Right standards, as a row so sessions can be filtered by it."""

    code = models.CharField(max_length=32, choices=HearByRightStandard.choices, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_code_display()


class SessionQuerySet(models.QuerySet["Session"]):
    """Sessions in the domain's words (``Session.objects.visible_to(user)``)."""

    def visible_to(self, user: Any) -> SessionQuerySet:
        """The sessions ``user`` may read: the session policy's view scope."""
        from heard.participation.policies import SESSION_POLICY

        return SESSION_POLICY.scope(user, "view", self)  # type: ignore[no-any-return]

    def monitoring_incomplete(self) -> SessionQuerySet:
        """Sessions whose monitoring form is still to be completed."""
        return self.filter(monitoring_form_complete=False)


class Session(TimeStampedModel):
    """One contact with children and young people: a visit, group session, event, review ..."""

    Kind = SessionKind

    date = models.DateField(validators=[NotInFuture(FUTURE_SESSION)])
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    group = link("groups.Group", "sessions", on_delete=models.PROTECT, optional=True)
    young_person = young_person_link(
        "individual_sessions",
        on_delete=models.PROTECT,
        optional=True,
        help_text=_("For an individual session (a one-to-one review, say) rather than a group's."),
    )
    organisation = organisation_link(
        "sessions",
        help_text=_(
            "The organisation whose session this is: the group's host, the young person's, "
            "or the one that ran a session with no group (issue 18)."
        ),
    )
    other_groups = models.ManyToManyField(
        "groups.Group",
        blank=True,
        related_name="joint_sessions",
        help_text=_("A session with several groups: the groups besides its group."),
    )
    is_open = models.BooleanField(
        _("open to all"),
        default=False,
        help_text=_(
            "An event, a consultation, a Takeover Day or a Primary Parliament sitting: its "
            "young people come from anywhere on the register (and a headcount of the rest)."
        ),
    )
    staff_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sessions_attended"
    )
    partner_staff_present = models.TextField(
        blank=True, help_text=_("Partner staff who were there, one per line.")
    )
    methods = models.ManyToManyField(Method, blank=True, related_name="sessions")
    degree = models.CharField(_("degree of participation"), max_length=32, choices=Degree.choices)
    participation_type = models.CharField(
        _("type of participation"), max_length=16, choices=ParticipationType.choices
    )
    standards = models.ManyToManyField(Standard, blank=True, related_name="sessions")
    themes = models.ManyToManyField("groups.Theme", blank=True, related_name="sessions")
    notes = models.TextField(blank=True)
    monitoring_form_complete = models.BooleanField(default=False)
    #: Set by the service (the actor), never by a form: blank for what Heard itself logged.
    logged_by = user_link("+")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # The log's order, read backwards: a page of 25 stops after 26 rows. On the date
            # alone every session of the latest day was joined and sorted first (national
            # scale: 1,060 rows, 10 ms); it serves date ranges as the date index did.
            # With the columns the report's tables count by (degree, type, kind, group,
            # organisation), read from the index alone on PostgreSQL: national scale, a
            # quarter's sessions by degree 0.19 -> 0.05 s (SQLite keeps the keys only).
            models.Index(
                fields=["date", "id"],
                name="session_date_id",
                include=["degree", "participation_type", "kind", "group", "organisation"],
            ),
            models.Index(fields=["group", "-date"]),
            models.Index(fields=["organisation", "-date"]),
            models.Index(fields=["monitoring_form_complete", "date"]),
        ]
        constraints = [
            # A group's session, an individual one, or neither (an organisation's, or open).
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) | models.Q(young_person__isnull=True),
                name="session_not_group_and_young_person",
            ),
            models.CheckConstraint(
                condition=models.Q(is_open=False)
                | models.Q(group__isnull=True, young_person__isnull=True),
                name="session_open_to_all_has_no_group",
            ),
        ]

    def __str__(self) -> str:
        subject = self.title or self.get_kind_display()
        return f"{subject} on {display(self.date)}"

    def clean(self) -> None:
        validate_single_line(self, ("title",))

    @property
    def audience(self) -> str:
        """Who the session was with, in words: a group (or several), one young person, an
        organisation's young people, or open to all."""
        if self.young_person_id:
            return "One young person"
        if self.group_id:
            return "Several groups" if self.pk and self.other_groups.exists() else "A group"
        return "Open to all" if self.is_open else "An organisation's young people"

    @property
    def is_active_participation(self) -> bool:
        return self.degree in ACTIVE_DEGREES


class Attendance(models.Model):
    Status = AttendanceStatus

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    young_person = young_person_link("attendances")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ATTENDED)

    class Meta:
        ordering = ["id"]
        constraints = [one_per("session", "young_person", name="one_attendance_per_session")]
        indexes = [
            models.Index(fields=["young_person", "status"]),
            # Who attended a set of sessions, read from the index alone: the indicators' active
            # young people of a national quarter went from a scan of 5.9 million attendances
            # (2.0 s) to 54,000 index probes (0.6 s under load; bench/README.md).
            models.Index(
                fields=["session", "young_person"],
                condition=models.Q(status="attended"),
                name="attended_session_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.young_person} {self.get_status_display().lower()} {self.session}"


class YearlyParticipation(models.Model):
    """Who took part in each partnership year: a young person's attended sessions (all, and active
    ones) in one group, or in their individual sessions with one organisation.

    A summary of ``Attendance`` kept by ``participation.summaries`` in the same transaction as
    every change to sessions and attendances, so the home counts and the year's reach read a
    few hundred thousand small rows instead of grouping millions of attendances (issue 6,
    bench/README.md). The group's kind is not copied here, so changing a group's kind needs no
    refresh of it (``YearlyParticipant`` is recounted instead). ``heard summaries --check``
    compares it with the attendances; ``--rebuild`` remakes it.
    """

    #: The calendar year in which the partnership year starts (1 April): 2026 is 2026-27.
    year = models.PositiveSmallIntegerField()
    young_person = young_person_link("+")
    group = models.ForeignKey("groups.Group", null=True, on_delete=models.CASCADE, related_name="+")
    organisation = organisation_link("+", on_delete=models.CASCADE)
    sessions_attended = models.PositiveIntegerField()
    active_sessions = models.PositiveIntegerField()
    #: The year's first attended session and first active one: a period from the year's start to
    #: any day (a protected reader's "1 April to the end of the last complete quarter") reads the
    #: summary too, as "first ... on or before that day".
    first_attended_on = models.DateField(null=True)
    first_active_on = models.DateField(null=True)

    class Meta:
        constraints = [
            one_per(
                "year", "young_person", "group", "organisation", name="yearly_participation_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["year", "young_person", "active_sessions", "group"],
                name="yearly_participation_year",
            ),
            models.Index(
                fields=["organisation", "year", "young_person", "active_sessions", "group"],
                name="yearly_participation_org",
            ),
            # A theme lead's groups' rows (``indicators.selectors.led_counts``): a range of each
            # group instead of the year's 190,000 rows (national scale).
            models.Index(
                fields=["group", "year", "young_person", "active_sessions"],
                name="yearly_participation_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.young_person_id} in {self.year}: {self.sessions_attended} sessions"


class YearlyParticipant(models.Model):
    """Each young person who attended an active session in a partnership year, once, with whether
    any of those sessions was a Buddy Group's: the home page's "actively participating" counts.

    Derived from ``YearlyParticipation`` by ``participation.summaries`` in the same transaction
    (and again for a group's young people when its kind changes), so counting the year's
    participants reads one row each instead of grouping the summary's rows per young person
    (national scale: 120,000 of 190,000 rows, 80-130 ms a count; bench/README.md).
    """

    year = models.PositiveSmallIntegerField()
    young_person = young_person_link("+")
    via_buddy_group = models.BooleanField()
    #: The year's first active session, and the first in a group that is a Buddy Group now
    #: (recounted with ``via_buddy_group`` when a group's kind changes): a period from the
    #: year's start to any day (a protected reader's home counts, ADR 0008) counts those "on or
    #: before that day" from one index range, its young people's record keys summed from the
    #: index too (national scale: 140 + 100 ms of grouping the summary's rows, bench/README.md).
    first_active_on = models.DateField(null=True)
    first_buddy_active_on = models.DateField(null=True)

    class Meta:
        constraints = [one_per("year", "young_person", name="yearly_participant_unique")]
        indexes = [
            models.Index(fields=["year", "via_buddy_group"], name="yearly_participant_year"),
            models.Index(
                fields=["year", "first_active_on", "young_person"],
                name="yearly_participant_active",
            ),
            models.Index(
                fields=["year", "first_buddy_active_on", "young_person"],
                name="yearly_participant_buddy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.young_person_id} in {self.year}"


class QuarterlyParticipation(models.Model):
    """A young person's active sessions in one quarter (calendar quarters, which the
    partnership year's start on 1 April keeps aligned), per group (none for individual
    sessions) and organisation: the indicators' "actively participating" of a quarter read a
    quarter's rows instead of its sessions' attendances (0.3-0.6 s a national quarter, and a
    quarterly report counts 56 of them; bench/README.md). Kept by ``participation.summaries``
    with ``YearlyParticipation``, checked and rebuilt with it (``participation.quarters``)."""

    #: The quarter's first day.
    quarter = models.DateField()
    young_person = young_person_link("+")
    group = models.ForeignKey("groups.Group", null=True, on_delete=models.CASCADE, related_name="+")
    organisation = organisation_link("+", on_delete=models.CASCADE)
    active_sessions = models.PositiveIntegerField()
    #: The group's kind (blank for individual sessions), kept with the group's: a quarter's
    #: young people reached through one kind of group read from one index, without joining
    #: 15,000 groups (national scale: through Buddy Groups over four quarters 0.32 -> 0.13 s).
    #: ``summaries.refresh_group_kind`` rewrites it when a group changes kind.
    #: Blank in the database too, for rows written without it (migration 0018's fill).
    group_kind = models.CharField(max_length=32, blank=True, default="", db_default="")

    class Meta:
        constraints = [
            one_per(
                "quarter",
                "young_person",
                "group",
                "organisation",
                name="quarterly_participation_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "quarter", "young_person"],
                name="quarterly_participation_org",
            ),
            models.Index(
                fields=["group_kind", "quarter", "young_person"],
                name="quarterly_participation_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.young_person_id} from {self.quarter}: {self.active_sessions} active"


from heard.participation.concerns import SessionConcern  # noqa: E402, F401 (a concern's session)
from heard.participation.headcounts import Headcount  # noqa: E402, F401 (a session's headcount)
