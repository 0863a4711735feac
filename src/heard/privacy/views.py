"""Pages for consent, equality monitoring, subject access, erasure and reach: thin, they call
selectors and services."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from heard.core import disclosure
from heard.core.exports import Column, csv_response
from heard.core.forms import save_form
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.people import selectors as people_selectors
from heard.privacy import filters, forms, selectors, services
from heard.privacy.models import Consent, EqualityRecord
from heard.privacy.pdf import subject_access_pdf


def _young_person(request: HttpRequest, pk: int) -> Any:
    if not can(request.user, "people.view_youngperson"):
        raise PermissionDenied
    return people_selectors.young_person_get(request.user, pk)


# Consent ------------------------------------------------------------------------------------------


@login_required
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.view_consent", young_person)
    user = request.user
    return render(
        request,
        "privacy/consents.html",
        {
            "young_person": young_person,
            "consents": selectors.consents_for(user=user, young_person=young_person),
            "photos_allowed": selectors.photos_allowed(young_person),
            "anonymisation": selectors.anonymisation_of(young_person),
            "can_add": can(user, "privacy.add_consent", young_person),
            "can_withdraw": can(user, "privacy.change_consent", young_person),
            "can_equality": can(user, "privacy.view_equalityrecord", young_person),
            "can_export": can(user, "privacy.export_subject_access", young_person),
            "can_erase": can(user, "privacy.erase_youngperson", young_person),
            "can_view_history": can(user, "core.view_history"),
        },
    )


@login_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.add_consent", young_person)
    form = forms.ConsentForm(
        request.POST or None, initial={"given_on": timezone.localdate(), "how": "written"}
    )
    if done := save_form(
        request,
        form,
        lambda: services.consent_record(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
        success="Consent recorded.",
        then=reverse("privacy:consents", args=[young_person.pk]),
    ):
        return done
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": f"Record a consent for {young_person.reference}",
            "cancel_url": reverse("privacy:consents", args=[young_person.pk]),
            "submit_label": "Record consent",
        },
    )


@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "privacy.view_consent"):
        raise PermissionDenied
    consent = selectors.consent_get(request.user, pk)
    require(request.user, "privacy.change_consent", consent)
    form = forms.ConsentWithdrawForm(
        request.POST or None, initial={"withdrawn_on": timezone.localdate()}
    )
    if done := save_form(
        request,
        form,
        lambda: services.consent_withdraw(actor=request.user, consent=consent, **form.cleaned_data),
        success=f"{consent.get_purpose_display()}: consent withdrawn.",
        then=reverse("privacy:consents", args=[consent.young_person_id]),
    ):
        return done
    return render(
        request,
        "privacy/consent_withdraw.html",
        {
            "form": form,
            "consent": consent,
            "title": f"Withdraw consent to {consent.get_purpose_display().lower()}",
            "cancel_url": reverse("privacy:consents", args=[consent.young_person_id]),
            "submit_label": "Withdraw consent",
        },
    )


# Equality monitoring ------------------------------------------------------------------------------


@login_required
def equality(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.view_equalityrecord", young_person)
    record = services.equality_record_read(actor=request.user, young_person=young_person)
    rows = []
    if record is not None:
        for name in services.EQUALITY_FIELDS:
            field = cast(Field, EqualityRecord._meta.get_field(name))
            value = getattr(record, name)
            shown = dict(field.choices or []).get(value, value) if value else "Not answered"
            rows.append((str(field.verbose_name).capitalize(), shown))
    return render(
        request,
        "privacy/equality.html",
        {
            "young_person": young_person,
            "record": record,
            "rows": rows,
            "has_consent": selectors.consent_current(young_person, Consent.Purpose.EQUALITY_DATA),
        },
    )


@login_required
def equality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.change_equalityrecord", young_person)
    record = services.equality_record_read(actor=request.user, young_person=young_person)
    initial = {name: getattr(record, name) for name in services.EQUALITY_FIELDS} if record else {}
    form = forms.EqualityForm(request.POST or None, initial=initial)
    if done := save_form(
        request,
        form,
        lambda: services.equality_record_save(
            actor=request.user, young_person=young_person, **form.cleaned_data
        ),
        success="Equality monitoring saved.",
        then=reverse("privacy:equality", args=[young_person.pk]),
    ):
        return done
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": f"Equality monitoring for {young_person.reference}",
            "cancel_url": reverse("privacy:equality", args=[young_person.pk]),
        },
    )


# Subject access and erasure -----------------------------------------------------------------------


@login_required
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.export_subject_access", young_person)
    return render(request, "privacy/subject_access.html", {"young_person": young_person})


@login_required
def subject_access_json(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    data = services.subject_access_export(
        actor=request.user, young_person=young_person, format="json"
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{young_person.reference}.json"'
    return response


@login_required
def subject_access_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    data = services.subject_access_export(
        actor=request.user, young_person=young_person, format="pdf"
    )
    response = HttpResponse(subject_access_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{young_person.reference}.pdf"'
    return response


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = _young_person(request, pk)
    require(request.user, "privacy.erase_youngperson", young_person)
    anonymisation = selectors.anonymisation_of(young_person)
    form = forms.ErasureForm(request.POST or None)
    if anonymisation is None and request.method == "POST" and form.is_valid():
        try:
            services.young_person_anonymise(actor=request.user, young_person=young_person)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, f"{young_person.reference} has been anonymised.")
            return redirect("privacy:consents", young_person.pk)
    return render(
        request,
        "privacy/erase.html",
        {"young_person": young_person, "form": form, "anonymisation": anonymisation},
    )


# Reach --------------------------------------------------------------------------------------------


REACH_CSV_COLUMNS: list[Column] = [
    ("Characteristic", "characteristic"),
    ("Value", "label"),
    ("Took part", "took_part"),
    ("Took part actively", "active"),
    ("Share of those who took part (%)", "share"),
    ("Benchmark share (%)", "benchmark"),
    ("Gap (percentage points)", "gap"),
]


@login_required
def reach(request: HttpRequest) -> HttpResponseBase:
    if not can(request.user, "privacy.view_reach"):
        raise PermissionDenied
    form = forms.ReachForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else _default_period(request.user)
    report = selectors.reach(
        user=request.user,
        start=data["start"],
        end=data["end"],
        area=data.get("area") or "",
        organisation=data.get("organisation"),
    )
    if request.GET.get("format") == "csv":
        rows = [
            {"characteristic": table.label, **row.__dict__}
            for table in report.tables
            for row in table.rows
        ]
        return csv_response(
            rows_as_objects(rows), REACH_CSV_COLUMNS, f"reach-{report.start}-{report.end}.csv"
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "privacy/reach.html",
        {
            "form": form,
            "report": report,
            "csv_query": (query.urlencode() + "&" if query else "") + "format=csv",
            "can_change": can(request.user, "privacy.change_benchmarkshare"),
            # ADR 0008: the periods a protected reader may choose, as links.
            "periods": [] if report.exact else disclosure.reporting_periods(timezone.localdate()),
        },
    )


def _default_period(user: Any) -> dict[str, Any]:
    form = forms.ReachForm({}, user=user)
    form.is_valid()
    return form.cleaned_data


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def rows_as_objects(rows: list[dict[str, Any]]) -> list[_Row]:
    return [_Row(row) for row in rows]


# Benchmarks and targets ---------------------------------------------------------------------------


class BenchmarkListView(StaffListView):
    template_name = "privacy/benchmark_list.html"
    permission_required = "privacy.view_reach"
    filterset_class = filters.BenchmarkFilter
    title = "Benchmark population shares"
    csv_filename = "benchmark-shares.csv"
    csv_columns: list[Column] = [
        ("characteristic", "characteristic"),
        ("value", "value"),
        ("area", "area"),
        ("share", "share"),
        ("source", "source"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.benchmarks_list()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = can(self.request.user, "privacy.change_benchmarkshare")
        return context


@login_required
def benchmark_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.change_benchmarkshare")
    form = forms.BenchmarkForm(request.POST or None)
    if done := save_form(
        request,
        form,
        lambda: services.benchmark_share_save(actor=request.user, **form.cleaned_data),
        success="Benchmark share saved.",
        then="privacy:benchmarks",
    ):
        return done
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": "Set a benchmark population share",
            "cancel_url": reverse("privacy:benchmarks"),
        },
    )


@login_required
def benchmark_import(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.change_benchmarkshare")
    form = forms.BenchmarkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            saved = services.benchmark_shares_import(actor=request.user, text=text)
        except UnicodeDecodeError:
            form.add_error("file", "Save the file as CSV (UTF-8) and try again.")
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(
                request, f"{len(saved)} benchmark share{'s' if len(saved) != 1 else ''} imported."
            )
            return redirect("privacy:benchmarks")
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": "Import benchmark shares",
            "cancel_url": reverse("privacy:benchmarks"),
            "submit_label": "Import",
        },
    )


class TargetListView(StaffListView):
    template_name = "privacy/target_list.html"
    permission_required = "privacy.view_reach"
    filterset_class = filters.TargetFilter
    title = "Least-heard groups: targets"
    csv_filename = "least-heard-targets.csv"
    csv_columns: list[Column] = [
        ("Group", "label"),
        ("Target", "target"),
        ("From", "start"),
        ("To", "end"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.targets_list()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = can(self.request.user, "privacy.change_leastheardtarget")
        return context


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "privacy.change_leastheardtarget")
    instance = selectors.target_get(pk) if pk is not None else None
    initial = (
        {
            name: getattr(instance, name)
            for name in ("group", "name", "characteristic", "value", "target", "start", "end")
        }
        if instance
        else {}
    )
    form = forms.TargetForm(request.POST or None, initial=initial)
    if done := save_form(
        request,
        form,
        lambda: services.least_heard_target_save(
            actor=request.user, instance=instance, **form.cleaned_data
        ),
        success="Target saved.",
        then="privacy:targets",
    ):
        return done
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": "Change a target" if instance else "Set a target for a least-heard group",
            "cancel_url": reverse("privacy:targets"),
        },
    )
