"""The staff pages of one kind of record, declared once (after Wagtail's ``ModelViewSet``).

Every app adds, edits and deletes its records the same way: get the record the user may see, check
the permission, show the form (its initial values from the record), call the service, flash what
happened and go to the record's page; a delete (or any decision that takes no input) is confirmed on
a page of its own. A :class:`Record` says once what differs: the URL names, the permission names,
the nouns, how to get one record and how to label it, its form. Its methods make the views:

    OPPORTUNITY = Record("opportunities:opportunity", "opportunities.opportunity",
                         selectors.opportunity_get, form=OpportunityForm)
    opportunity_edit = OPPORTUNITY.edit_view(services.opportunity_update)

The views are those once written out by hand. A delete template extends ``core/record_delete.html``
and says only its caption and its warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import PurePath
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.confirm import confirm_page
from heard.core.files import stored_file_response
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.page_routes import caller_module, named
from heard.core.permissions import can, require

View = Callable[..., HttpResponse]
Values = Callable[[Any], Mapping[str, Any]]
Message = str | Callable[[Any], str]
#: All of a form's cleaned values: what a create passes to its service.
cleaned: Values = attrgetter("cleaned_data")


def own_values(otherwise: Values) -> Values:
    """A form's ``values()``, what its service takes, when it has them; else ``otherwise``'s."""
    return lambda form: form.values() if hasattr(form, "values") else otherwise(form)


def _data(request: HttpRequest, files: bool) -> list[Any]:
    """A form's data (and files): the request's on a POST, none (an unbound form) otherwise."""
    posted = request.method == "POST"
    data: list[Any] = [request.POST if posted else None]
    if files:
        data.append(request.FILES if posted else None)
    return data


def attachment(file: FieldFile, stem: str, content_type: str) -> HttpResponseBase:
    """A record's file as a download named ``stem`` and its suffix: never sniffed or cached
    (streamed from disk, or a short-lived signed link to object storage: heard.core.files)."""
    name = f"{stem}{PurePath(file.name or '').suffix}"
    return stored_file_response(file, name, content_type)


@dataclass(frozen=True)
class Record:
    """One kind of record's staff pages.

    ``route`` is the URL names' stem (``"opportunities:opportunity"`` for
    ``opportunities:opportunity-detail`` and ``-list``); ``model`` the permissions' stem
    (``"opportunities.opportunity"`` for ``opportunities.change_opportunity``); ``get(user, pk)``
    the selector that returns one record the user may see (or raises 404). ``noun`` is how
    messages name one ("opportunity", from the route unless given) and the keyword its services
    take it by (``opportunity=...``); ``label(record)`` how titles name it (its ``title``).
    ``form`` is the form class, ``initial(record)`` its values for an edit, ``form_kwargs(request,
    record)`` what else the form takes (``None`` for a create) besides ``user`` (unless
    ``form_user`` is false); ``files`` whether it uploads. ``page(record)`` is the URL of the
    page a record is shown on, when that is not its own ``-detail`` (a proposal's round).
    ``saved(request, record)`` runs after a create's or an edit's service (to warn of something).
    """

    route: str
    model: str
    get: Callable[[Any, Any], Any]
    form: type | None = None
    initial: Callable[[Any], Mapping[str, Any]] | None = None
    noun: str = ""
    label: Callable[[Any], str] = attrgetter("title")
    files: bool = False
    form_kwargs: Callable[[HttpRequest, Any], Mapping[str, Any]] = field(
        default=lambda request, record: {}
    )
    form_user: bool = True
    page: Callable[[Any], str] | None = None
    saved: Callable[[HttpRequest, Any], None] | None = None

    @property
    def name(self) -> str:
        return self.noun or self.route.rpartition(":")[2]

    @property
    def context_name(self) -> str:
        return self.name.replace(" ", "_")

    def permission(self, action: str) -> str:
        """``"change"`` -> ``"opportunities.change_opportunity"``; a whole permission name
        (``"decisions.add_proposal"``) stays itself."""
        if "." in action:
            return action
        app, _, model = self.model.partition(".")
        return f"{app}.{action}_{model}"

    def url(self, record: Any) -> str:
        if self.page is not None:
            return self.page(record)
        return reverse(f"{self.route}-detail", args=[record.pk])

    def list_url(self) -> str:
        return reverse(f"{self.route}-list")

    def fetch(self, request: HttpRequest, pk: Any, action: str | None = None) -> Any:
        """The record ``pk`` as the user sees it, when they may ``action`` it (if given)."""
        record = self.get(request.user, pk)
        if action:
            require(request.user, self.permission(action), record)
        return record

    def saving(self, request: HttpRequest, call: Callable[[], Any]) -> Callable[[], Any]:
        def save() -> Any:
            record = call()
            if self.saved is not None:
                self.saved(request, record)
            return record

        return save

    def make_form(
        self, request: HttpRequest, record: Any = None, form: type | None = None, **kwargs: Any
    ) -> Any:
        form = form or self.form
        if form is None:
            raise TypeError(f"{self.route} declares no form")
        if self.form_user:
            kwargs["user"] = request.user
        return form(*_data(request, self.files), **self.form_kwargs(request, record), **kwargs)

    def link_column(self, heading: str, attribute: str, **options: Any) -> tables.Column:
        """The list's first column: ``attribute`` as a link to the record's page."""
        cell = (
            f'<a class="govuk-link" href="{{% url "{self.route}-detail" row.pk %}}">'
            f"{{{{ row.{attribute} }}}}</a>"
        )
        return tables.Column(heading, attribute, cell=cell, **options)

    def list_view(
        self,
        *,
        title: str,
        selector: Callable[[Any], Any],
        base: type[StaffListView] = StaffListView,
        **attributes: Any,
    ) -> type[StaffListView]:
        """The records' list page: ``<app>/<name>_list.html``, for those with the view
        permission, an "Add" button for those with the add one; ``attributes`` as for
        :class:`~heard.core.lists.StaffListView` (``filterset_class``, ``columns``, ...), whose
        subclass ``base`` may add methods."""
        app, _, name = self.route.partition(":")
        attributes = {
            "template_name": f"{app}/{name.replace('-', '_')}_list.html",
            "permission_required": self.permission("view"),
            "context_permissions": {"can_add": self.permission("add")},
            "title": title,
            "selector": staticmethod(selector),
            "__module__": caller_module(__name__),
            **attributes,
        }
        label = "".join(part.capitalize() for part in name.split("-"))
        return type(f"{label}ListView", (base,), attributes)

    def detail_context(self, user: Any, record: Any) -> dict[str, Any]:
        """What every record's page has: the record, its title, whether the user may change
        or delete it and see its history."""
        return {
            self.context_name: record,
            "title": self.label(record),
            "can_change": can(user, self.permission("change"), record),
            "can_delete": can(user, self.permission("delete"), record),
            "can_view_history": can(user, "core.view_history"),
        }

    def detail_view(
        self,
        template: str,
        context: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None,
    ) -> View:
        """The record's page: :meth:`detail_context` and ``context(request, record)``."""

        @login_required
        def detail(request: HttpRequest, pk: int) -> HttpResponse:
            record = self.get(request.user, pk)
            more = context(request, record) if context else {}
            return render(request, template, {**self.detail_context(request.user, record), **more})

        return named(detail, f"{self.name}_detail")

    def create_view(
        self,
        add: Callable[..., Any],
        *,
        title: str,
        submit_label: str,
        success: Message | None = None,
        values: Values = own_values(cleaned),  # noqa: B008 - a function, never changed
        initial: Callable[[HttpRequest], Mapping[str, Any]] | None = None,
        form: type | None = None,
    ) -> View:
        """Add a record: the form (``form``, else the record's), then ``add(actor=user,
        **values(form))`` (its ``values()``, else all its cleaned values); to the new record's
        page with "<Noun> “<label>” added." (or ``success``)."""

        form_class = form

        @login_required
        def create(request: HttpRequest) -> HttpResponse:
            user = request.user
            require(user, self.permission("add"))
            form = self.make_form(
                request, form=form_class, initial=initial(request) if initial else {}
            )
            return form_page(
                request,
                form,
                self.saving(request, lambda: add(actor=user, **values(form))),
                success=success or (lambda added: f"{self._noun()} “{self.label(added)}” added."),
                then=self.url,
                title=title,
                submit_label=submit_label,
                cancel_url=self.list_url(),
            )

        return named(create, f"{self.name}_create")

    def edit_view(
        self,
        update: Callable[..., Any],
        *,
        values: Values = own_values(changed_values),  # noqa: B008 - a function, never changed
        title: Callable[[Any], str] | None = None,
        initial: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None,
        submit_label: str = "Save changes",
        success: str = "",
    ) -> View:
        """Edit a record: the form with ``initial(record)``, then ``update(actor=user, <keyword>=
        record, **values(form))`` (its ``values()``, else those changed); back to its page with
        "<Noun> updated." (or ``success``). ``initial(request, record)`` stands for the record's."""

        @login_required
        def edit(request: HttpRequest, pk: int) -> HttpResponse:
            user = request.user
            record = self.fetch(request, pk, "change")
            if initial is not None:
                values_now = initial(request, record)
            else:
                values_now = self.initial(record) if self.initial else {}
            form = self.make_form(request, record, initial=values_now)
            return form_page(
                request,
                form,
                self.saving(
                    request,
                    lambda: update(actor=user, **{self.context_name: record}, **values(form)),
                ),
                success=success or f"{self._noun()} updated.",
                then=self.url(record),
                title=title(record) if title else f"Edit {self.label(record)}",
                submit_label=submit_label,
                cancel_url=self.url(record),
            )

        return named(edit, f"{self.name}_edit")

    def delete_view(
        self,
        delete: Callable[..., Any],
        *,
        template: str,
        success: Message | None = None,
        title: Callable[[Any], str] | None = None,
    ) -> View:
        """Delete a record after a confirmation page (``template``, which extends
        ``core/record_delete.html``); to the list with "<Noun> “<label>” deleted."."""
        return self.confirm_view(
            "delete",
            delete,
            template=template,
            title=title or (lambda record: f"Delete {self.label(record)}?"),
            success=success or (lambda record: f"{self._noun()} “{self.label(record)}” deleted."),
            then=lambda record: self.list_url(),
        )

    def form_view(
        self,
        action: str,
        call: Callable[..., Any],
        *,
        form: type,
        title: Callable[[Any], str],
        submit_label: str,
        success: Message,
        values: Values = cleaned,
        files: bool = False,
        form_kwargs: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None,
        initial: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None,
        then: Callable[[Any], str] | None = None,
        name: str = "",
    ) -> View:
        """Something done to one record with a few answers of its own (reject with a reason, add
        an item): when the user may ``action`` the record, ``form`` (not the record's), then
        ``call(actor=user, <keyword>=record, **values(form))``; back to the record's page (or
        to ``then(saved)``). ``form_kwargs`` and ``initial`` are made from the request and the
        record."""

        @login_required
        def act(request: HttpRequest, pk: int) -> HttpResponse:
            user = request.user
            record = self.fetch(request, pk, action)
            more = dict(form_kwargs(request, record)) if form_kwargs else {}
            if initial is not None:
                more["initial"] = initial(request, record)
            bound = form(*_data(request, files), **more)
            return form_page(
                request,
                bound,
                lambda: call(actor=user, **{self.context_name: record}, **values(bound)),
                success=success,
                then=then or self.url(record),
                title=title(record),
                submit_label=submit_label,
                cancel_url=self.url(record),
            )

        return named(act, name or f"{self.name}_{action}")

    def confirm_view(
        self,
        action: str,
        call: Callable[..., Any],
        *,
        template: str,
        title: Callable[[Any], str],
        success: Message,
        then: Callable[[Any], str] | None = None,
        context: Callable[[Any], Mapping[str, Any]] | None = None,
        back: Callable[[Any], str] | None = None,
        name: str = "",
    ) -> View:
        """A decision that takes no input, confirmed on its own page: when the user may
        ``action`` the record, a POST calls ``call(actor=user, <keyword>=record)``; its
        ValidationError shows on the page (400), otherwise ``success`` is flashed and the page
        goes to ``then(record)`` (the record's page). Its back and cancel links go to
        ``back(record)`` (the record's page); ``context(record)`` adds to the template's."""

        @login_required
        @require_http_methods(["GET", "POST"])
        def confirm(request: HttpRequest, pk: int) -> HttpResponse:
            user = request.user
            record = self.fetch(request, pk, action)

            def page() -> dict[str, Any]:
                back_url = back(record) if back else self.url(record)
                return {
                    self.context_name: record,
                    "obj": record,
                    "label": self.label(record),
                    "noun": self.name,
                    "back": back_url,
                    "cancel_url": back_url,
                    "confirm": f"{action.capitalize()} the {self.name}",
                    "title": title(record),
                    **(context(record) if context else {}),
                }

            return confirm_page(
                request,
                lambda: call(actor=user, **{self.context_name: record}),
                success=lambda: success(record) if callable(success) else success,
                then=lambda: then(record) if then else self.url(record),
                template=template,
                context=page,
            )

        return named(confirm, name or f"{self.name}_{action}")

    def _noun(self) -> str:
        return self.name[:1].upper() + self.name[1:]
