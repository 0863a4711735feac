"""The printable "You said, we did" poster: one A4 page for a youth club wall (reportlab).

A big heading, then a few published views, each with what was done, in big type. The content
stream is left uncompressed: the poster is small, and its words can then be found in the file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.flowables import HRFlowable

from heard.portal.selectors import PublicItem

TEAL = colors.HexColor("#1d4f5c")
POSTER_ITEMS = 4
TEXT_LIMIT = 220
MARGIN = 15 * mm

HEADING = ParagraphStyle(
    "heading",
    fontName="Helvetica-Bold",
    fontSize=54,
    leading=62,
    textColor=TEAL,
    alignment=TA_CENTER,
)
SUBHEADING = ParagraphStyle(
    "subheading",
    fontName="Helvetica",
    fontSize=22,
    leading=28,
    alignment=TA_CENTER,
    spaceAfter=8,
)
LABEL = ParagraphStyle(
    "label", fontName="Helvetica-Bold", fontSize=20, leading=26, textColor=TEAL, spaceBefore=10
)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=20, leading=27)
FOOTER = ParagraphStyle(
    "footer", fontName="Helvetica", fontSize=12, leading=16, alignment=TA_CENTER
)


def _short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "..."


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def poster_pdf(*, items: Sequence[PublicItem], subtitle: str, footer: str = "") -> bytes:
    """The poster as PDF bytes: up to four items, shrunk if need be to fit one page."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title="You said, we did",
        subject=subtitle,
        author="Heard",
        creator="Heard",
        lang="en-GB",
        pageCompression=0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="poster")
    doc.addPageTemplates([PageTemplate(id="poster", frames=[frame])])

    story: list = [_para("You said, we did", HEADING), _para(subtitle, SUBHEADING)]
    shown = list(items)[:POSTER_ITEMS]
    if not shown:
        story += [Spacer(1, 20 * mm), _para("Nothing to show here yet. Watch this space!", BODY)]
    for item in shown:
        story.append(HRFlowable(width="100%", thickness=2, color=TEAL, spaceBefore=8))
        story += [_para("You said", LABEL), _para(_short(item.view.text), BODY)]
        for response in item.responses[:1]:
            story += [
                _para(f"We did: {response.get_outcome_display()}", LABEL),
                _para(_short(response.plain_language), BODY),
            ]
        if not item.responses:
            story += [_para("We did", LABEL), _para("We are still working on this.", BODY)]
    if footer:
        story += [Spacer(1, 8 * mm), _para(footer, FOOTER)]
    doc.build([KeepInFrame(doc.width, doc.height, story, mode="shrink")])
    return buffer.getvalue()
