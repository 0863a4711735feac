"""What the audits pages share: linked cells, the History link and the delete confirmation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from heard.core.permissions import can


def link(url_name: str, text: str) -> str:
    """A cell's template: ``text`` linked to the row's page ``url_name``."""
    return f'<a class="govuk-link" href="{{% url "{url_name}" row.pk %}}">{text}</a>'


def history_url(user: Any, label: str, pk: int) -> str:
    """The record's History page, for those who may read it; else ""."""
    if not can(user, "core.view_history"):
        return ""
    return reverse("core:history", args=[label, pk])


def delete_page(
    request: HttpRequest,
    *,
    what: str,
    delete: Callable[[], Any],
    back: str,
    then: str,
    warning: str = "",
) -> HttpResponse:
    """Ask before deleting ``what``: on POST ``delete()`` and go to ``then`` with a message."""
    if request.method == "POST":
        delete()
        messages.success(request, f"{what[:1].upper()}{what[1:]} deleted.")
        return redirect(then)
    context = {"title": f"Delete {what}?", "warning": warning, "cancel_url": back}
    return render(request, "audits/confirm_delete.html", context)
