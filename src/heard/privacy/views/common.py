"""What privacy's pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from heard.core.forms import form_page


def back_to(
    request: HttpRequest, form: Any, save: Callable[[], Any], back: str, **page: Any
) -> HttpResponse:
    """A form page (``heard.core.forms.form_page``) that leads back to the address ``back``
    once saved, and on Cancel."""
    return form_page(request, form, save, then=back, cancel_url=back, **page)
