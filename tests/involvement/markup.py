"""Involvement activities and evaluations whose every stored string is a payload, for the
stored-markup crawl (tests/core/test_form_markup.py), and the ids each page needs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from heard.involvement import services


def involvement_pages(
    organisation: Any, session: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    activity = services.activity_record(
        actor=None,
        title=payload("Activity"),
        kind="recruitment",
        date=datetime.date(2026, 3, 1),
        organisation=organisation,
        young_people_involved=True,
        how=["on_panel"],
        young_people=[young_person],
        notes=payload("Notes"),
    )
    evaluation = services.evaluation_give(
        young_person=young_person, session=session, rating="positive", comment=payload("Comment")
    )
    return {
        "involvement:activity-detail": {"pk": activity.pk},
        "involvement:activity-edit": {"pk": activity.pk},
        "involvement:activity-delete": {"pk": activity.pk},
        "involvement:evaluation-edit": {"pk": evaluation.pk},
        "involvement:evaluation-delete": {"pk": evaluation.pk},
        "involvement:session-evaluations": {"pk": session.pk},
        "involvement:evaluation-create": {"pk": session.pk},
        "portal:evaluate": {"pk": session.pk},
    }
