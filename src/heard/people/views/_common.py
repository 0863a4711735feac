"""What the people pages share: table cells that link, the Status column, add and edit pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.forms import form_page


def link(url_name: str, arg: str, text: str) -> str:
    """A cell's template: a link to ``url_name`` with the row's ``arg``, reading ``text``."""
    return f'<a class="govuk-link" href="{{% url "{url_name}" row.{arg} %}}">{text}</a>'


def linked(label: str, value: str, url_name: str, text: str = "") -> tables.Column:
    """A column whose cell links to the row's page ``url_name``, reading ``text`` (by default
    the value)."""
    return tables.Column(label, value, cell=link(url_name, "pk", text or f"{{{{ row.{value} }}}}"))


def status_column(inactive: str) -> tables.Column:
    """A list's Status column: "Active", or a grey tag reading ``inactive`` (not in the CSV,
    which has the Active column)."""
    tag = f'<strong class="govuk-tag govuk-tag--grey">{inactive}</strong>'
    return tables.Column(
        gettext_lazy("Status"),
        cell=f"{{% if row.is_active %}}Active{{% else %}}{tag}{{% endif %}}",
        in_csv=False,
    )


#: Each add page's title, its button, and the list its Cancel link goes back to.
_ADD_PAGES = {
    "young person": ("Add a young person", "Add young person", "people:young-person-list"),
    "organisation": ("Add an organisation", "Add organisation", "people:organisation-list"),
    "staff": ("Add a staff member", "Create account", "people:staff-list"),
}


def add_page(
    request: HttpRequest, form: Any, save: Any, page: str, added: str, then: Any
) -> HttpResponse:
    """The add page ``page`` of ``_ADD_PAGES``; once saved, the message ``added`` (formatted
    with the new record's attributes) and on to ``then``."""
    title, submit_label, back = _ADD_PAGES[page]
    texts = {"title": title, "submit_label": submit_label, "cancel_url": reverse(back)}

    def success(record: Any) -> str:
        return added.format_map(vars(record))

    return form_page(request, form, save, success=success, then=then, **texts)


def creating(request: HttpRequest, form: Any, create: Any) -> Any:
    """The save of an add page: ``create`` the record from the form's values, by the user."""
    return lambda: create(actor=request.user, **form.cleaned_data)


def edit_page(
    request: HttpRequest, form: Any, save: Any, name: str, called: str, back: str
) -> HttpResponse:
    """The edit page of the record ``name`` (``called`` in the message once saved): back to
    ``back`` when saved, or on Cancel."""
    texts = {
        "title": _("Edit %(name)s") % {"name": name},
        "submit_label": _("Save changes"),
        "cancel_url": back,
    }
    return form_page(request, form, save, success=f"{called} updated.", then=back, **texts)
