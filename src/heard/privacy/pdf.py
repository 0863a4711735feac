"""The subject access export as a readable PDF (reportlab)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

SECTIONS = (
    ("groups", "Groups"),
    ("sessions", "Sessions"),
    ("views", "What they said (views)"),
    ("feedback", "Feedback given to them"),
    ("ratings", "Their ratings"),
    ("consents", "Consents"),
)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _lines(value: Any, styles: Any, depth: int = 0) -> list[Any]:
    style = styles["BodyText"]
    out: list[Any] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list | dict):
                out.append(Paragraph(f"<b>{escape(_label(key))}</b>", style))
                out += _lines(item, styles, depth + 1)
            else:
                text = "" if item in (None, "") else str(item)
                out.append(Paragraph(f"<b>{escape(_label(key))}:</b> {escape(text)}", style))
    elif isinstance(value, list):
        if not value:
            out.append(Paragraph("None.", style))
        for item in value:
            out += _lines(item, styles, depth + 1)
            out.append(Spacer(1, 2 * mm))
    else:
        out.append(Paragraph(escape(str(value)), style))
    return out


def subject_access_pdf(data: dict[str, Any]) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title="Subject access export",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    reference = data["young_person"]["reference"]
    story: list[Any] = [
        Paragraph(f"Everything we hold about {escape(reference)}", styles["Title"]),
        Paragraph(f"Produced {escape(data['generated_at'])}.", styles["BodyText"]),
        Paragraph("Their record", styles["Heading2"]),
        *_lines(data["young_person"], styles),
    ]
    for key, title in SECTIONS:
        story += [Paragraph(title, styles["Heading2"]), *_lines(data[key], styles)]
    story.append(Paragraph("Equality monitoring", styles["Heading2"]))
    if data["equality_monitoring"] is None:
        story.append(Paragraph("None held.", styles["BodyText"]))
    else:
        story += _lines(data["equality_monitoring"], styles)
    doc.build(story)
    return buffer.getvalue()
