"""A decision confirmed on a page of its own (withdraw a sign-up, close a concern, delete an
item): the page asks, a POST decides. Written once, for ``Record.confirm_view`` and the pages that
are not one record's standard decision."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

Text = str | Callable[[], str]


def confirm_page(
    request: HttpRequest,
    act: Callable[[], Any],
    *,
    success: Text,
    then: Text,
    template: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    error_status: int = 400,
) -> HttpResponse:
    """On a POST, ``act()`` (the service); its ValidationError's messages show on the page as
    ``error`` (with ``error_status``), otherwise ``success`` is flashed and the page goes to
    ``then``. A GET shows ``template`` with ``context``. Each of ``success``, ``then`` and
    ``context`` may be a function, called only when it is needed."""
    error = ""
    if request.method == "POST":
        try:
            act()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, success() if callable(success) else success)
            return redirect(then() if callable(then) else then)
    page = {**(context() if callable(context) else context), "error": error}
    return render(request, template, page, status=error_status if error else 200)
