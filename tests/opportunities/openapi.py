"""The opportunities records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

import datetime
from typing import Any

from heard.opportunities import services
from tests import factories


def opportunity_requests(organisation: Any, today: str) -> tuple[dict, dict]:
    day = datetime.date.fromisoformat(today)
    starts = datetime.datetime.combine(
        day + datetime.timedelta(days=7), datetime.time(16), tzinfo=datetime.UTC
    )

    def opportunity(title: str) -> Any:
        return services.opportunity_add(
            actor=None,
            title=title,
            kind="focus_group",
            description="Tell us about buses.",
            organisation=organisation,
            starts_at=starts,
            closes_on=day,
            place="Youth centre",
            status="published",
        )

    shown = opportunity("Focus group on buses")
    came = services.sign_up_add(
        actor=None,
        opportunity=shown,
        young_person=factories.YoungPersonFactory(organisation=organisation),
    )
    to_withdraw = services.sign_up_add(
        actor=None,
        opportunity=shown,
        young_person=factories.YoungPersonFactory(organisation=organisation),
    )
    ids = {
        "/api/v1/opportunities/": shown.pk,
        "/api/v1/opportunity-sign-ups/": to_withdraw.pk,
    }
    bodies = {
        ("post", "/api/v1/opportunities/"): {
            "title": "Radio show",
            "kind": "media_work",
            "description": "Talk on air about the youth council.",
            "organisation": organisation.pk,
            "starts_at": starts.isoformat(),
            "closes_on": today,
            "online": True,
            "age_bands": ["14_15"],
            "areas": ["Ely"],
            "places": 4,
        },
        ("patch", "/api/v1/opportunities/{id}/"): {"accessibility": "BSL interpreter"},
        ("post", "/api/v1/opportunities/{id}/attendance/"): {
            "sign_ups": [came.pk],
            "new_session": {
                "date": today,
                "kind": "consultation",
                "degree": "consulted_informed",
                "participation_type": "public",
            },
        },
        ("post", "/api/v1/opportunity-sign-ups/"): {
            "opportunity": shown.pk,
            "young_person": factories.YoungPersonFactory(organisation=organisation).pk,
        },
        ("post", "/api/v1/opportunity-sign-ups/{id}/withdraw/"): {},
    }
    return ids, bodies
