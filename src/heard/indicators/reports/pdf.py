"""A report as a tagged PDF/UA-1 (``heard.core.pdf``, ``report.typ``): its tables, each
indicator's trend chart (as its page draws it, kept with the report) and bar charts of the
sessions by degree and by type drawn here as SVG, each with its words as alternative text (the
figures are in the tables after them too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from heard.core import pdf
from heard.core.disclosure import PROTECTED_NOTE

TEMPLATE = Path(__file__).parent.parent / "templates" / "indicators" / "reports" / "report.typ"
#: The tables charted, by key.
CHARTED = ("sessions_by_degree", "sessions_by_type")
_BAR, _LABEL_WIDTH, _WIDTH = 22, 260, 560


def bar_chart(rows: list[list[Any]]) -> str:
    """Horizontal bars, one per row (label, count), as SVG."""
    most = max([int(row[1]) for row in rows] + [1])
    height = _BAR * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}">'
    ]
    for i, (label, count) in enumerate(rows):
        y = 5 + i * _BAR
        width = (_WIDTH - _LABEL_WIDTH - 40) * int(count) / most
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="11">{escape(str(label)[:45])}</text>'
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{_BAR - 6}" '
            f'fill="#1d70b8"/><text x="{_LABEL_WIDTH + width + 4:.1f}" y="{y + 15}" '
            f'font-size="11">{int(count)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def report_pdf(figures: dict[str, Any], *, title: str, made: str) -> bytes:
    """The report's PDF, as the reader's figures (exact or protected) have it."""
    charts = list(figures.get("charts", []))
    for table in figures["tables"]:
        if table["key"] in CHARTED:
            words = "; ".join(f"{label}: {count}" for label, count in table["rows"])
            charts.append({"title": table["title"], "svg": bar_chart(table["rows"]), "alt": words})
    subtitle = figures["organisation_name"] or "The whole partnership"
    data = {
        "title": title,
        "subtitle": f"{subtitle}, {figures['label']}",
        "made": made,
        "note": "" if figures["exact"] else PROTECTED_NOTE,
        "charts": charts,
        "tables": figures["tables"],
    }
    return pdf.render(TEMPLATE, data)
