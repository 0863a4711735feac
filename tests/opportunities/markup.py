"""Opportunities and sign-ups whose every stored string is a payload, for the stored-markup
crawl (tests/core/test_form_markup.py), and the ids each page needs. The portal's pages are
opened as the world's young person (``PORTAL_PAGES``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from heard.opportunities import services
from heard.opportunities.models import SignUp

#: The portal's "Get involved" pages, opened as the signed-in young person.
PORTAL_PAGES = (
    "opportunities:portal-list",
    "opportunities:portal-mine",
    "opportunities:portal-detail",
    "opportunities:portal-sign-up",
    "opportunities:portal-withdraw",
)


def opportunity_pages(
    organisation: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    today = timezone.localdate()
    starts = timezone.now() + datetime.timedelta(days=30)

    def add(name: str, **extra: Any) -> Any:
        return services.opportunity_add(
            actor=None,
            title=payload(name),
            kind="focus_group",
            description=payload("Description"),
            organisation=organisation,
            starts_at=starts,
            closes_on=today + datetime.timedelta(days=20),
            place=payload("Place"),
            accessibility=payload("Accessibility"),
            status="published",
            **extra,
        )

    signed_up = add("Signed up", areas=[payload("Area")])
    open_one = add("Open")
    sign_up = SignUp.objects.create(
        opportunity=signed_up, young_person=young_person, how=SignUp.How.WORKER
    )
    return {
        "opportunities:opportunity-detail": {"pk": signed_up.pk},
        "opportunities:opportunity-edit": {"pk": signed_up.pk},
        "opportunities:opportunity-delete": {"pk": open_one.pk},
        "opportunities:opportunity-sign-ups": {"pk": signed_up.pk},
        "opportunities:opportunity-attendance": {"pk": signed_up.pk},
        "opportunities:sign-up-create": {"pk": signed_up.pk},
        "opportunities:sign-up-withdraw": {"pk": sign_up.pk},
        "opportunities:portal-detail": {"pk": signed_up.pk},
        "opportunities:portal-sign-up": {"pk": open_one.pk},
        "opportunities:portal-withdraw": {"pk": sign_up.pk},
    }
