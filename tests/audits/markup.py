"""Audits whose every stored string is a payload, for the stored-markup crawl
(tests/core/test_form_markup.py), and the ids each audits page needs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from heard.audits import services


def audit_pages(
    organisation: Any, staff: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    audit = services.audit_record(
        actor=None,
        organisation=organisation,
        service=payload("Service"),
        date=datetime.date(2026, 3, 1),
        auditors=[staff],
        young_auditors=[young_person],
        levels={"strategy": ("advanced", payload("Evidence"))},
        decision="awarded",
        expires_on=datetime.date(2099, 3, 1),
        notes=payload("Notes"),
    )
    review = services.review_record(
        actor=None,
        provider=organisation,
        service=payload("Service"),
        visit_date=datetime.date(2026, 3, 1),
        reviewers=[young_person],
        findings=payload("Findings"),
        notes=payload("Notes"),
        recommendations=[payload("Recommendation")],
    )
    recommendation = review.recommendations.get()
    services.recommendation_check(
        actor=None,
        recommendation=recommendation,
        outcome="not_acted_on",
        outcome_note=payload("Note"),
    )
    recommendation.response = payload("Response")
    recommendation.save(update_fields=["response"])
    course = services.course_record(
        actor=None,
        title=payload("Course"),
        kind="young_auditor",
        date=datetime.date(2026, 3, 1),
        attendees=[young_person],
        notes=payload("Notes"),
    )
    return {
        "audits:course-detail": {"pk": course.pk},
        "audits:course-edit": {"pk": course.pk},
        "audits:course-delete": {"pk": course.pk},
        "audits:review-detail": {"pk": review.pk},
        "audits:review-edit": {"pk": review.pk},
        "audits:review-delete": {"pk": review.pk},
        "audits:review-recommend": {"pk": review.pk},
        "audits:recommendation-edit": {"pk": recommendation.pk},
        "audits:recommendation-respond": {"pk": recommendation.pk},
        "audits:recommendation-check": {"pk": recommendation.pk},
        "audits:audit-detail": {"pk": audit.pk},
        "audits:audit-edit": {"pk": audit.pk},
        "audits:audit-delete": {"pk": audit.pk},
    }
