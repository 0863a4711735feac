"""The public "You said, we did" pages and posters: only views whose consent is "publish"."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from heard.portal import poster, selectors
from heard.voice.models import View
from tests import factories

pytestmark = pytest.mark.django_db

NEVER_PUBLIC = [
    "AMARA-OWN",
    "BEN-SECRET",
    "BEN-ALONE",
    "CLEO-SECRET",
    "HILLSIDE-GROUP",
    "DAN-SECRET",
    "Amara",
    "Okafor",
    "Benedict",
    "Cleopatra",
    "Quist",
]


def pdf_text(content: bytes) -> str:
    """The text drawn on the poster's pages, as a reader's "copy text" gives it."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_public_page_shows_only_published_views_with_their_answers(world):
    answer = Client().get(reverse("portal:public"))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "PUBLISHED-SKATE" in page and "SKATE-ANSWER" in page and "Partly changed" in page
    assert "RIVERSIDE-GROUP" in page and "GROUP-ANSWER" in page
    for marker in NEVER_PUBLIC:
        assert marker not in page, marker
    for person in (world.amara, world.ben, world.cleo, world.dan):
        assert person.reference not in page
    assert "no-store" in answer["Cache-Control"]
    assert reverse("portal:public-theme", args=[world.theme.pk]) in page


def test_withdrawing_consent_takes_effect_at_once(world):
    client = Client()
    assert "PUBLISHED-SKATE" in client.get(reverse("portal:public")).content.decode()
    View.objects.filter(pk=world.views.published.pk).update(consent=View.Consent.INTERNAL)
    assert "PUBLISHED-SKATE" not in client.get(reverse("portal:public")).content.decode()
    assert "PUBLISHED-SKATE" not in pdf_text(client.get(reverse("portal:poster")).content)


@pytest.mark.parametrize(
    "consent",
    [View.Consent.INTERNAL, View.Consent.QUOTE_ANONYMOUSLY, View.Consent.QUOTE_FIRST_NAME],
)
def test_other_consents_are_never_published(world, consent):
    factories.ViewFactory(text="NOT-TO-PUBLISH", consent=consent, themes=[world.theme])
    client = Client()
    assert "NOT-TO-PUBLISH" not in client.get(reverse("portal:public")).content.decode()
    theme_url = reverse("portal:public-theme", args=[world.theme.pk])
    assert "NOT-TO-PUBLISH" not in client.get(theme_url).content.decode()
    assert "NOT-TO-PUBLISH" not in pdf_text(client.get(reverse("portal:poster")).content)


def test_theme_page_shows_only_that_themes_published_views(world):
    other = factories.ThemeFactory(title="Food at school")
    factories.ViewFactory(
        text="PUBLISHED-FOOD: better lunches", consent=View.Consent.PUBLISH, themes=[other]
    )
    client = Client()
    page = client.get(reverse("portal:public-theme", args=[world.theme.pk])).content.decode()
    assert "PUBLISHED-SKATE" in page and "PUBLISHED-FOOD" not in page
    food = client.get(reverse("portal:public-theme", args=[other.pk])).content.decode()
    assert "PUBLISHED-FOOD" in food and "PUBLISHED-SKATE" not in food
    assert "We are still working on this." in food
    everything = client.get(reverse("portal:public")).content.decode()
    assert "PUBLISHED-FOOD" in everything and "PUBLISHED-SKATE" in everything


def test_unknown_theme_is_not_found(db):
    client = Client()
    assert client.get(reverse("portal:public-theme", args=[999999])).status_code == 404
    assert client.get(reverse("portal:theme-poster", args=[999999])).status_code == 404


def test_public_page_runs_a_fixed_number_of_queries(world, count_queries):
    def add(count):
        for number in range(count):
            view = factories.ViewFactory(
                text=f"EXTRA-PUBLIC {number}", consent=View.Consent.PUBLISH, themes=[world.theme]
            )
            factories.ResponseFactory(views=[view])

    client = Client()
    add(2)
    few, answer = count_queries(lambda: client.get(reverse("portal:public")))
    assert answer.content.decode().count("EXTRA-PUBLIC") == 2
    add(8)
    many, answer = count_queries(lambda: client.get(reverse("portal:public")))
    assert answer.content.decode().count("EXTRA-PUBLIC") == 10
    assert few == many


