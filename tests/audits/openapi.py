"""The audits records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

import datetime
from typing import Any

from heard.audits import services


def audit_requests(organisation: Any, young_person: Any, today: str) -> tuple[dict, dict]:
    day = datetime.date(2026, 9, 1)
    audit = services.audit_record(actor=None, organisation=organisation, date=day)
    review = services.review_record(
        actor=None,
        provider=organisation,
        visit_date=day,
        findings="Fine.",
        recommendations=["Open later."],
    )
    recommendation = review.recommendations.get()
    course = services.course_record(
        actor=None, title="Auditing", kind="young_auditor", date=day, attendees=[young_person]
    )
    ids = {
        "/api/v1/audits/": audit.pk,
        "/api/v1/provision-reviews/": review.pk,
        "/api/v1/recommendations/": recommendation.pk,
        "/api/v1/young-people-courses/": course.pk,
    }
    bodies = {
        ("post", "/api/v1/audits/"): {
            "organisation": organisation.pk,
            "date": today,
            "levels": [{"standard": "strategy", "level": "advanced"}],
        },
        ("patch", "/api/v1/audits/{id}/"): {"notes": "Checked."},
        ("post", "/api/v1/provision-reviews/"): {
            "provider": organisation.pk,
            "visit_date": today,
            "findings": "Good.",
            "recommendations": ["More posters."],
        },
        ("patch", "/api/v1/provision-reviews/{id}/"): {"notes": "Revisit booked."},
        ("post", "/api/v1/recommendations/"): {"review": review.pk, "text": "Later hours."},
        ("patch", "/api/v1/recommendations/{id}/"): {"text": "Open later, please."},
        ("post", "/api/v1/recommendations/{id}/respond/"): {"response": "We will."},
        ("post", "/api/v1/recommendations/{id}/revisit/"): {"outcome": "acted_on"},
        ("post", "/api/v1/young-people-courses/"): {
            "title": "Commissioning",
            "kind": "young_commissioner",
            "date": today,
        },
        ("patch", "/api/v1/young-people-courses/{id}/"): {"valid_for_months": 12},
    }
    return ids, bodies
