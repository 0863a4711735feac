"""A session's headcount pages: count young people not on the register, or remove a row after
a confirmation. Thin: the selectors read, the services write."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.record_views import record_form_view, remove_view
from heard.participation import selectors, services
from heard.participation.forms import HeadcountForm


def _back(session_id: int) -> str:
    return reverse("participation:session-detail", args=[session_id]) + "#headcount"


headcount_add = record_form_view(
    selectors.session_get,
    "participation.change_session",
    services.headcount_add,
    form=HeadcountForm,
    keyword="session",
    back=lambda session: _back(session.pk),
    title=lambda session: f"Add a headcount to {session}",
    name="headcount_add",
    success="Headcount added.",
    submit_label="Add headcount",
)


headcount_remove = remove_view(
    selectors.headcount_get,
    "participation.change_session",
    services.headcount_remove,
    keyword="headcount",
    checked=lambda headcount: headcount.session,
    back=lambda headcount: _back(headcount.session_id),
    template="participation/headcount_remove.html",
    title=lambda: _("Remove this headcount?"),
    success=lambda headcount: _("Headcount removed."),
    name="headcount_remove",
)