def test_poster_is_a_valid_pdf_with_the_heading_and_published_items(world):
    answer = Client().get(reverse("portal:poster"))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert "no-store" in answer["Cache-Control"]
    content = answer.content
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
    text = pdf_text(content)
    assert "You said, we did" in text
    assert "PUBLISHED-SKATE" in text and "SKATE-ANSWER" in text
    for marker in NEVER_PUBLIC:
        assert marker not in text, marker
    assert len(PdfReader(io.BytesIO(content)).pages) == 1


def test_theme_poster_and_empty_poster(world, db):
    theme_answer = Client().get(reverse("portal:theme-poster", args=[world.theme.pk]))
    assert theme_answer.content.startswith(b"%PDF-")
    assert world.theme.title in pdf_text(theme_answer.content)
    empty_theme = factories.ThemeFactory(title="Nothing yet")
    empty = Client().get(reverse("portal:theme-poster", args=[empty_theme.pk]))
    assert "Nothing to show here yet" in pdf_text(empty.content)


def test_poster_keeps_to_one_page_with_many_long_items(world):
    for number in range(12):
        view = factories.ViewFactory(
            text=f"LONG {number} " + "we want more places to go " * 30,
            consent=View.Consent.PUBLISH,
        )
        factories.ResponseFactory(views=[view], plain_language="Something changed. " * 40)
    content = poster.poster_pdf(items=selectors.public_items(), subtitle="Test")
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert len(re.findall(r"LONG \d+", pdf_text(content))) == poster.POSTER_ITEMS


def test_photos_never_reach_the_public_pages_or_posters(world):
    """Evidence files are for signed-in staff only, through the checked download: the public
    pages and posters show no image, whether its photographs consent was given, withdrawn or
    never given (Cleo, who gave the published view, has none)."""
    from heard.privacy import services as privacy_services

    photo = factories.EvidenceFactory(view=world.views.published, description="SKATE-PHOTO")
    group_photo = factories.EvidenceFactory(view=world.views.group, description="GROUP-PHOTO")
    download = reverse("voice:evidence-download", args=[photo.pk])
    client = Client()

    def everything_public() -> str:
        pages = [
            client.get(reverse("portal:public")).content.decode(),
            client.get(reverse("portal:public-theme", args=[world.theme.pk])).content.decode(),
            pdf_text(client.get(reverse("portal:poster")).content),
            pdf_text(client.get(reverse("portal:theme-poster", args=[world.theme.pk])).content),
        ]
        return " ".join(pages)

    text = everything_public()
    assert "PUBLISHED-SKATE" in text  # the view is there, its photo is not
    assert "SKATE-PHOTO" not in text and "GROUP-PHOTO" not in text
    assert download not in text and "/voice/evidence/" not in text
    assert client.get(download).status_code == 302  # to sign in: never public
    privacy_services.consent_record(
        actor=None,
        young_person=world.cleo,
        purpose="photographs",
        given_by="parent_or_carer",
        given_on=world.session.date,
        how="written",
    )
    text = everything_public()
    assert "SKATE-PHOTO" not in text and "/voice/evidence/" not in text
    assert reverse("voice:evidence-download", args=[group_photo.pk]) not in text


def test_public_pages_are_paginated_newest_first(world, count_queries):
    """A partnership publishes thousands of views: the page shows twenty at a time."""
    per_page = selectors.PUBLIC_PER_PAGE
    for number in range(per_page + 3):
        factories.ViewFactory(
            text=f"PAGED-{number:02d}.", consent=View.Consent.PUBLISH, themes=[world.theme]
        )
    client = Client()
    first = client.get(reverse("portal:public")).content.decode()
    assert first.count("PAGED-") == per_page
    assert 'rel="next"' in first and "Page 1 of" in first
    published = View.objects.filter(consent=View.Consent.PUBLISH).count()
    last_number = -(-published // per_page)
    last = client.get(reverse("portal:public"), {"page": last_number}).content.decode()
    assert 'rel="prev"' in last and 'rel="next"' not in last
    shown = set(re.findall(r"PAGED-\d\d", first)) | set(
        re.findall(
            r"PAGED-\d\d", client.get(reverse("portal:public"), {"page": 2}).content.decode()
        )
    )
    assert len(shown) == per_page + 3  # every one on some page, none twice
    themed = client.get(reverse("portal:public-theme", args=[world.theme.pk])).content.decode()
    assert themed.count("PAGED-") == per_page and 'rel="next"' in themed
    # A page number out of range shows the last page rather than an error.
    assert client.get(reverse("portal:public"), {"page": 999}).status_code == 200
