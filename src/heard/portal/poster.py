"""The printable "You said, we did" poster: one A4 page for a youth club wall, tagged PDF/UA-1
(heard.core.pdf, templates/pdf/poster.typ).

A big heading, then a few published views, each with what was done, in big type; the template
scales the content down when long items would not fit one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from heard.core import pdf
from heard.portal.selectors import PublicItem

TEMPLATE = Path(__file__).parent / "templates" / "pdf" / "poster.typ"
POSTER_ITEMS = 4
TEXT_LIMIT = 220


def _short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "..."


def poster_pdf(*, items: Sequence[PublicItem], subtitle: str, footer: str = "") -> bytes:
    """The poster as PDF bytes: up to four items, scaled if need be to fit one page."""
    shown = []
    for item in list(items)[:POSTER_ITEMS]:
        response = item.responses[0] if item.responses else None
        shown.append(
            {
                "said": _short(item.view.text),
                "did_label": f"We did: {response.get_outcome_display()}" if response else "We did",
                "did": _short(response.plain_language)
                if response
                else "We are still working on this.",
            }
        )
    return pdf.render(TEMPLATE, {"subtitle": subtitle, "footer": footer, "items": shown})
