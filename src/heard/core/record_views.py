"""Small pieces the staff pages of many apps share, beside :class:`heard.core.records.Record`:
the URL of a record's page, a record's values for its edit form, a list whose rows carry figures
that depend on the reader, a record's stored file sent as a download, and the page that does
something to one record with a form of its own (add a headcount to a session)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.core.forms import form_page
from heard.core.lists import StaffListView
from heard.core.permissions import require
from heard.core.records import attachment, named

#: A record's figure for one reader: ``figure(user, record)``.
Figure = Callable[[Any, Any], Any]


def page_url(name: str) -> Callable[[Any], str]:
    """The URL of the page ``name`` of one record, given the record or its primary key:
    ``round_url = page_url("decisions:round-detail")``."""

    def url(record: Any) -> str:
        pk = record if isinstance(record, int) else record.pk
        return reverse(name, args=[pk])

    return url


def values_of(*names: str, **attributes: str) -> Callable[[Any], dict[str, Any]]:
    """A record's values as its edit form's initial ones: each of ``names`` read from the
    record's attribute of that name, each of ``attributes`` from the attribute it names
    (``organisation="organisation_id"``)."""
    read = {name: name for name in names} | attributes

    def values(record: Any) -> dict[str, Any]:
        return {name: getattr(record, attribute) for name, attribute in read.items()}

    return values


class FiguresListView(StaffListView):
    """A list whose rows carry figures that depend on the reader, each shown exact or
    protected (``heard.core.disclosure``) alike on the page and in the exports:
    ``figures = {"shown_response_count": selectors.shown_response_count}`` sets each row's
    ``shown_response_count`` to ``selectors.shown_response_count(user, row)``."""

    figures: Mapping[str, Figure] = {}

    def prepare_row(self, row: Any) -> Any:
        for name, figure in self.figures.items():
            setattr(row, name, figure(self.request.user, row))
        return row


class ShareListView(FiguresListView):
    """A list with a share of its filtered rows shown above them (how many decisions involved
    young people): ``share = staticmethod(selectors.decisions_share)`` sets the page's
    ``share`` to ``share(rows)``."""

    share: Callable[[Any], Any]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["share"] = self.share(self.object_list)
        return context


def download_view(
    get: Callable[[Any, Any], Any],
    *,
    name: str,
    stem: str,
    missing: str,
    file: str = "file",
    content_type: str = "content_type",
) -> Callable[..., HttpResponseBase]:
    """The only way to a record's stored file: the record ``get(user, pk)`` (checked as its page
    is), its field ``file`` sent as a download named ``<stem>-<pk>`` with the content type held
    in its field ``content_type`` (by default the fields ``file`` and ``content_type``); 404
    with ``missing`` when it has none."""

    @login_required
    def download(request: HttpRequest, pk: int) -> HttpResponseBase:
        record = get(request.user, pk)
        stored = getattr(record, file)
        if not stored:
            raise Http404(missing)
        return attachment(stored, f"{stem}-{record.pk}", getattr(record, content_type))

    return named(download, name)


def record_form_page(
    request: HttpRequest,
    record: Any,
    form: Any,
    call: Callable[..., Any],
    *,
    keyword: str,
    back: str,
    **options: Any,
) -> HttpResponse:
    """A form that does something to ``record``: on a valid POST ``call(actor=user,
    <keyword>=record, **form.cleaned_data)``, then to ``back``, which the cancel link goes to
    too; ``options`` as for :func:`heard.core.forms.form_page` (``success``, ``title``, ...)."""
    return form_page(
        request,
        form,
        lambda: call(actor=request.user, **{keyword: record}, **form.cleaned_data),
        then=back,
        cancel_url=back,
        **options,
    )


def record_form_view(
    get: Callable[[Any, Any], Any],
    permission: str,
    call: Callable[..., Any],
    *,
    form: Callable[..., Any],
    keyword: str,
    back: Callable[[Any], str],
    title: Callable[[Any], str],
    name: str,
    form_kwargs: Callable[[Any, Any], Mapping[str, Any]] | None = None,
    context: Callable[[Any], Mapping[str, Any]] | None = None,
    **options: Any,
) -> Callable[..., HttpResponse]:
    """The page that adds something to a record another app owns (a headcount or an evaluation
    to a session): the record ``get(user, pk)``, when the user has ``permission`` on it;
    ``form(request.POST or None, **form_kwargs(user, record))``; :func:`record_form_page` back
    to ``back(record)`` with ``title(record)``, ``context(record)`` and ``options`` (``success``,
    ``submit_label``, ``template``)."""

    @login_required
    def add(request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        record = get(user, pk)
        require(user, permission, record)
        more = form_kwargs(user, record) if form_kwargs else {}
        return record_form_page(
            request,
            record,
            form(request.POST or None, **more),
            call,
            keyword=keyword,
            back=back(record),
            title=title(record),
            **(context(record) if context else {}),
            **options,
        )

    return named(add, name)


def remove_view(
    get: Callable[[Any, Any], Any],
    permission: str,
    call: Callable[..., Any],
    *,
    keyword: str,
    back: Callable[[Any], str],
    template: str,
    title: Callable[[], str],
    success: Callable[[Any], str],
    name: str,
    checked: Callable[[Any], Any] = lambda record: record,
    methods: list[str] | None = None,
) -> Callable[..., HttpResponse]:
    """The page that removes a row from a session (a headcount, a resource used) once
    confirmed: the row ``get(user, pk)``, when the user has ``permission`` on ``checked(row)``;
    a POST calls ``call(actor=user, <keyword>=row)``, flashes ``success(row)`` and goes
    ``back(row)``; any other request shows ``template`` with the row as ``<keyword>``,
    ``title()`` and the cancel link. ``methods`` (``["GET", "POST"]``) refuses any other."""

    def remove(request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        record = get(user, pk)
        require(user, permission, checked(record))
        back_url = back(record)
        if request.method == "POST":
            call(actor=user, **{keyword: record})
            messages.success(request, success(record))
            return redirect(back_url)
        context = {keyword: record, "title": title(), "cancel_url": back_url}
        return render(request, template, context)

    view = require_http_methods(methods)(remove) if methods else remove
    return named(login_required(view), name)
