"""Young people told by message (issue 20): shown with the loop figures.

The messages are ``heard.messaging``'s, which sits above voice: they are read through the
reverse relation ``YoungPerson.messages`` by name, never by importing messaging (as
``people.consents`` reads privacy's consents).
"""

from __future__ import annotations

from typing import Any, Unpack

from django.db.models import Count

from heard.core import disclosure
from heard.people.models import YoungPerson
from heard.voice.selectors.loop import FigureFilters, _figure_views, _response_links

#: A message that left Heard: accepted by the mail server, or delivered (Notify).
TOLD_STATUSES = ("sent", "delivered")


def told_by_message(*, user: Any, **filters: Unpack[FigureFilters]) -> disclosure.Cell:
    """How many young people were told of feedback on the responses to the views of the loop
    figures (the same filters) by a message Heard sent, with the sum of their keys (for a
    protected figure): one query."""
    views = _figure_views(user, **filters)
    told = YoungPerson.objects.filter(
        messages__kind="feedback_told",
        messages__status__in=TOLD_STATUSES,
        messages__feedback__response_id__in=_response_links(views).values("response_id"),
    )
    row = (
        YoungPerson.objects.filter(pk__in=told.values("pk"))
        .order_by()
        .aggregate(count=Count("pk"), keys=disclosure.key_sum("young_person"))
    )
    return disclosure.Cell(row["count"] or 0, row["keys"] or 0)
