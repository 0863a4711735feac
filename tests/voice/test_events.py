"""The voice app's audit entries: named events, one operation per act, the loop's moves written
by Heard on behalf of the person, and the reading age stored with each response."""

import datetime
import importlib

import pytest
from django.apps import apps

from heard.core import events
from heard.core.models import AuditEntry
from heard.voice import services
from heard.voice.models import Response
from heard.voice.readability import reading_age

pytestmark = pytest.mark.django_db


def entries(obj):
    return list(AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)))


@pytest.fixture
def views(session, group):
    return [
        services.view_record(actor=None, text=f"View {i}", session=session, group=group)
        for i in range(3)
    ]


def respond(views, actor):
    return services.response_record(
        actor=actor,
        views=views,
        decision_maker="Head of Youth Services",
        outcome=Response.Outcome.CHANGED,
        explanation="The club now opens on Saturdays.",
        plain_language="The club is open on Saturdays now.",
        date=datetime.date(2026, 10, 10),
    )


def test_a_response_and_the_views_it_moves_are_one_operation(views, officer):
    response = respond(views, officer)
    (recorded,) = entries(response)
    assert recorded.event == "response.recorded" and recorded.actor == officer
    moves = [entry for view in views for entry in entries(view) if entry.event != "view.recorded"]
    assert [move.event for move in moves] == ["view.responded"] * 3
    assert {move.operation for move in moves} == {recorded.operation}
    assert all(move.actor is None and move.on_behalf_of == officer for move in moves)


def test_feedback_moves_the_views_on_behalf_of_who_gave_it(views, officer, group):
    response = respond(views, None)
    feedback = services.feedback_record(
        actor=officer,
        response=response,
        date=datetime.date(2026, 10, 20),
        channel="in_person",
        groups=[group],
    )
    assert [entry.event for entry in entries(feedback)] == ["feedback.recorded"]
    (moved,) = [entry for entry in entries(views[0]) if entry.event == "view.fed_back"]
    assert (moved.event, moved.on_behalf_of, moved.changes["status"]) == (
        "view.fed_back",
        officer,
        ["responded", "fed_back"],
    )


def test_every_voice_event_reads_as_words():
    for name in ("view.recorded", "view.changed", "view.responded", "evidence.attached"):
        kind = events.lookup(name)
        assert kind.label and kind.detail(kind.example) is not None
    assert events.lookup("evidence.attached").detail({"original_name": "a.png"}) == (
        "File uploaded as a.png"
    )


def test_a_response_stores_its_reading_age_when_written(views):
    response = respond(views, None)
    response.refresh_from_db()
    assert response.reading_age == reading_age("The club is open on Saturdays now.")
    response.plain_language = "Extraordinarily complicated institutional considerations."
    response.save(update_fields=["plain_language"])
    response.refresh_from_db()
    assert response.reading_age == reading_age(response.plain_language) > 11


def test_the_migration_fills_the_reading_age_of_existing_responses(views):
    response = respond(views, None)
    Response.objects.update(reading_age=0)
    migration = importlib.import_module(
        "heard.voice.migrations.0007_response_reading_age_not_in_future"
    )
    migration.fill_reading_ages(apps, None)
    response.refresh_from_db()
    assert response.reading_age == reading_age(response.plain_language) > 0


def test_the_history_pages_of_a_view_and_a_response_read_their_events(views, officer, client_for):
    from django.urls import reverse

    response = respond(views[:1], officer)
    client = client_for(officer)
    page = client.get(reverse("core:history", args=["voice.view", views[0].pk]))
    assert page.status_code == 200
    assert "Recorded the view" in page.content.decode()
    assert "The view was given a response" in page.content.decode()
    page = client.get(reverse("core:history", args=["voice.response", response.pk]))
    assert page.status_code == 200 and "Recorded the response" in page.content.decode()
