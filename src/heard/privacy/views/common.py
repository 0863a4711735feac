"""What privacy's pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from heard.core.forms import form_page


def back_to(
    request: HttpRequest, form: Any, save: Callable[[], Any], back: str, **page: Any
) -> HttpResponse:
    """A form page (``heard.core.forms.form_page``) that leads back to the address ``back``
    once saved, and on Cancel."""
    return form_page(request, form, save, then=back, cancel_url=back, **page)


def young_person_form(
    request: HttpRequest,
    form: Any,
    service: Callable[..., Any],
    young_person: Any,
    back: str,
    **page: Any,
) -> HttpResponse:
    """A form page about one young person: once valid, ``service(actor=, young_person=,
    **cleaned_data)``, then back to the page ``back`` (a URL name taking their pk)."""
    return back_to(
        request,
        form,
        lambda: service(actor=request.user, young_person=young_person, **form.cleaned_data),
        reverse(back, args=[young_person.pk]),
        **page,
    )
