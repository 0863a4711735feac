"""Resources whose every stored string is a payload, for the stored-markup crawl
(tests/core/test_form_markup.py), and the ids each page needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from heard.resources import services


def resource_pages(
    organisation: Any, session: Any, theme: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    resource = services.resource_add(
        actor=None,
        title=payload("Resource"),
        kind="toolkit",
        summary=payload("Summary"),
        organisation=organisation,
        themes=[theme],
        age_bands=["14_15"],
        link="https://example.org/?q=%3Cb%20id%3Dxinj%3E",
        file=SimpleUploadedFile("toolkit.pdf", b"%PDF-1.4\n"),
        published=True,
    )
    use = services.session_resource_add(actor=None, session=session, resource=resource)
    return {
        "resources:resource-detail": {"pk": resource.pk},
        "resources:resource-edit": {"pk": resource.pk},
        "resources:resource-delete": {"pk": resource.pk},
        "resources:resource-download": {"pk": resource.pk},
        "resources:session-resources": {"pk": session.pk},
        "resources:session-resource-remove": {"pk": use.pk},
    }
