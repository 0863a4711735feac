"""Pages for the resources library and the resources a session used: selectors read, services
write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import KIND, SUMMARY_CSV
from heard.core.permissions import can, require
from heard.core.record_views import download_view, page_url, record_form_page, remove_view
from heard.core.records import Record
from heard.participation import selectors as participation_selectors
from heard.resources import selectors, services
from heard.resources.filters import ResourceFilter
from heard.resources.forms import ResourceForm, SessionResourceForm, resource_initial

RESOURCE = Record(
    "resources:resource",
    "resources.resource",
    selectors.resource_get,
    form=ResourceForm,
    initial=resource_initial,
    files=True,
    form_kwargs=lambda request, resource: {"resource": resource},
)


session_resources_url = page_url("resources:session-resources")


ResourceListView = RESOURCE.list_view(
    title="Resources",
    selector=selectors.resources_visible_to,
    filterset_class=ResourceFilter,
    columns=(
        RESOURCE.link_column("Title", "title"),
        KIND,
        tables.Column(
            gettext_lazy("Themes"), lambda row: ", ".join(str(t) for t in row.themes.all())
        ),
        tables.Column(
            gettext_lazy("Methods"), lambda row: ", ".join(m.name for m in row.methods.all())
        ),
        tables.Column(
            gettext_lazy("Age bands"), lambda row: ", ".join(row.age_band_labels()) or "Any age"
        ),
        tables.Column(gettext_lazy("Published"), "published"),
        tables.Column(gettext_lazy("Used in sessions"), "use_count", numeric=True),
        SUMMARY_CSV,
        tables.Column(
            gettext_lazy("Organisation"),
            lambda row: row.organisation.name if row.organisation else "The partnership",
            in_table=False,
        ),
        tables.Column(gettext_lazy("Link"), "link", in_table=False),
    ),
)


resource_detail = RESOURCE.detail_view(
    "resources/resource_detail.html",
    lambda request, resource: {"sessions": selectors.resource_sessions(request.user, resource)},
)


resource_create = RESOURCE.create_view(
    services.resource_add,
    title="Add a resource",
    submit_label="Add resource",
)
resource_edit = RESOURCE.edit_view(services.resource_update, values=lambda form: form.changed())
resource_delete = RESOURCE.delete_view(
    services.resource_delete, template="resources/resource_delete.html"
)


#: The only way to a resource's file: checked like the resource, sent as a download.
resource_download = download_view(
    selectors.resource_get,
    name="resource_download",
    stem="resource",
    missing="This resource has no file.",
)


# The resources a session used ------------------------------------------------------------------


@login_required
def session_resources(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Resources used in this session": the list, and a form to add one."""
    user = request.user
    session = participation_selectors.session_get(user, pk)
    can_add = can(user, "resources.add_sessionresource", session)
    form = SessionResourceForm(request.POST or None, user=user, session=session)
    if request.method == "POST":
        require(user, "resources.add_sessionresource", session)
        context = _session_context(user, session, form, can_add)
        del context["form"]
        return record_form_page(
            request,
            session,
            form,
            services.session_resource_add,
            keyword="session",
            back=session_resources_url(session.pk),
            template="resources/session_resources.html",
            success=lambda use: f"“{use.resource.title}” recorded as used.",
            **context,
        )
    return render(
        request, "resources/session_resources.html", _session_context(user, session, form, can_add)
    )


def _session_context(user: Any, session: Any, form: Any, can_add: bool) -> dict[str, Any]:
    return {
        "session": session,
        "uses": list(selectors.session_uses(user, session)),
        "form": form,
        "can_add": can_add,
        "title": _("Resources used in %(session)s") % {"session": session},
    }


session_resource_remove = remove_view(
    selectors.session_use_get,
    "resources.delete_sessionresource",
    services.session_resource_remove,
    keyword="use",
    back=lambda use: session_resources_url(use.session_id),
    template="resources/session_resource_remove.html",
    title=lambda: _("Remove this resource from the session?"),
    success=lambda use: _("“%(title)s” removed from the session.") % {"title": use.resource.title},
    name="session_resource_remove",
    methods=["GET", "POST"],
)
