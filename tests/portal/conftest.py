"""A small world for the portal: two groups, four young people, views of every kind of owner.

Amara and Ben are in the Riverside group; Cleo is in Hillside; Dan left Riverside. Each view's
text carries a marker saying whose it is, so a page can be searched for what must not be there.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from heard.portal import services
from heard.voice.models import View
from tests import factories

SESSION_DAY = datetime.date(2026, 10, 1)


@pytest.fixture
def world(db, organisation, other_organisation, officer):
    theme = factories.ThemeFactory(title="Getting around")
    riverside = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    hillside = factories.GroupFactory(host_organisation=other_organisation, name="Hillside Council")
    amara = factories.YoungPersonFactory(
        organisation=organisation, first_name="Amara", last_name="Okafor", preferred_name="Ami"
    )
    ben = factories.YoungPersonFactory(
        organisation=organisation, first_name="Benedict", last_name="Zebulon"
    )
    cleo = factories.YoungPersonFactory(
        organisation=other_organisation, first_name="Cleopatra", last_name="Quist"
    )
    dan = factories.YoungPersonFactory(
        organisation=organisation, first_name="Dandelion", last_name="Xavier"
    )
    for person in (amara, ben):
        factories.MembershipFactory(group=riverside, young_person=person)
    factories.MembershipFactory(group=hillside, young_person=cleo)
    factories.MembershipFactory(
        group=riverside,
        young_person=dan,
        joined_on=datetime.date(2026, 4, 1),
        left_on=datetime.date(2026, 5, 1),
    )
    session = factories.SessionFactory(group=riverside, date=SESSION_DAY, kind="group_session")
    other_session = factories.SessionFactory(group=hillside, date=SESSION_DAY, kind="visit")
    for person in (amara, ben):
        factories.AttendanceFactory(session=session, young_person=person)
    factories.AttendanceFactory(session=other_session, young_person=cleo)

    def view(text, *, people=(), on=session, group="session", **kwargs):
        kwargs.setdefault("consent", View.Consent.INTERNAL)
        extra = {} if group == "session" else {"group": group}
        return factories.ViewFactory(
            text=text, session=on, young_people=list(people), themes=[theme], **extra, **kwargs
        )

    views = SimpleNamespace(
        amara=view("AMARA-OWN: more buses at night", people=[amara]),
        group=view("RIVERSIDE-GROUP: a quiet room", consent=View.Consent.PUBLISH),
        ben=view("BEN-SECRET: my own worry", people=[ben]),
        ben_alone=view("BEN-ALONE: said on his own", people=[ben], group=None),
        cleo=view("CLEO-SECRET: hillside worry", people=[cleo], on=other_session),
        cleo_group=view("HILLSIDE-GROUP: a new pitch", on=other_session),
        dan=view("DAN-SECRET: before I left", people=[dan], group=None),
        published=view(
            "PUBLISHED-SKATE: a skate park",
            people=[cleo],
            on=other_session,
            consent=View.Consent.PUBLISH,
        ),
    )
    responses = SimpleNamespace(
        # Told: Amara's and Ben's views answered together.
        shared=factories.ResponseFactory(
            views=[views.amara, views.ben], plain_language="SHARED-ANSWER: buses run later now."
        ),
        group=factories.ResponseFactory(
            views=[views.group], plain_language="GROUP-ANSWER: the back room is quiet now."
        ),
        cleo=factories.ResponseFactory(
            views=[views.cleo], plain_language="CLEO-ANSWER: we talked to the school."
        ),
        ben_alone=factories.ResponseFactory(
            views=[views.ben_alone], plain_language="BEN-ALONE-ANSWER: done."
        ),
        published=factories.ResponseFactory(
            views=[views.published],
            outcome="partly_changed",
            plain_language="SKATE-ANSWER: a small ramp is coming.",
        ),
        # Not told yet.
        untold=factories.ResponseFactory(
            views=[views.cleo_group], plain_language="UNTOLD-ANSWER: not yet."
        ),
    )
    for response in (
        responses.shared,
        responses.group,
        responses.cleo,
        responses.ben_alone,
        responses.published,
    ):
        factories.FeedbackFactory(response=response, date=datetime.date(2026, 11, 3))
    factories.FeedbackFactory(
        response=responses.shared, date=datetime.date(2026, 11, 1), channel="letter"
    )
    for item in vars(views).values():
        if item.responses.filter(feedback__isnull=False).exists():
            item.status = View.Status.FED_BACK
        elif item.responses.exists():
            item.status = View.Status.RESPONDED
        item.save()
    return SimpleNamespace(
        theme=theme,
        riverside=riverside,
        hillside=hillside,
        amara=amara,
        ben=ben,
        cleo=cleo,
        dan=dan,
        session=session,
        other_session=other_session,
        views=views,
        responses=responses,
        officer=officer,
    )


#: Markers that must never reach Amara's pages (other young people's views and answers, names).
NOT_FOR_AMARA = [
    "BEN-SECRET",
    "BEN-ALONE",
    "CLEO-SECRET",
    "CLEO-ANSWER",
    "HILLSIDE-GROUP",
    "DAN-SECRET",
    "PUBLISHED-SKATE",
    "UNTOLD-ANSWER",
    "Benedict",
    "Zebulon",
    "Cleopatra",
    "Quist",
    "Dandelion",
    "Xavier",
]


@pytest.fixture
def portal_client(db, officer):
    """``portal_client(young_person)``: a fresh client signed in to the portal with a new code."""

    def sign_in(young_person, client=None):
        client = client or Client()
        _, code = services.sign_in_code_issue(actor=officer, young_person=young_person)
        answer = client.post(reverse("portal:sign-in"), {"code": code})
        assert answer.status_code == 302, answer.content
        assert answer.url == reverse("portal:home")
        return client

    return sign_in
