"""Every PDF Heard makes is tagged PDF/UA-1 with embedded fonts, its language and title set, and
shows stored text as text: the subject access export and the "You said, we did" posters."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from heard.portal import poster, selectors
from heard.privacy import services
from heard.privacy.pdf import subject_access_pdf
from heard.voice.models import View
from tests import factories

#: Text a young person or a worker might type that Typst, Markdown or HTML would read as code.
HOSTILE = '#read("/etc/passwd") *bold* $x^2$ <script>alert(1)</script> =SUM(A1) @ref \\ `raw`'


def accessibility(content: bytes) -> dict:
    """What a PDF/UA checker looks at first, read from the file itself."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )["/FontDescriptor"].get_object()
            fonts.append(
                any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
    metadata = root["/Metadata"].get_object().get_data().decode()
    return {
        "tagged": "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"]),
        "language": str(root.get("/Lang")),
        "title": reader.metadata.title,
        "shows title": bool(root["/ViewerPreferences"]["/DisplayDocTitle"]),
        "pdf/ua": "<pdfuaid:part>1</pdfuaid:part>" in metadata or 'pdfuaid:part="1"' in metadata,
        "fonts embedded": bool(fonts) and all(fonts),
        "pages": len(reader.pages),
        "text": " ".join(page.extract_text() for page in reader.pages),
    }


def assert_accessible(content: bytes, title: str) -> dict:
    found = accessibility(content)
    assert content.startswith(b"%PDF-")
    assert found["tagged"], "not tagged"
    assert found["language"] == "en-GB"
    assert found["title"] == title
    assert found["shows title"]
    assert found["pdf/ua"], "no PDF/UA-1 identification in the XMP metadata"
    assert found["fonts embedded"], "a font is not embedded"
    return found


@pytest.fixture
def subject(officer):
    with time_machine.travel("2026-10-01 10:00Z", tick=False):
        young_person = factories.YoungPersonFactory(first_name="Priya")
        view = factories.ViewFactory(young_people=[young_person], text="More buses " + HOSTILE)
        factories.ResponseFactory(views=[view], decision_maker="Transport board")
    return young_person


def test_the_subject_access_pdf_is_tagged_pdf_ua(db, officer, subject):
    data = services.subject_access_export(actor=officer, young_person=subject, format="pdf")
    found = assert_accessible(
        subject_access_pdf(data), f"Everything we hold about {subject.reference}"
    )
    assert "Everything we hold about" in found["text"]
    assert "What they said (views)" in found["text"]
    assert "Transport board" in found["text"]


def test_stored_text_is_drawn_as_it_was_typed(db, officer, subject):
    data = services.subject_access_export(actor=officer, young_person=subject, format="pdf")
    text = " ".join(accessibility(subject_access_pdf(data))["text"].split())
    assert '#read("/etc/passwd")' in text
    assert "root:" not in text
    assert "*bold*" in text and "$x^2$" in text and "<script>alert(1)</script>" in text


def test_the_subject_access_page_serves_the_tagged_pdf(db, client_for, officer, subject):
    response = client_for(officer).get(reverse("privacy:subject-access-pdf", args=[subject.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert_accessible(response.content, f"Everything we hold about {subject.reference}")


@pytest.fixture
def published(db):
    view = factories.ViewFactory(text="A skate park " + HOSTILE, consent=View.Consent.PUBLISH)
    factories.ResponseFactory(views=[view], plain_language="We built one")
    return view


def test_the_poster_is_tagged_pdf_ua_on_one_page(published):
    found = assert_accessible(Client().get(reverse("portal:poster")).content, "You said, we did")
    assert found["pages"] == 1
    text = " ".join(found["text"].split())
    assert "A skate park" in text and '#read("/etc/passwd")' in text and "We built one" in text


def test_a_poster_of_long_items_keeps_to_one_page(db):
    for number in range(6):
        view = factories.ViewFactory(
            text=f"LONG{number} " + "we want more places to go " * 40,
            consent=View.Consent.PUBLISH,
        )
        factories.ResponseFactory(views=[view], plain_language="Something changed. " * 60)
    found = assert_accessible(
        poster.poster_pdf(items=selectors.public_items(), subtitle="Test"), "You said, we did"
    )
    assert found["pages"] == 1
    assert sum(f"LONG{n}" in found["text"] for n in range(6)) == poster.POSTER_ITEMS


def test_an_empty_poster_says_so(db):
    found = assert_accessible(poster.poster_pdf(items=[], subtitle="Test"), "You said, we did")
    assert "Nothing to show here yet" in found["text"]
