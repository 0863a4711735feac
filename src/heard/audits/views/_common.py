"""What the audits pages share: linked cells and the delete confirmation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heard.core.records import Record


def link(url_name: str, text: str) -> str:
    """A cell's template: ``text`` linked to the row's page ``url_name``."""
    return f'<a class="govuk-link" href="{{% url "{url_name}" row.pk %}}">{text}</a>'


def the_named(record: Any) -> str:
    """How titles and messages name an audit or a review: "the" and its name, lower-cased at
    first ("the audit of Cambridge Youth Club, 1 March 2026")."""
    text = str(record)
    return f"the {text[:1].lower()}{text[1:]}"


def delete_view(record: Record, delete: Callable[..., Any], warning: str) -> Any:
    """Ask before deleting one of ``record``'s kind (named by its label, "the course X"), saying
    ``warning``; once confirmed, delete it and go to their list with a message."""

    def what(obj: Any) -> str:
        return record.label(obj)

    return record.confirm_view(
        "delete",
        delete,
        template="audits/confirm_delete.html",
        title=lambda obj: f"Delete {what(obj)}?",
        success=lambda obj: f"{what(obj)[:1].upper()}{what(obj)[1:]} deleted.",
        then=lambda obj: record.list_url(),
        context=lambda obj: {"warning": warning},
    )
