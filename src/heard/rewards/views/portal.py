"""The young person's "My certificates and hours" page in the portal, and their certificates."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from heard.people.models import YoungPerson
from heard.portal.views import portal_required
from heard.rewards import certificate, selectors
from heard.rewards.views._common import pdf_response


@portal_required
def my_certificates(request: HttpRequest, young_person: YoungPerson) -> HttpResponse:
    context = {
        "title": _("My certificates and hours"),
        "recognitions": selectors.portal_recognitions(young_person),
        "hours": selectors.hours_of(young_person),
    }
    return render(request, "rewards/portal_certificates.html", context)


@portal_required
def my_certificate(request: HttpRequest, young_person: YoungPerson, pk: int) -> HttpResponse:
    recognition = selectors.portal_recognition_get(young_person, pk)
    return pdf_response(certificate.certificate_pdf(recognition), certificate.filename(recognition))
