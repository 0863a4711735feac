"""A certificate of recognition: one A4 page, tagged PDF/UA-1 (heard.core.pdf,
templates/pdf/certificate.typ), with the young person's preferred name, what it recognises,
the date and the organisation that gave it."""

from __future__ import annotations

from pathlib import Path

from heard.core import pdf
from heard.core.models import Partnership
from heard.core.tables import display
from heard.rewards.models import Recognition

TEMPLATE = Path(__file__).parent / "templates" / "pdf" / "certificate.typ"
KIND_WORDS: dict[str, str] = {
    Recognition.Kind.CERTIFICATE: "achievement",
    Recognition.Kind.ACCREDITATION: "accreditation",
    Recognition.Kind.VOUCHER: "thanks",
    Recognition.Kind.HOURS: "volunteering",
}


def detail(recognition: Recognition) -> str:
    """The line under the title: the accreditation, or the hours."""
    if recognition.kind == Recognition.Kind.ACCREDITATION:
        return f"{recognition.accreditation_level}, {recognition.accreditation_body}"
    if recognition.kind == Recognition.Kind.HOURS and recognition.hours is not None:
        return f"{recognition.hours.normalize():f} hours of volunteering"
    return ""


def filename(recognition: Recognition) -> str:
    return f"certificate-{recognition.pk}.pdf"


def certificate_pdf(recognition: Recognition) -> bytes:
    return pdf.render(
        TEMPLATE,
        {
            "name": recognition.young_person.display_name,
            "kind": KIND_WORDS.get(recognition.kind, "recognition"),
            "title": recognition.title,
            "detail": detail(recognition),
            "date": display(recognition.date),
            "organisation": recognition.organisation.name,
            "partnership": Partnership.current().name,
        },
    )
