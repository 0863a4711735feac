"""Pages for recognitions, their certificates, each young person's hours and the totals per
partner: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import disclosure, tables
from heard.core.columns import DATE, KIND, ORGANISATION, YOUNG_PERSON
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.records import Record
from heard.people.models import YoungPerson
from heard.rewards import certificate, selectors, services
from heard.rewards.filters import HoursFilter, RecognitionFilter
from heard.rewards.forms import RecognitionForm, recognition_initial
from heard.rewards.models import Recognition
from heard.rewards.views._common import chosen_period, pdf_response, period_choices

VIEW = "rewards.view_recognition"


RECOGNITION = Record(
    "rewards:recognition",
    "rewards.recognition",
    selectors.recognition_get,
    form=RecognitionForm,
    initial=recognition_initial,
)


def _details(row: Recognition) -> str:
    if row.kind == Recognition.Kind.VOUCHER:
        return f"£{row.voucher_value} {row.voucher_supplier}"
    return certificate.detail(row)


RecognitionListView = RECOGNITION.list_view(
    title="Recognitions",
    selector=selectors.recognitions_visible_to,
    filterset_class=RecognitionFilter,
    columns=(
        RECOGNITION.link_column("Title", "title"),
        KIND,
        YOUNG_PERSON,
        DATE,
        tables.Column(gettext_lazy("Given by"), "organisation.name"),
        tables.Column(gettext_lazy("Details"), _details),
        tables.Column(gettext_lazy("Voucher value (£)"), "voucher_value", in_table=False),
        tables.Column(gettext_lazy("Hours"), "hours", in_table=False),
        tables.Column(gettext_lazy("Notes"), "details", in_table=False),
    ),
)


recognition_detail = RECOGNITION.detail_view(
    "rewards/recognition_detail.html",
    lambda request, recognition: {
        "details": _details(recognition),
        "sees_name": can(request.user, "people.view_youngperson_name", recognition.young_person),
    },
)


@login_required
def recognition_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as a tagged PDF, for staff who may see the young person."""
    recognition = selectors.recognition_get(request.user, pk)
    return pdf_response(certificate.certificate_pdf(recognition), certificate.filename(recognition))


recognition_create = RECOGNITION.create_view(
    services.recognition_give,
    title="Give a recognition",
    submit_label="Give recognition",
    success=lambda added: f"Recognition “{added.title}” given.",
    initial=lambda request: {"young_person": request.GET.get("young_person", "")[:20]},
)
recognition_edit = RECOGNITION.edit_view(services.recognition_update)
recognition_delete = RECOGNITION.delete_view(
    services.recognition_delete, template="rewards/recognition_delete.html"
)


# Hours per young person -------------------------------------------------------------------------


class HoursListView(StaffListView):
    """Each young person's volunteering hours: from the sessions they attended and the hours
    given, with their recognitions, in a period."""

    template_name = "rewards/hours_list.html"
    filterset_class = HoursFilter
    permission_required = VIEW
    title = "Hours per young person"
    csv_filename = "volunteering-hours.csv"
    columns = (
        tables.Column(gettext_lazy("Young person"), "reference", row_header=True),
        ORGANISATION,
        tables.Column(gettext_lazy("Sessions attended"), "sessions_attended", numeric=True),
        tables.Column(gettext_lazy("Hours from sessions"), "session_hours", numeric=True),
        tables.Column(gettext_lazy("Hours given"), "recognised_hours", numeric=True),
        tables.Column(gettext_lazy("Total hours"), "total_hours", numeric=True),
        tables.Column(gettext_lazy("Recognitions"), "recognition_count", numeric=True),
        tables.Column(gettext_lazy("Certificates"), "certificates", numeric=True),
        tables.Column(gettext_lazy("Vouchers (£)"), "voucher_value", numeric=True),
    )

    def get_base_queryset(self) -> QuerySet[YoungPerson]:
        today = timezone.localdate()
        self.period, start, end = chosen_period(
            self.request.user, self.request.GET.get("period"), today
        )
        self.periods = period_choices(self.request.user, today)
        return selectors.young_people_hours(self.request.user, start=start, end=end)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        carried = [
            (name, value)
            for name, values in self.request.GET.lists()
            if name not in ("period", "page", "format")
            for value in values
        ]
        context.update(periods=self.periods, period=self.period, carried=carried)
        return context


# Totals per partner -----------------------------------------------------------------------------


def _exact_only(name: str) -> Any:
    return lambda row: getattr(row, name) if row.exact else ""


PARTNER_COLUMNS = (
    tables.Column(gettext_lazy("Organisation"), "organisation.name", row_header=True),
    tables.Column(
        gettext_lazy("Young people recognised or with hours"), "shown_young_people", numeric=True
    ),
    tables.Column(
        gettext_lazy("Young people with hours from sessions"),
        "shown_with_session_hours",
        numeric=True,
    ),
    tables.Column(gettext_lazy("Recognitions given"), "shown_recognitions", numeric=True),
    tables.Column(gettext_lazy("Hours from sessions"), _exact_only("session_hours"), numeric=True),
    tables.Column(gettext_lazy("Hours given"), _exact_only("recognised_hours"), numeric=True),
    tables.Column(gettext_lazy("Total hours"), _exact_only("total_hours"), numeric=True),
    tables.Column(gettext_lazy("Vouchers (£)"), _exact_only("voucher_value"), numeric=True),
    tables.Column(gettext_lazy("Figures"), lambda row: "Exact" if row.exact else "Protected"),
)


@login_required
def partner_totals(request: HttpRequest) -> HttpResponseBase:
    """Per partner organisation: young people recognised or with hours, recognitions, hours and
    vouchers. Exact where the reader may open every record behind a row; protected otherwise
    (counts rounded under the disclosure policy, no hours or money), in fixed periods."""
    user = request.user
    if not can(user, "rewards.view_hoursdefault"):
        raise PermissionDenied
    today = timezone.localdate()
    period, start, end = chosen_period(user, request.GET.get("period"), today)
    rows = selectors.totals_by_organisation(user, start=start, end=end)
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        return export_response(
            export_format, rows, tables.csv_columns(PARTNER_COLUMNS), "recognition-totals.csv"
        )
    query = f"period={period}"
    context = {
        "title": _("Recognition and hours per partner"),
        "rows": rows,
        "columns": PARTNER_COLUMNS,
        "periods": period_choices(user, today),
        "period": period,
        "any_protected": any(not row.exact for row in rows),
        "protected_note": disclosure.PROTECTED_NOTE,
        "csv_query": f"{query}&format=csv",
        "xlsx_query": f"{query}&format=xlsx",
    }
    return render(request, "rewards/partner_totals.html", context)
