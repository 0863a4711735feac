"""The audits' pages: their list, an audit, recording, editing and deleting one, and the kite
mark register."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from heard.audits import filters, forms, selectors, services
from heard.audits.models import Audit
from heard.audits.views._common import delete_view, history_url, link
from heard.audits.warnings import warn_untrained
from heard.core import tables
from heard.core.forms import form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.records import Record

HOLDER = tables.Column(
    "Organisation or service", "holder", cell=link("audits:audit-detail", "{{ row.holder }}")
)
DATE = tables.Column("Date of the audit", "date")
DECISION = tables.Column(
    "Kite mark decision",
    lambda audit: audit.get_decision_display() or "Not decided yet",
)
EXPIRES = tables.Column("Kite mark expires on", "expires_on")


class AuditListView(StaffListView):
    selector = staticmethod(selectors.audits_visible_to)
    permission_required = "audits.view_audit"
    context_permissions = {"can_add": "audits.add_audit"}
    template_name = "audits/audit_list.html"
    filterset_class = filters.AuditFilter
    title = "Audits"
    csv_filename = "audits.csv"
    columns = (
        HOLDER,
        tables.Column("Organisation", "organisation.name", in_table=False),
        tables.Column("Service", "service", in_table=False),
        DATE,
        DECISION,
        EXPIRES,
        tables.Column("What is needed", "needed", in_table=False),
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
        tables.Column("Organisation", "organisation.name", in_table=False),
        tables.Column("Service", "service", in_table=False),
        tables.Column("Awarded", "date"),
        EXPIRES,
        tables.Column("Renewal", _state, cell=STATE_TAGS),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        context["renewal_from"] = today + datetime.timedelta(days=selectors.RENEWAL_WINDOW)
        return context


def _audit_url(audit: Audit) -> str:
    return reverse("audits:audit-detail", args=[audit.pk])


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    audit = selectors.audit_get(user, pk)
    sees_young_people = can(user, "audits.view_young_people_audit", audit)
    young = audit.young_auditors.all()
    context = {
        "audit": audit,
        "untrained": {p.pk for p in selectors.untrained(young, audit.date, selectors.AUDIT_KINDS)}
        if sees_young_people
        else set(),
        "title": str(audit),
        "levels": selectors.levels_in_order(audit),
        "today": timezone.localdate(),
        "state": _state(audit),
        "can_view_young_people": sees_young_people,
        "can_change": can(user, "audits.change_audit", audit),
        "can_delete": can(user, "audits.delete_audit", audit),
        "history_url": history_url(user, "audits.audit", audit.pk),
    }
    return render(request, "audits/audit_detail.html", context)


@login_required
def audit_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(user, "audits.add_audit")
    initial = {"organisation": request.GET.get("organisation")}
    form = forms.AuditForm(request.POST or None, user=user, initial=initial)

    def save() -> Audit:
        audit = services.audit_record(actor=user, **form.values())
        warn_untrained(request, audit.young_auditors.all(), audit.date)
        return audit

    return form_page(
        request,
        form,
        save,
        success="Audit recorded.",
        then=_audit_url,
        title="Record an audit",
        submit_label="Record the audit",
        cancel_url=reverse("audits:audit-list"),
    )


@login_required
def audit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    audit = selectors.audit_get(user, pk)
    require(user, "audits.change_audit", audit)
    form = forms.AuditForm(
        request.POST or None, user=user, initial=forms.AuditForm.initial_for(audit)
    )

    def save() -> Audit:
        changed = services.audit_update(actor=user, audit=audit, **form.values())
        warn_untrained(request, changed.young_auditors.all(), changed.date)
        return changed

    return form_page(
        request,
        form,
        save,
        success="Audit updated.",
        then=_audit_url,
        title=f"Edit the {str(audit)[:1].lower()}{str(audit)[1:]}",
        submit_label="Save changes",
        cancel_url=_audit_url(audit),
    )


audit_delete = delete_view(
    Record(
        "audits:audit",
        "audits.audit",
        selectors.audit_get,
        label=lambda audit: f"the {str(audit)[:1].lower()}{str(audit)[1:]}",
    ),
    services.audit_delete,
    warning="Its levels and kite mark decision are deleted with it.",
)
