"""The resources records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from heard.resources import services


def resource_requests(organisation: Any, session: Any, theme: Any) -> tuple[dict, dict]:
    resource = services.resource_add(
        actor=None,
        title="Consultation toolkit",
        kind="toolkit",
        summary="Plan a consultation young people enjoy.",
        organisation=organisation,
        themes=[theme],
        age_bands=["14_15"],
        file=SimpleUploadedFile("toolkit.pdf", b"%PDF-1.4\n"),
        published=True,
    )
    other = services.resource_add(
        actor=None,
        title="Case study",
        kind="case_study",
        summary="A youth panel recruits a manager.",
        link="https://example.org/case-study",
    )
    use = services.session_resource_add(actor=None, session=session, resource=resource)
    ids = {"/api/v1/resources/": resource.pk, "/api/v1/session-resources/": use.pk}
    bodies = {
        ("post", "/api/v1/resources/"): {
            "title": "Budget game",
            "kind": "session_plan",
            "summary": "Spend a pretend million.",
            "themes": [theme.pk],
            "age_bands": ["16_17"],
            "link": "https://example.org/budget-game",
            "published": True,
        },
        ("patch", "/api/v1/resources/{id}/"): {"summary": "Plan it with young people."},
        ("post", "/api/v1/session-resources/"): {"session": session.pk, "resource": other.pk},
    }
    return ids, bodies
