"""Pages for subject access exports and erasure on request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from heard.privacy import forms, selectors, services
from heard.privacy.pdf import subject_access_pdf
from heard.privacy.views.consents import young_person_for

EXPORT = "privacy.export_subject_access"


@login_required
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, EXPORT)
    return render(request, "privacy/subject_access.html", {"young_person": young_person})


def _export(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    young_person = young_person_for(request, pk, EXPORT)
    data = services.subject_access_export(
        actor=request.user, young_person=young_person, format=format
    )
    if format == "pdf":
        response = HttpResponse(subject_access_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{young_person.reference}.{format}"'
    return response


@login_required
def subject_access_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "json")


@login_required
def subject_access_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "pdf")


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, "privacy.erase_youngperson")
    anonymisation = selectors.anonymisation_of(young_person)
    form = forms.ErasureForm(request.POST or None)
    if anonymisation is None and request.method == "POST" and form.is_valid():
        try:
            services.young_person_anonymise(actor=request.user, young_person=young_person)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(reference)s has been anonymised.") % {"reference": young_person.reference},
            )
            return redirect("privacy:consents", young_person.pk)
    return render(
        request,
        "privacy/erase.html",
        {"young_person": young_person, "form": form, "anonymisation": anonymisation},
    )
