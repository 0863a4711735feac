"""factory_boy factories for every model; exposed as fixtures in conftest.py."""

import datetime
from typing import Any

import factory
from django.db import transaction
from factory.django import DjangoModelFactory

from heard.core.roles import AgeBand, Role
from heard.groups.models import Group, GroupTheme, Membership, Theme
from heard.participation import summaries
from heard.participation.models import Attendance, Degree, ParticipationType, Session
from heard.people.models import Organisation, User, YoungPerson
from heard.voice.services import awaiting_feedback_refresh


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = Organisation.Kind.VOLUNTARY
    area = "Cambridgeshire"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    role = Role.PARTICIPATION_OFFICER
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.PARTNER_WORKER),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class YoungPersonFactory(DjangoModelFactory):
    class Meta:
        model = YoungPerson

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    age_band = AgeBand.AGE_11_13
    organisation = factory.SubFactory(OrganisationFactory)
    area = "Cambridge"


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    title = factory.Sequence(lambda n: f"Spotlight area {n}")
    period = "2026-27"
    status = Theme.Status.ACTIVE


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Buddy Group {n}")
    kind = Group.Kind.BUDDY_GROUP
    host_organisation = factory.SubFactory(OrganisationFactory)
    stage = Group.Stage.ACTIVE
    start_date = datetime.date(2026, 4, 1)
    cadence = Group.Cadence.MONTHLY


class GroupThemeFactory(DjangoModelFactory):
    class Meta:
        model = GroupTheme

    group = factory.SubFactory(GroupFactory)
    theme = factory.SubFactory(ThemeFactory)
    relationship = GroupTheme.Relationship.WORKING_ON


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    young_person = factory.SubFactory(
        YoungPersonFactory, organisation=factory.SelfAttribute("..group.host_organisation")
    )
    joined_on = datetime.date(2026, 4, 1)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    date = datetime.date(2026, 10, 1)
    kind = Session.Kind.VISIT
    group = factory.SubFactory(GroupFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.group.host_organisation if o.group else o.young_person.organisation
    )
    degree = Degree.ADULT_INITIATED_SHARED
    participation_type = ParticipationType.PUBLIC
    monitoring_form_complete = True

    @factory.post_generation
    def staff_present(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """A session as one is typically logged, with a member of staff present (so a visit
        moves its group's visit clock; ``staff_present=[]`` for none); then, as the session
        services do, keep the group's latest counted contact in step."""
        if not create:
            return
        staff = [visiting_officer()] if extracted is None else list(extracted)
        # In a transaction as the services' (it locks the groups' rows), also in a test of its
        # own transactions.
        with transaction.atomic():
            if staff:
                self.staff_present.add(*staff)
            summaries.refresh_last_sessions([self.group_id])


def visiting_officer() -> User:
    """The one member of staff that sessions made by ``SessionFactory`` have present."""
    officer, _ = User.objects.get_or_create(
        email="visiting.officer@example.org",
        defaults={"full_name": "Visiting Officer", "role": Role.PARTICIPATION_OFFICER},
    )
    return officer


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    young_person = factory.SubFactory(YoungPersonFactory)
    status = Attendance.Status.ATTENDED

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Attendance:
        """As the session services do, keep the yearly participation summary in step."""
        attendance = super()._create(model_class, *args, **kwargs)
        summaries.refresh(young_people=[attendance.young_person_id], days=[attendance.session.date])
        return attendance


class ThemeReviewFactory(DjangoModelFactory):
    class Meta:
        model = "groups.ThemeReview"

    theme = factory.SubFactory(ThemeFactory)
    date = datetime.date(2026, 7, 1)
    summary = "Two groups met this quarter and chose their next questions."
    decision = "continue"


class ViewFactory(DjangoModelFactory):
    """A view from a group session; pass ``young_people=[...]`` or ``themes=[...]`` to set them."""

    class Meta:
        model = "voice.View"
        skip_postgeneration_save = True

    kind = "view"
    text = factory.Sequence(lambda n: f"We would like more things to do after school ({n}).")
    session = factory.SubFactory(SessionFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.session.organisation if o.session else OrganisationFactory()
    )
    recorded_on = factory.LazyAttribute(
        lambda o: o.session.date if o.session else datetime.date(2026, 10, 1)
    )
    group = factory.LazyAttribute(lambda o: o.session.group if o.session else None)
    consent = "internal"
    status = "open"

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def young_people(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.young_people.set(extracted)


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = "voice.Evidence"

    view = factory.SubFactory(ViewFactory)
    kind = "image"
    file = factory.django.FileField(filename="drawing.png", data=b"\x89PNG\r\n\x1a\nrest")
    content_type = "image/png"
    size = 12


class ResponseFactory(DjangoModelFactory):
    """A response; pass ``views=[...]`` (their status is not moved: use the services for that)."""

    class Meta:
        model = "voice.Response"
        skip_postgeneration_save = True

    decision_maker = "Head of Youth Services"
    outcome = "changed"
    explanation = "The youth club now opens on Saturdays."
    plain_language = "The youth club is now open on Saturdays."
    date = datetime.date(2026, 10, 20)

    @factory.post_generation
    def views(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.views.set(extracted)
            # As the loop services keep it: whether any of its views is still responded.
            awaiting_feedback_refresh([obj.pk])
            obj.refresh_from_db(fields=["awaiting_feedback"])


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = "voice.Feedback"

    response = factory.SubFactory(ResponseFactory)
    date = datetime.date(2026, 11, 1)
    channel = "in_person"


class RatingFactory(DjangoModelFactory):
    class Meta:
        model = "voice.Rating"

    response = factory.SubFactory(ResponseFactory)
    young_person = factory.SubFactory(YoungPersonFactory)
    value = "helpful"


class BackgroundCheckFactory(DjangoModelFactory):
    """A current enhanced DBS check: issued 2024, due for renewal in 2029."""

    class Meta:
        model = "safeguarding.BackgroundCheck"

    staff = factory.SubFactory(UserFactory)
    kind = "enhanced_dbs"
    certificate_number = factory.Sequence(lambda n: f"{n:012d}")
    issued_on = datetime.date(2024, 1, 15)
    renewal_due = datetime.date(2029, 1, 15)


class TrainingRecordFactory(DjangoModelFactory):
    class Meta:
        model = "safeguarding.TrainingRecord"

    staff = factory.SubFactory(UserFactory)
    course = "Child protection training (level 1)"
    completed_on = datetime.date(2026, 3, 1)
    expires_on = datetime.date(2029, 3, 1)


class ConcernFactory(DjangoModelFactory):
    class Meta:
        model = "safeguarding.Concern"

    young_person = factory.SubFactory(YoungPersonFactory)
    raised_by = factory.SubFactory(UserFactory)
    what_happened = "Said they were scared to go home."
    happened_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 10, 1, 15, tzinfo=datetime.UTC)
    )
    who_was_present = "Two youth workers."
    immediate_action = "Listened and reassured them."
    child_told = "That I would pass it on to the safeguarding lead today."


def logged_group_session(actor, group, attendees, day: datetime.date, **extra):
    """A group session logged through the service (summaries, visit clock, audit), as a worker
    logs one: adult-initiated and shared, public participation."""
    from heard.participation import services

    return services.session_log(
        actor=actor,
        date=day,
        kind="group_session",
        degree=Degree.ADULT_INITIATED_SHARED,
        participation_type=ParticipationType.PUBLIC,
        group=group,
        attendees=attendees,
        **extra,
    )
