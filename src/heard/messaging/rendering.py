"""A message's words: a subject and a plain-text and HTML body per kind, from templates
(``messaging/email/<kind>.txt`` and ``.html``), and the same fields for a Notify template."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "feedback_told": _("What happened to what you said"),
    "visits_overdue": _("Heard: visits overdue"),
    "feedback_owed": _("Heard: feedback owed to young people"),
    "actions_due": _("Heard: actions past their due date"),
    "checks_due": _("Heard: background checks due"),
    "concerns_waiting": _("Heard: concerns waiting"),
}


def render(kind: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """The subject, plain text and HTML of a message of ``kind``."""
    text = render_to_string(f"messaging/email/{kind}.txt", context).strip() + "\n"
    html = render_to_string(f"messaging/email/{kind}.html", context)
    return str(SUBJECTS[kind]), text, html
