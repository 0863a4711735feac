"""Dates read "1 October 2026" everywhere (issue 17), in records' names too: they appear in page
titles ("Edit session: ..."), hidden link text and messages."""

from __future__ import annotations

import datetime

import pytest

from tests import factories

DAY = datetime.date(2026, 10, 1)


@pytest.mark.django_db
def test_a_session_a_response_and_feedback_are_named_with_the_whole_date():
    session = factories.SessionFactory(date=DAY, title="Youth council")
    assert str(session) == "Youth council on 1 October 2026"
    view = factories.ViewFactory()
    response = factories.ResponseFactory(views=[view], date=DAY)
    assert str(response).endswith("(1 October 2026)")
    feedback = factories.FeedbackFactory(response=response, date=DAY)
    assert str(feedback).endswith("(1 October 2026)")
