"""The audits' pages: their list, an audit, recording, editing and deleting one, and the kite
mark register."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.audits import filters, forms, selectors, services
from heard.audits.models import Audit
from heard.audits.views._common import delete_view, link, the_named
from heard.audits.warnings import warn_untrained
from heard.core import tables
from heard.core.columns import ORGANISATION_CSV, SERVICE_CSV
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.records import Record

HOLDER = tables.Column(
    gettext_lazy("Organisation or service"),
    "holder",
    cell=link("audits:audit-detail", "{{ row.holder }}"),
)
DATE = tables.Column(gettext_lazy("Date of the audit"), "date")
DECISION = tables.Column(
    gettext_lazy("Kite mark decision"),
    lambda audit: audit.get_decision_display() or "Not decided yet",
)
EXPIRES = tables.Column(gettext_lazy("Kite mark expires on"), "expires_on")


def _warn(request: HttpRequest, audit: Audit) -> None:
    warn_untrained(request, audit.young_auditors.all(), audit.date)


AUDIT = Record(
    "audits:audit",
    "audits.audit",
    selectors.audit_get,
    form=forms.AuditForm,
    initial=forms.AuditForm.initial_for,
    label=the_named,
    saved=_warn,
)
AuditListView = AUDIT.list_view(
    title="Audits",
    selector=selectors.audits_visible_to,
    filterset_class=filters.AuditFilter,
    columns=(
        HOLDER,
        ORGANISATION_CSV,
        SERVICE_CSV,
        DATE,
        DECISION,
        EXPIRES,
        tables.Column(gettext_lazy("What is needed"), "needed", in_table=False),
    ),
)


def _state(audit: Audit) -> str:
    return {
        "current": "Current",
        "due": "Renewal due",
        "expired": "Expired",
    }.get(audit.kite_mark_state(timezone.localdate()), "")


STATE_TAGS = (
    '{% if row.expires_on < today %}<strong class="govuk-tag govuk-tag--red">Expired</strong>'
    '{% elif row.expires_on <= renewal_from %}<strong class="govuk-tag govuk-tag--yellow">'
    "Renewal due</strong>{% else %}Current{% endif %}"
)


class KiteMarkListView(StaffListView):
    selector = staticmethod(selectors.kite_marks)
    permission_required = "audits.view_audit"
    template_name = "audits/kite_mark_list.html"
    filterset_class = filters.KiteMarkFilter
    title = "Kite mark register"
    csv_filename = "kite-marks.csv"
    columns = (
        HOLDER,
        ORGANISATION_CSV,
        SERVICE_CSV,
        tables.Column(gettext_lazy("Awarded"), "date"),
        EXPIRES,
        tables.Column(gettext_lazy("Renewal"), _state, cell=STATE_TAGS),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        context["renewal_from"] = today + datetime.timedelta(days=selectors.RENEWAL_WINDOW)
        return context


def _audit_page(request: HttpRequest, audit: Audit) -> dict[str, Any]:
    sees_young_people = can(request.user, "audits.view_young_people_audit", audit)
    young = audit.young_auditors.all()
    return {
        "untrained": {p.pk for p in selectors.untrained(young, audit.date, selectors.AUDIT_KINDS)}
        if sees_young_people
        else set(),
        "title": str(audit),
        "levels": selectors.levels_in_order(audit),
        "today": timezone.localdate(),
        "state": _state(audit),
        "can_view_young_people": sees_young_people,
    }


audit_detail = AUDIT.detail_view("audits/audit_detail.html", _audit_page)


audit_create = AUDIT.create_view(
    services.audit_record,
    title="Record an audit",
    submit_label="Record the audit",
    success="Audit recorded.",
    initial=lambda request: {"organisation": request.GET.get("organisation")},
)
audit_edit = AUDIT.edit_view(services.audit_update, success="Audit updated.")
audit_delete = delete_view(
    AUDIT,
    services.audit_delete,
    warning="Its levels and kite mark decision are deleted with it.",
)
