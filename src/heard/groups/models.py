"""Themes (Spotlight areas), groups, their lifecycle, membership and visit cadence (M3, M4, M5).

The themes and their reviews stand in ``heard.groups.theme_models``; they are imported here, so
that every name keeps its ``heard.groups.models`` path (the migrations and the API's enums)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from heard.core.dates import long_date
from heard.core.fields import organisation_link, young_person_link
from heard.core.models import TimeStampedModel, dates_in_order, one_current, one_per, staff_link
from heard.core.validators import NotInFuture, validate_single_line
from heard.groups.choices import GroupCadence, GroupKind, GroupStage, GroupThemeRelationship
from heard.groups.querysets import GroupQuerySet, MembershipQuerySet
from heard.groups.theme_models import Theme, ThemeReview, validate_period_span

__all__ = [
    "AddDays",
    "Group",
    "GroupTheme",
    "Membership",
    "StageTransition",
    "Theme",
    "ThemeReview",
    "group_ids_led_by",
    "validate_period_span",
]


class AddDays(models.Func):
    """A date plus a whole number of days, as a date (NULL if either is): immutable, so a stored
    generated column may use it. PostgreSQL adds an integer to a date; SQLite keeps dates as
    text, so it goes through ``date()``."""

    arity = 2
    output_field = models.DateField()
    template = "(%(expressions)s)"
    arg_joiner = " + "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra,
        )


def group_ids_led_by(user: Any) -> models.QuerySet[Any]:
    """Ids of the groups ``user`` leads or whose themes they lead (``GroupQuerySet.ids_led_by``)."""
    return Group.objects.ids_led_by(user)


class Group(TimeStampedModel):
    """Any standing group of children and young people (M4)."""

    Kind = GroupKind
    Stage = GroupStage

    #: The lifecycle, declared once: from each stage, the stages a group may move to.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Stage.PROPOSED: (Stage.FIRST_VISIT, Stage.CLOSED),
        Stage.FIRST_VISIT: (Stage.PLANNING, Stage.CLOSED),
        Stage.PLANNING: (Stage.ESTABLISHED, Stage.CLOSED),
        Stage.ESTABLISHED: (Stage.ACTIVE, Stage.CLOSED),
        Stage.ACTIVE: (Stage.ESTABLISHED, Stage.CLOSED),
        Stage.CLOSED: (),
    }
    #: Stages in which a group is expected to be visited on its cadence.
    VISITED_STAGES = (Stage.FIRST_VISIT, Stage.PLANNING, Stage.ESTABLISHED, Stage.ACTIVE)
    #: Stages that count as "established" for the two-groups-per-theme rule.
    ESTABLISHED_STAGES = (Stage.ESTABLISHED, Stage.ACTIVE)

    Cadence = GroupCadence

    #: Days between expected contacts for each cadence (a school term is about 13 weeks).
    CADENCE_DAYS: dict[str, int | None] = {
        Cadence.MONTHLY: 31,
        Cadence.TWICE_TERMLY: 45,
        Cadence.TERMLY: 91,
        Cadence.NONE: None,
    }
    #: The session kinds (``participation.Session.Kind`` values) that count as contact for a
    #: group's cadence, set per group kind: visits and group sessions by default; the groups
    #: that meet (councils, cabinets, parliaments, forums) count their meetings too. Only such
    #: a session with staff present moves the group's next visit due (issue 18).
    DEFAULT_CONTACT_KINDS: tuple[str, ...] = ("visit", "group_session")
    CONTACT_KINDS: dict[str, tuple[str, ...]] = dict.fromkeys(
        (
            Kind.ADVISORY_GROUP,
            Kind.YOUTH_COUNCIL,
            Kind.YOUTH_CABINET,
            Kind.PRIMARY_PARLIAMENT,
            Kind.CHILDREN_IN_CARE_COUNCIL,
            Kind.SEND_GROUP,
            Kind.YOUNG_CARERS_FORUM,
            Kind.YOUTH_ASSEMBLY,
            Kind.YOUNG_COMMISSIONERS,
        ),
        (*DEFAULT_CONTACT_KINDS, "meeting"),
    )
    #: Buddy Groups run for up to one year.
    BUDDY_GROUP_MAX_DAYS = 366

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    host_organisation = organisation_link("hosted_groups")
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="led_groups")
    themes = models.ManyToManyField(Theme, through="GroupTheme", blank=True, related_name="groups")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.PROPOSED)
    stage_changed_on = models.DateField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    planned_end_date = models.DateField(null=True, blank=True)
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.MONTHLY)
    description = models.TextField(blank=True)
    last_session_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The latest counted contact's date (a session of a kind the group's cadence "
            "counts, with staff present), kept by the participation services (read by the "
            "engagement calendar, the overdue list and the home counts)."
        ),
    )
    #: ``next_due``'s rule for the last session kept above, computed and stored by the database
    #: whenever the row changes (a generated column: nothing else writes it), so the overdue
    #: groups are a range of an index instead of the rule evaluated for each of 15,000 groups
    #: (national scale: 10-18 ms in each of the home page's two overdue queries).
    due_on = models.GeneratedField(
        expression=models.Case(
            models.When(
                stage__in=VISITED_STAGES,
                then=AddDays(
                    Coalesce("last_session_on", "start_date", "stage_changed_on"),
                    models.Case(
                        *(
                            models.When(cadence=cadence, then=models.Value(days))
                            for cadence, days in CADENCE_DAYS.items()
                            if days is not None
                        ),
                        default=models.Value(None),
                        output_field=models.IntegerField(),
                    ),
                ),
            ),
            default=models.Value(None),
            output_field=models.DateField(),
        ),
        output_field=models.DateField(null=True, blank=True),
        db_persist=True,
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            # The list's order: a page of 25 walks the index instead of sorting every group
            # (national scale: 15,000 groups, 12 ms -> under 1 ms).
            models.Index(fields=["name"], name="group_name"),
            models.Index(fields=["stage", "kind"]),
            # Whether a group is established, by its id alone: the themes list counts each
            # theme's established groups through it (national scale: 170 -> 31 ms a page).
            models.Index(
                fields=["id"],
                condition=models.Q(stage__in=["established", "active"]),
                name="group_established",
            ),
            # The overdue groups: due before today, in a visited stage.
            models.Index(
                fields=["due_on"],
                condition=models.Q(due_on__isnull=False),
                name="group_due",
            ),
        ]
        constraints = [
            dates_in_order(
                "start_date",
                "planned_end_date",
                name="group_end_after_start",
                unless_empty=("planned_end_date", "start_date"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_single_line(self, ("name",))
        self._clean_dates()

    def _clean_dates(self) -> None:
        """The planned end comes after the start; a Buddy Group runs for up to one year."""
        start, end = self.start_date, self.planned_end_date
        if not (start and end):
            return
        if end <= start:
            raise ValidationError(
                {"planned_end_date": _("The planned end date must be after the start date.")}
            )
        latest = start + datetime.timedelta(days=self.BUDDY_GROUP_MAX_DAYS)
        if self.kind == self.Kind.BUDDY_GROUP and end > latest:
            raise ValidationError(
                {
                    "planned_end_date": _(
                        "A Buddy Group runs for up to one year: the planned end date must be on "
                        "or before %(latest)s."
                    )
                    % {"latest": long_date(latest)}
                }
            )

    @classmethod
    def contact_kinds(cls, kind: str) -> tuple[str, ...]:
        """The session kinds that move a group of this kind's next visit due."""
        return cls.CONTACT_KINDS.get(kind, cls.DEFAULT_CONTACT_KINDS)

    @property
    def cadence_days(self) -> int | None:
        return self.CADENCE_DAYS.get(self.cadence)

    def can_move_to(self, stage: str) -> bool:
        return stage in self.TRANSITIONS.get(self.stage, ())

    def next_due(self, last_contact: datetime.date | None) -> datetime.date | None:
        """When the next visit or meeting is due, from the last session logged (or the start)."""
        if self.stage not in self.VISITED_STAGES or self.cadence_days is None:
            return None
        since = last_contact or self.start_date or self.stage_changed_on
        if since is None:
            return None
        return since + datetime.timedelta(days=self.cadence_days)


class GroupTheme(models.Model):
    """How a group relates to a theme: its members are affected by it, or are working on it."""

    Relationship = GroupThemeRelationship

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="group_links")
    relationship = models.CharField(
        max_length=16, choices=Relationship.choices, default=Relationship.WORKING_ON
    )

    class Meta:
        constraints = [one_per("group", "theme", name="group_theme_unique")]

    def __str__(self) -> str:
        return f"{self.group} {self.get_relationship_display().lower()} {self.theme}"


class StageTransition(models.Model):
    """A dated move of a group from one lifecycle stage to the next."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=16, choices=Group.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Group.Stage.choices)
    date = models.DateField(
        validators=[NotInFuture("The date of a stage change cannot be in the future.")]
    )
    note = models.TextField(blank=True)
    by = staff_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_to_stage_display()} on {self.date:%d %B %Y}"


class Membership(TimeStampedModel):
    """A young person's membership of a group, with when they joined and left."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    young_person = young_person_link("memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            dates_in_order(
                "joined_on",
                "left_on",
                name="membership_left_after_joined",
                unless_empty=("left_on",),
            ),
            one_current(
                "group", "young_person", until="left_on", name="one_current_membership_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.young_person} in {self.group}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None
